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
        "views/shaqra_beneficiary_menus.xml",
        "views/res_config_settings_views.xml",
        "security/shaqra_portal_security.xml",
        "views/shaqra_beneficiary_views.xml",
        "views/shaqra_data_change_request_views.xml",
        "views/shaqra_beneficiary_portal_views.xml",
        "views/shaqra_portal_templates.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/shaqra_portal_demo.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "shaqra_beneficiary/static/src/scss/shaqra_portal.scss",
        ],
        "web.assets_tests": [
            "shaqra_beneficiary/static/tests/tours/**/*",
        ],
    },
}
