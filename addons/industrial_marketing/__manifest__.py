{
    "name": "Industrial Marketing",
    "summary": "Segments of leads and customers for Mailchimp, Odoo mailings and telemarketing; "
    "call tasks for the managers",
    "version": "18.0.1.0.0",
    "category": "Marketing",
    "license": "LGPL-3",
    "author": "industrial-crm",
    "website": "https://github.com/industrial-crm/industrial-crm",
    "development_status": "Beta",
    "maintainers": ["industrial-crm"],
    "depends": [
        "industrial_crm",
        "mass_mailing",
    ],
    "external_dependencies": {"python": ["mailchimp3", "xlsxwriter"]},
    "data": [
        "security/industrial_marketing_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "wizard/industrial_call_task_wizard_views.xml",
        "views/industrial_marketing_segment_views.xml",
        "views/industrial_mailchimp_sync_views.xml",
        "views/industrial_telemarketing_export_views.xml",
        "views/res_config_settings_views.xml",
        "report/industrial_call_task_report_views.xml",
        "views/industrial_marketing_menus.xml",
    ],
    "demo": [
        "demo/industrial_marketing_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "industrial_marketing/static/src/tours/*.js",
        ],
    },
    "installable": True,
}
