{
    "name": "Shaqra Beneficiary Relationship",
    "summary": "Beneficiary registry, service requests, committees, deadlines and "
    "notices under the Beneficiary Relationship Policy of the Shaqra "
    "Development Association",
    "version": "18.0.1.0.0",
    "category": "Services/Beneficiaries",
    "website": "https://github.com/shaqra-development/shaqra-odoo",
    "author": "Shaqra Development Association",
    "maintainers": ["shaqra-development"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "application": True,
    "installable": True,
    "depends": ["base", "mail", "portal", "hr", "crm", "resource", "utm"],
    "external_dependencies": {
        "python": ["hijridate", "num2words", "xlsxwriter", "openupgradelib"],
    },
    "data": [
        "security/shaqra_beneficiary_groups.xml",
        "security/ir.model.access.csv",
        "data/resource_calendar_data.xml",
        "data/shaqra_request_data.xml",
        "data/shaqra_committee_data.xml",
        "data/mail_template_data.xml",
        "data/utm_medium_data.xml",
        "report/shaqra_committee_meeting_report.xml",
        "report/shaqra_notification_letter_report.xml",
        "views/shaqra_beneficiary_menus.xml",
        "views/res_config_settings_views.xml",
        "views/shaqra_request_views.xml",
        "views/shaqra_request_views_committee.xml",
        "views/shaqra_committee_views.xml",
        "views/shaqra_committee_meeting_views.xml",
        "views/shaqra_notification_views.xml",
        "views/crm_lead_views.xml",
        "wizards/shaqra_notification_wizard_views.xml",
        "wizards/crm_lead_convert_beneficiary_views.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "shaqra_beneficiary/static/tests/tours/**/*",
        ],
    },
}
