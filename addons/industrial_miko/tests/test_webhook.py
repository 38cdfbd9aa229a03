import base64

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import WEBHOOK_SECRET, MikoCommon


@tagged("post_install", "-at_install")
class TestWebhook(HttpCase, MikoCommon):
    QUERY = ("date=2026-11-20T13:10:10+03:00&id=mikopbx-1698228609.369&uid=mikopbx-1698228610.373_een3wt"
             "&number={number}&channel=PJSIP/SIP-1692280724-0000007c&did=1233&action={action}")

    def alert(self, secret=WEBHOOK_SECRET, number="79161234567", action="incoming-call", headers=None, query=None):
        path = "/industrial_miko/alert" + (f"/{secret}" if secret else "")
        return self.url_open(f"{path}?{query or self.QUERY.format(number=number, action=action)}",
                             headers=headers, allow_redirects=False)

    def test_auth(self):
        """No secret: 401; a wrong one: 403; neither leaves a trace."""
        self.assertEqual(self.alert(secret=None).status_code, 401)
        self.assertEqual(self.alert(secret="wrong").status_code, 403)
        bad_basic = {"Authorization": "Basic " + base64.b64encode(b"pbx:wrong").decode()}
        self.assertEqual(self.alert(secret=None, headers=bad_basic).status_code, 403)
        self.assertEqual(self.alert(secret=None, headers={"Authorization": "Basic %%%"}).status_code, 403)
        self.assertFalse(self.calls())

    def test_missed_call_from_events(self):
        """Incoming then a hangup without answer: after landing, the lead has a 'Call back' activity."""
        self.alert()
        self.alert(query="id=mikopbx-1698228609.369&uid=mikopbx-1698228610.373_een3wt&date=2026-11-20T13:10:40%2B03:00"
                         "&user=201&did=1233&action=hangup")
        self.Call._cron_link_calls()
        call = self.calls("mikopbx-1698228609.369")
        self.assertEqual(call.disposition, "missed")
        self.assertEqual(
            call.lead_id.activity_ids.activity_type_id, self.env.ref("industrial_miko.mail_act_call_back")
        )

    @mute_logger("odoo.sql_db")
    def test_concurrent_change_leaves_one_call_for_the_next_run(self):
        """A call changed by an event on another worker while the job lands it fails to
        serialize (raised here by PostgreSQL itself, from a trigger): the other calls of the
        batch still land, that one lands at the next run."""
        self.Call._cron_link_calls()  # no backlog from other data
        self.alert(number="84951112233")
        self.alert(query="id=mikopbx-2.1&uid=mikopbx-2.1_x&number=79035550101&did=1233&action=incoming-call")
        busy = self.calls("mikopbx-1698228609.369")
        other = self.calls("mikopbx-2.1")
        self.assertFalse(busy.linked or other.linked)
        self.env.cr.execute(f"""
            CREATE FUNCTION pg_temp.industrial_test_busy_call() RETURNS trigger AS $$
            BEGIN
                IF NEW.id = {busy.id} THEN
                    RAISE EXCEPTION USING ERRCODE = 'serialization_failure',
                        MESSAGE = 'could not serialize access due to concurrent update';
                END IF;
                RETURN NEW;
            END $$ LANGUAGE plpgsql;
            CREATE TRIGGER industrial_test_busy_call BEFORE UPDATE ON industrial_call
                FOR EACH ROW EXECUTE FUNCTION pg_temp.industrial_test_busy_call();
        """)
        self.assertEqual(self.Call._cron_link_calls(), 1)
        self.assertTrue(other.linked)
        self.assertTrue(other.request_id)
        self.assertFalse(busy.linked, "nothing of the failed landing was kept")
        self.assertFalse(self.env["industrial.request"].search([("partner_id", "=", self.customer.id),
                                                                ("channel", "=", "phone")]))
        self.env.cr.execute("DROP TRIGGER industrial_test_busy_call ON industrial_call")
        self.assertEqual(self.Call._cron_link_calls(), 1)
        self.assertTrue(busy.linked)
        self.assertEqual(busy.partner_id, self.customer)

    def test_no_secret_configured(self):
        """An exchange without a webhook secret accepts nothing, not even an empty one."""
        self.connection.webhook_secret = False
        self.assertEqual(self.alert().status_code, 403)
        self.assertFalse(self.calls())

    def test_incoming_call_known_contact(self):
        """The PBX gets the known caller's name as plain text; the call is recorded once."""
        self.Call._cron_link_calls()  # no backlog from other data
        response = self.alert(number="84951112233")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.text, "Cryogenmash JSC")
        self.assertTrue(response.headers["Content-Type"].startswith("text/plain"))
        self.alert(number="84951112233")
        call = self.calls("mikopbx-1698228609.369")
        self.assertEqual(len(call), 1)
        self.assertFalse(call.linked, "the name is answered before the call is landed")
        self.assertEqual(self.Call._cron_link_calls(), 1)
        self.assertEqual(call.partner_id, self.customer)
        self.assertEqual(self.Call._cron_link_calls(), 0)

    def test_basic_auth_unknown_number(self):
        """Basic auth works too; an unknown caller gets an empty name and a new lead."""
        basic = {"Authorization": "Basic " + base64.b64encode(f"pbx:{WEBHOOK_SECRET}".encode()).decode()}
        response = self.alert(secret=None, headers=basic)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.text, "")
        self.Call._cron_link_calls()
        call = self.calls("mikopbx-1698228609.369")
        self.assertTrue(call.request_id.is_new_customer)
        self.assertEqual(call.lead_id.partner_id, call.partner_id)

    def test_hostile_input(self):
        """HTML, SQL, 10 kB numbers and non-UTF-8 bytes: answered, stored inert, nothing breaks."""
        for number in ("<b>x</b>", "1'%3B DROP TABLE res_partner%3B--", "7" * 10240, "%FF%FE%81"):
            response = self.alert(number=number)
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response.text, "")
        self.Call._cron_link_calls()
        call = self.calls("mikopbx-1698228609.369")
        self.assertEqual(len(call), 1)
        self.assertFalse(call.lead_id)
        self.assertEqual(self.alert(query="action=incoming-call&number=1").status_code, 400)
