from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    industrial_ru_check_requisites = fields.Boolean(
        string="Russian Requisites Checks", config_parameter="industrial_ru.check_requisites",
        help="Check INN, KPP, OGRN/OGRNIP, BIC and account keys of partners and banks in Russia "
        "(or without a country). Switch off for a company outside Russia.",
    )

    def action_industrial_ru_setup_vat(self):
        self.env.company._industrial_ru_setup_vat()
        return True
