{
    "name": "Shaqra Complaints",
    "summary": "Complaints, disputes, support and inquiries with a gap-free tracking "
    "number, working-day SLA, follow-up committee and amicable settlement",
    "version": "18.0.1.0.0",
    "category": "Services/Beneficiaries",
    "website": "https://github.com/shaqra-development/shaqra-odoo",
    "author": "Shaqra Development Association",
    "maintainers": ["shaqra-development"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "application": False,
    "installable": True,
    "depends": ["shaqra_beneficiary", "website", "survey", "rating"],
    "data": [
        "security/shaqra_complaints_security.xml",
        "security/ir.model.access.csv",
        "data/shaqra_complaint_stage_data.xml",
        "data/shaqra_complaint_data.xml",
        "data/shaqra_complaint_sla_data.xml",
        "report/shaqra_complaint_settlement_report.xml",
        "report/shaqra_committee_meeting_report.xml",
        "views/shaqra_complaint_views.xml",
        "views/shaqra_committee_meeting_views.xml",
        "wizards/shaqra_complaint_wizard_views.xml",
        "views/shaqra_complaints_menus.xml",
        "data/shaqra_complaint_website_data.xml",
        "data/shaqra_complaint_portal_mail_data.xml",
        "views/shaqra_complaint_website_templates.xml",
        "views/shaqra_complaint_portal_templates.xml",
    ],
    "demo": [
        "demo/shaqra_complaint_demo.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "shaqra_complaints/static/src/scss/shaqra_complaint.scss",
        ],
        "web.assets_tests": [
            "shaqra_complaints/static/tests/tours/**/*",
        ],
    },
}
