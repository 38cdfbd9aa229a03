{
    "name": "Industrial CRM: MikoPBX Telephony",
    "summary": "Calls from the MikoPBX exchange land in the CRM; click-to-call",
    "version": "18.0.0.1.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "industrial-crm",
    "website": "https://github.com/industrial-crm/industrial-crm",
    "development_status": "Alpha",
    "maintainers": ["industrial-crm"],
    "depends": ["industrial_crm"],
    "data": [
        "security/industrial_miko_security.xml",
    ],
    "installable": True,
}
