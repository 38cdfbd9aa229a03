{
    "name": "Industrial CRM: Russia",
    "summary": "Russian requisites (INN, KPP, OGRN, BIC), VAT as in force, Russian printed documents, "
    "a Russian SMS gateway and customer notices",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "industrial-crm",
    "website": "https://github.com/industrial-crm/industrial-crm",
    "development_status": "Beta",
    "maintainers": ["industrial-crm"],
    "depends": [
        "industrial_crm",
        "calendar",
        "account",
        "sms",
    ],
    "data": [
        "data/mail_activity_type_data.xml",
        "data/mail_template_data.xml",
        "data/sms_template_data.xml",
        "data/ir_cron_data.xml",
        "views/sms_sms_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": [
    ],
    "installable": True,
}
