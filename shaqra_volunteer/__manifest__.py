{
    "name": "Shaqra Volunteers",
    "summary": "Volunteer sign-up, the volunteer agreement, opportunities, hours, "
    "certificates and volunteers as a notice channel under the Volunteer "
    "Management Policy of the Shaqra Development Association",
    "version": "18.0.1.0.0",
    "category": "Services/Beneficiaries",
    "website": "https://github.com/shaqra-development/shaqra-odoo",
    "author": "Shaqra Development Association",
    "maintainers": ["shaqra-development"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "application": True,
    "installable": True,
    "depends": ["shaqra_beneficiary", "website"],
    "data": [
        "security/shaqra_volunteer_groups.xml",
        "security/ir.model.access.csv",
        "security/shaqra_volunteer_security.xml",
        "report/shaqra_volunteer_certificate_report.xml",
        "views/shaqra_volunteer_skill_views.xml",
        "views/shaqra_volunteer_views.xml",
        "views/shaqra_volunteer_opportunity_views.xml",
        "views/shaqra_volunteer_assignment_views.xml",
        "views/shaqra_volunteer_hours_views.xml",
        "views/shaqra_notification_views.xml",
        "views/shaqra_notification_wizard_views.xml",
        "views/shaqra_volunteer_menus.xml",
        "views/shaqra_volunteer_website_templates.xml",
        "views/shaqra_volunteer_portal_templates.xml",
        "data/website_menu_data.xml",
    ],
    "demo": [
        "demo/shaqra_volunteer_demo.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "shaqra_volunteer/static/src/scss/shaqra_volunteer.scss",
        ],
        "web.assets_tests": [
            "shaqra_volunteer/static/tests/tours/**/*",
        ],
    },
}
