import psycopg2

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MikoCommon


@tagged("post_install", "-at_install")
class TestClickToCall(MikoCommon):
    def test_call_from_deal_and_contact(self):
        """The manager's extension rings, then the customer's normalized number is dialed."""
        deal = self._create_deal(partner_id=self.customer.id, user_id=self.user_manager.id)
        action = deal.with_user(self.user_manager).action_industrial_call()
        self.assertEqual(action["tag"], "display_notification")
        originate = [a for a in self.ami.actions if a["Action"] == "Originate"]
        self.assertEqual(originate[0]["Channel"], "Local/201@internal-originate")
        self.assertEqual(originate[0]["Exten"], "+74951112233", "E.164 by default, never 7XXXXXXXXXX without +")
        self.customer.with_user(self.user_manager).action_industrial_call()
        request = self.env["industrial.request"].browse(
            self.env["industrial.request"].register_request("phone", phone="+7 916 777-66-55")["request_id"]
        )
        self.connection.extension_ids = [(0, 0, {"extension": "203", "user_id": self.user_dispatcher.id})]
        request.with_user(self.user_dispatcher).action_industrial_call()
        originate = [a for a in self.ami.actions if a["Action"] == "Originate"]
        self.assertEqual(len(originate), 3)
        self.assertEqual(originate[2]["Channel"], "Local/203@internal-originate")
        self.assertEqual(originate[2]["Exten"], "+79167776655")

    def test_errors_shown(self):
        """No extension, no number, refused login, exchange silent: a clear message each."""
        with self.assertRaisesRegex(UserError, "no extension"):
            self.customer.with_user(self.user_head).action_industrial_call()
        nobody = self.env["res.partner"].create({"name": "No phone"})
        with self.assertRaisesRegex(UserError, "no phone number"):
            nobody.with_user(self.user_manager).action_industrial_call()
        self.connection.ami_secret = "wrong"
        with self.assertRaisesRegex(UserError, "could not place the call"):
            self.customer.with_user(self.user_manager).action_industrial_call()
        self.connection.ami_secret = self.ami.secret
        self.ami.silent = 1.5
        with self.assertRaisesRegex(UserError, "could not place the call"):
            self.customer.with_user(self.user_manager).action_industrial_call()

    def test_test_connection(self):
        """The Test Connection button reports success, or the exchange's refusal."""
        self.assertEqual(self.connection.action_test_connection()["params"]["type"], "success")
        self.pbx.api_key = "rotated"
        with self.assertRaisesRegex(UserError, "refused the API key"):
            self.connection.action_test_connection()

    def test_connection_validation(self):
        """Bad settings are refused with a clear message."""
        with self.assertRaisesRegex(ValidationError, "must start with http"):
            self.connection.base_url = "ftp://pbx.example.com"
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.errors.CheckViolation):
            with self.env.cr.savepoint():
                self.connection.timeout = 0
                self.connection.flush_recordset()
        self.connection.ami_host = False
        with self.assertRaisesRegex(UserError, "AMI host"):
            self.customer.with_user(self.user_manager).action_industrial_call()
