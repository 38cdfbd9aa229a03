from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # the parameter keys keep their industrial_crm prefix: databases split from it keep their settings
    industrial_mailchimp_api_key = fields.Char(
        string="Mailchimp API Key",
        config_parameter="industrial_crm.mailchimp_api_key",
        groups="base.group_system",
    )
    industrial_mailchimp_base_url = fields.Char(
        string="Mailchimp API URL",
        config_parameter="industrial_crm.mailchimp_base_url",
        groups="base.group_system",
        help="Leave empty to use the data centre of the key; set for a proxy.",
    )
    industrial_mailchimp_batch_size = fields.Integer(
        string="Mailchimp Batch Size",
        config_parameter="industrial_crm.mailchimp_batch_size",
        default=5000,
        groups="base.group_system",
    )
