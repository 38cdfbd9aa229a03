{
    "name": "Industrial CRM: Production Link",
    "summary": "Stock or production coverage and production readiness on the deal",
    "version": "18.0.0.1.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "industrial-crm",
    "website": "https://github.com/industrial-crm/industrial-crm",
    "development_status": "Alpha",
    "maintainers": ["industrial-crm"],
    "depends": ["industrial_crm", "mrp", "purchase_stock"],
    "data": [
        "security/industrial_production_link_security.xml",
    ],
    "installable": True,
}
