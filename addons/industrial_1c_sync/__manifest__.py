{
    "name": "Industrial CRM: 1C Exchange",
    "summary": "Scheduled two-way exchange with 1C:Trade Management 11 over OData",
    "version": "18.0.0.3.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "industrial-crm",
    "website": "https://github.com/industrial-crm/industrial-crm",
    "development_status": "Alpha",
    "maintainers": ["industrial-crm"],
    "depends": ["industrial_crm"],
    "data": [
        "security/industrial_1c_sync_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "views/industrial_1c_connection_views.xml",
        "views/industrial_1c_sync_log_views.xml",
    ],
    "demo": [
        "demo/industrial_1c_connection_demo.xml",
    ],
    "external_dependencies": {"python": ["requests"]},
    "installable": True,
}
