"""End to end over XML-RPC, as an integrator would call the suite.

Runs against the live server `make test` starts on the test database
(ODOO_URL, ODOO_DB); it uses only the standard library's xmlrpc.client.
"""
import os
import unittest
import uuid
import xmlrpc.client

URL = os.environ.get("ODOO_URL", "http://127.0.0.1:8069")
DB = os.environ.get("ODOO_DB", "industrial")


class XmlRpcCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.common = xmlrpc.client.ServerProxy(f"{URL}/xmlrpc/2/common", allow_none=True)
        cls.models = xmlrpc.client.ServerProxy(f"{URL}/xmlrpc/2/object", allow_none=True)

    def login(self, login, password=None):
        uid = self.common.authenticate(DB, login, password or login, {})
        self.assertTrue(uid, f"demo user {login} cannot log in")
        return uid, password or login

    def call(self, user, model, method, *args, **kwargs):
        uid, password = user
        return self.models.execute_kw(DB, uid, password, model, method, list(args), kwargs)


class TestRegisterOverXmlRpc(XmlRpcCase):
    def test_register_new_caller_then_known(self):
        dispatcher = self.login("dispatcher")
        phone = "+7 903 %03d-%02d-%02d" % (uuid.uuid4().int % 900 + 100, uuid.uuid4().int % 90 + 10, 11)
        first = self.call(dispatcher, "industrial.request", "register_request", "phone",
                          phone=phone, name="RPC Caller", text="Need a quote")
        self.assertTrue(first["number"].startswith("REQ-"))
        self.assertTrue(first["is_new_customer"])
        self.assertTrue(first["lead_id"])
        digits = "7" + "".join(ch for ch in phone if ch.isdigit())[1:]
        second = self.call(dispatcher, "industrial.request", "register_request", "phone", phone=digits)
        self.assertEqual(second["partner_id"], first["partner_id"])
        self.assertEqual(second["lead_id"], first["lead_id"])
        self.assertFalse(second["is_new_customer"])
        status = self.call(dispatcher, "res.partner", "read", [first["partner_id"]], ["industrial_customer_status"])
        self.assertEqual(status[0]["industrial_customer_status"], "potential")

    def test_unknown_direction_is_a_clear_fault(self):
        director = self.login("director")
        before = self.call(director, "industrial.request", "search_count", [])
        with self.assertRaises(xmlrpc.client.Fault) as err:
            self.call(director, "industrial.request", "register_request", "phone",
                      phone="+7 903 111-22-33", direction_code="NO-SUCH")
        self.assertIn("Unknown sales direction code", err.exception.faultString)
        self.assertEqual(self.call(director, "industrial.request", "search_count", []), before)

    def test_direction_code_routes_to_head(self):
        director = self.login("director")
        result = self.call(director, "industrial.request", "register_request", "email",
                           email=f"rpc-{uuid.uuid4().hex[:8]}@example.ru", direction_code="HV",
                           text="Вакуумная установка")
        lead = self.call(director, "crm.lead", "read", [result["lead_id"]], ["direction_id", "activity_user_id"])[0]
        self.assertEqual(lead["direction_id"][1], self.call(
            director, "industrial.direction", "search_read", [("code", "=", "HV")], ["name"])[0]["name"])
        self.assertTrue(lead["activity_user_id"], "the head has an activity to assign a manager")

    def test_manager_cannot_read_other_direction(self):
        manager = self.login("manager_pump")
        visible = self.call(manager, "industrial.request", "search_read", [], ["direction_id"])
        codes = {row["direction_id"][1] for row in visible if row["direction_id"]}
        directions = self.call(manager, "industrial.direction", "search_read",
                               [("code", "in", ["HV", "HEAT"])], ["name"])
        for direction in directions:
            self.assertNotIn(direction["name"], codes)


if __name__ == "__main__":
    unittest.main()
