import logging

from odoo import models

_logger = logging.getLogger(__name__)


class MailAlias(models.Model):
    _inherit = "mail.alias"

    def _alias_bounce_incoming_email(self, message, message_dict, set_invalid=True):
        """A request email delivered twice at once is no error of the sender's."""
        if message_dict.get("industrial_duplicate"):
            _logger.info("Not bouncing duplicate email %s", message_dict.get("message_id"))
            return
        return super()._alias_bounce_incoming_email(message, message_dict, set_invalid=set_invalid)
