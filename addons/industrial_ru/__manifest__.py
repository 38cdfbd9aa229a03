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
    "external_dependencies": {"python": ["num2words"]},
    "data": [
        "security/industrial_ru_security.xml",
        "data/ir_config_parameter_data.xml",
        "data/res_lang_data.xml",
        "views/res_partner_views.xml",
        "views/res_bank_views.xml",
        "views/account_tax_views.xml",
        "views/res_config_settings_views.xml",
        "report/industrial_ru_reports.xml",
        "report/industrial_ru_templates.xml",
        "data/mail_activity_type_data.xml",
        "data/mail_template_data.xml",
        "data/sms_template_data.xml",
        "data/ir_cron_data.xml",
        "views/sms_sms_views.xml",
    ],
    "demo": [
        "demo/industrial_ru_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "industrial_ru/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
