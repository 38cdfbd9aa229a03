{
    "name": "Industrial CRM: Approvals",
    "summary": "Discount approval per brand and invoice approval by amount, on OCA tier validation",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "industrial-crm",
    "website": "https://github.com/industrial-crm/industrial-crm",
    "development_status": "Beta",
    "maintainers": ["industrial-crm"],
    "depends": [
        "industrial_crm",
        # installed after the suite's demo deals are invoiced, which its thresholds would hold back
        "industrial_production_link",
        "base_tier_validation",
        "sale_tier_validation",
        "account_move_tier_validation",
    ],
    "data": [
        "security/industrial_approval_security.xml",
        "security/ir.model.access.csv",
        "data/mail_activity_type_data.xml",
        "data/tier_definition_data.xml",
        "views/tier_validation_templates.xml",
        "views/industrial_product_brand_views.xml",
        "views/product_template_views.xml",
        "views/sale_order_views.xml",
        "views/account_move_views.xml",
        "views/crm_lead_views.xml",
        "views/industrial_discount_approval_views.xml",
        "views/res_config_settings_views.xml",
        "views/industrial_approval_menus.xml",
    ],
    "demo": [
        "demo/industrial_approval_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "industrial_approval/static/src/tours/*.js",
        ],
    },
    "installable": True,
}
