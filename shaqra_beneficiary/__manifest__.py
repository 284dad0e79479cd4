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
        "security/shaqra_beneficiary_security.xml",
        "data/resource_calendar_data.xml",
        "data/shaqra_request_data.xml",
        "data/shaqra_request_deadline_data.xml",
        "views/shaqra_beneficiary_views.xml",
        "views/shaqra_work_field_views.xml",
        "views/shaqra_beneficiary_category_views.xml",
        "views/shaqra_document_type_views.xml",
        "views/shaqra_liaison_assignment_views.xml",
        "views/shaqra_liaison_report_views.xml",
        "views/shaqra_service_type_views.xml",
        "views/shaqra_request_views.xml",
        "wizards/shaqra_request_recompute_deadline_views.xml",
        "wizards/shaqra_holiday_wizard_views.xml",
        "views/shaqra_document_access_log_views.xml",
        "views/shaqra_beneficiary_menus.xml",
        "views/res_config_settings_views.xml",
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
