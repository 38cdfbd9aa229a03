from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import OneCSyncCommon
from .onec_server import COUNTERPARTIES, ORDERS, PARTNERS, PAYMENTS

INN_GUID = "6f1c2a3b-0000-4000-8000-000000000001"


def valid_inn(number):
    """A 10-digit INN with its official check digit, from a 9-digit number."""
    digits = "%09d" % number
    check = sum(int(d) * w for d, w in zip(digits, (2, 4, 10, 3, 5, 9, 4, 6, 8))) % 11 % 10
    return f"{digits}{check}"


@tagged("post_install", "-at_install")
class TestSyncOut(OneCSyncCommon):

    def test_deal_company_becomes_potential_customer_with_request_number(self):
        deal, request = self._deal_with_request()
        self.connection._run_sync()
        partner = self._one(PARTNERS, Description="Cryogenmash JSC")
        self.assertIs(partner["Клиент"], False, "potential customer until the first won deal")
        self.assertIn(request.name, partner["Комментарий"])
        counterparty = self._one(COUNTERPARTIES, ИНН="7701234578")
        self.assertEqual(counterparty["Партнер_Key"], partner["Ref_Key"])
        self.assertEqual(counterparty["КПП"], "770101001")
        self.assertEqual(self.customer.onec_partner_key, partner["Ref_Key"])
        self.assertEqual(self.customer.onec_counterparty_key, counterparty["Ref_Key"])
        self.assertEqual(self.customer.onec_binding_ids.data_version, counterparty["DataVersion"])
        self.assertFalse(self.customer.onec_dirty)
        self.assertEqual(len(self._logs(direction="out", state="created")), 1)

    def test_second_run_sends_nothing_and_a_change_is_patched(self):
        self._deal_with_request()
        self.connection._run_sync()
        posts = [r for r in self.server.requests if r[0] in ("POST", "PATCH")]
        self.connection._run_sync()
        self.assertEqual([r for r in self.server.requests if r[0] in ("POST", "PATCH")], posts)
        self.customer.name = "Cryogenmash PJSC"
        self.assertTrue(self.customer.onec_dirty)
        self.connection._run_sync()
        self.assertEqual(len(self.server.data[PARTNERS]), 1, "updated, not duplicated")
        self._one(PARTNERS, Description="Cryogenmash PJSC")
        self._one(COUNTERPARTIES, Description="Cryogenmash PJSC")

    def test_won_deal_makes_a_customer(self):
        self._deal_with_request()
        self.connection._run_sync()
        self.customer.industrial_customer_status = "customer"
        self.connection._run_sync()
        self.assertIs(self._one(PARTNERS)["Клиент"], True)

    def test_mapping_of_potential_customer_is_adjustable(self):
        self.connection.write({
            "status_field": "Комментарий", "status_potential_value": '"потенциальный"',
            "comment_field": "Code",
        })
        self._deal_with_request()
        self.connection._run_sync()
        self.assertEqual(self._one(PARTNERS)["Комментарий"], "потенциальный")

    def test_long_name_cut_for_description_kept_in_full_name(self):
        self.customer.name = "Я" * 10000
        self._deal_with_request()
        self.connection._run_sync()
        row = self._one(PARTNERS)
        self.assertEqual(len(row["Description"]), 100)
        self.assertEqual(len(row["НаименованиеПолное"]), 10000)

    def test_conflict_odoo_master(self):
        self._deal_with_request()
        self.connection._run_sync()
        self.server.touch(PARTNERS, self.customer.onec_partner_key, Description="Edited in 1C")
        self.customer.name = "Edited in Odoo"
        self.connection._run_sync()
        self.assertEqual(self._one(PARTNERS)["Description"], "Edited in Odoo")
        self.assertFalse(self._logs(state="failed"))

    def test_conflict_onec_master(self):
        self.connection.write({"master_name": "onec", "master_tax": "onec", "master_contacts": "onec"})
        self._deal_with_request()
        self.connection._run_sync()
        self.server.touch(COUNTERPARTIES, self.customer.onec_counterparty_key,
                          Description="Edited in 1C", НаименованиеПолное="Edited in 1C")
        self.customer.name = "Edited in Odoo"
        self.connection._run_sync()
        self.assertEqual(self.customer.name, "Edited in 1C")
        self.assertEqual(self._one(COUNTERPARTIES)["Description"], "Edited in 1C")

    def test_conflict_settled_field_by_field(self):
        """1C is master of names, Odoo of tax numbers: each side keeps what it owns."""
        self.connection.master_name = "onec"
        self._deal_with_request()
        self.connection._run_sync()
        self.server.touch(COUNTERPARTIES, self.customer.onec_counterparty_key,
                          Description="Name from 1C", НаименованиеПолное="Name from 1C", ИНН="7700000094")
        self.customer.write({"name": "Name from Odoo", "vat": "7700000023"})
        self.connection._run_sync()
        row = self._one(COUNTERPARTIES)
        self.assertEqual((row["Description"], row["ИНН"]), ("Name from 1C", "7700000023"))
        self.assertEqual((self.customer.name, self.customer.vat), ("Name from 1C", "7700000023"))
        self.assertTrue(self._logs(direction="out").filtered(lambda log: "both sides" in (log.message or "")))
        self.assertFalse(self._logs(state="failed"))

    def test_record_deleted_in_1c_is_created_again(self):
        self._deal_with_request()
        self.connection._run_sync()
        self.server.data[PARTNERS].clear()
        self.server.data[COUNTERPARTIES].clear()
        self.customer.name = "Cryogenmash PJSC"
        self.connection._run_sync()
        failed = self._logs(state="failed", direction="out")
        self.assertIn("Deleted in 1C", failed.message)
        self.connection._run_sync()
        self._one(PARTNERS, Description="Cryogenmash PJSC")
        self.assertEqual(self.customer.onec_partner_key, self._one(PARTNERS)["Ref_Key"])

    def test_server_error_on_one_company_does_not_stop_others(self):
        other = self.env["res.partner"].create({"name": "Vacuum Lab LLC", "is_company": True, "vat": "7800000010"})
        self._deal_with_request()
        self._create_deal(partner_id=other.id, name="Pumps for Vacuum Lab")
        self.server.faults.append(("POST", PARTNERS, 500))
        self.connection._run_sync()
        self.assertEqual(len(self.server.data[PARTNERS]), 1)
        self.assertEqual(len(self._logs(state="failed", direction="out")), 1)
        self.assertEqual(self.connection.last_state, "partial")
        self.connection._run_sync()
        self.assertEqual(len(self.server.data[PARTNERS]), 2, "retried, nothing duplicated")
        self.assertEqual(len(self.server.data[COUNTERPARTIES]), 2)


@tagged("post_install", "-at_install")
class TestSyncIn(OneCSyncCommon):

    def setUp(self):
        super().setUp()
        self.connection.sync_partners_out = False

    def test_counterparties_created_and_deduplicated(self):
        self.env["res.partner"].create({"name": "Mail Known", "is_company": True, "email": "buy@known.example.ru"})
        self.server.add(COUNTERPARTIES, Description="Криогенмаш", ИНН="7701234578", КПП="770101001")
        self.server.add(COUNTERPARTIES, Description="Known by mail", ИНН="5000000017",
                        КонтактнаяИнформация=[{"Тип": "АдресЭлектроннойПочты", "Представление": "buy@known.example.ru"}])
        new = self.server.add(COUNTERPARTIES, Description="Новый клиент", ИНН="6000000001")
        partners_before = self.env["res.partner"].search_count([])
        self.connection._run_sync()
        self.assertEqual(self.env["res.partner"].search_count([]), partners_before + 1)
        self.assertTrue(self.customer.onec_counterparty_key)
        known = self.env["res.partner"].search([("email", "=", "buy@known.example.ru")])
        self.assertEqual(known.vat, "5000000017")
        created = self.env["res.partner"].search([("onec_counterparty_key", "=", new["Ref_Key"])])
        self.assertEqual(created.name, "Новый клиент")
        logs = self._logs(direction="in")
        self.assertEqual(sorted(logs.mapped("state")), ["created", "updated", "updated"])
        self.connection._run_sync()
        self.assertEqual(self._logs(direction="in"), logs, "a second run with nothing changed writes nothing")
        self.assertEqual(self.env["res.partner"].search_count([]), partners_before + 1)

    def test_unchanged_records_cost_no_query_per_record(self):
        """A run over unchanged 1C data reads pages and writes nothing, whatever their size."""
        self.connection.write({"sync_orders_in": False, "sync_payments_in": False})

        def unchanged_run_queries(count):
            for number in range(count):
                self.server.add(COUNTERPARTIES, Description="Q%s" % number, ИНН=valid_inn(820000000 + count * 100 + number))
            self.connection._run_sync()
            self.env.invalidate_all()
            logs = self._logs()
            start = self.cr.sql_log_count
            self.connection._run_sync()
            self.env.flush_all()
            self.assertEqual(self._logs(), logs, "nothing written")
            return self.cr.sql_log_count - start

        self.assertEqual(unchanged_run_queries(3), unchanged_run_queries(20))

    def test_duplicate_inn_and_bad_keys_are_logged(self):
        self.server.add(COUNTERPARTIES, Description="A", ИНН="7000000010")
        self.server.add(COUNTERPARTIES, Description="A copy", ИНН="7000000010")
        self.server.add(COUNTERPARTIES, Ref_Key="not-a-guid", Description="Broken")
        self.connection._run_sync()
        self.assertEqual(self.env["res.partner"].search_count([("vat", "=", "7000000010")]), 1)
        self.assertIn("Duplicate INN", self._logs(state="skipped").message)
        broken = self._logs(state="failed")
        self.assertEqual(broken.error_kind, "malformed")
        self.assertIn("not a 1C key", broken.message)

    def test_one_bad_new_counterparty_does_not_stop_the_page(self):
        self.server.add(COUNTERPARTIES, Description="Good one", ИНН="8300000013")
        self.server.add(COUNTERPARTIES, Description="Bad\x00byte", ИНН="8300000020")
        self.server.add(COUNTERPARTIES, Description="", ИНН="8300000038")
        self.server.add(COUNTERPARTIES, Description="Good two", ИНН="8300000045")
        with mute_logger("odoo.sql_db"):  # PostgreSQL refuses the NUL byte: expected
            self.connection._run_sync()
        self.assertEqual(
            sorted(self.env["res.partner"].search([("vat", "=like", "83000000%")]).mapped("name")),
            ["Good one", "Good two"],
        )
        failed = self._logs(state="failed")
        self.assertEqual(len(failed), 2)
        self.assertIn("The counterparty has no name in 1C.", failed.mapped("message"))
        self.assertEqual(self.connection.last_state, "partial")

    def test_paging(self):
        self.connection.page_size = 2
        for number in range(5):
            self.server.add(COUNTERPARTIES, Description="C%s" % number, ИНН=valid_inn(800000000 + number))
        self.connection._run_sync()
        self.assertEqual(self.env["res.partner"].search_count([("vat", "=like", "80000000%")]), 5)
        gets = [r for r in self.server.requests if r == ("GET", "/ut11/odata/standard.odata/" + COUNTERPARTIES)]
        self.assertEqual(len(gets), 3)
        self.assertEqual(self.connection.counterparty_skip, 0)

    def test_page_error_keeps_progress_and_next_run_resumes(self):
        self.connection.page_size = 2
        for number in range(4):
            self.server.add(COUNTERPARTIES, Description="C%s" % number, ИНН=valid_inn(810000000 + number))
        self.server.faults += [("GET", COUNTERPARTIES, "malformed")]
        self.connection._run_sync()
        self.assertEqual(self.connection.last_state, "failed")
        self.assertEqual(self._logs(state="failed").error_kind, "malformed")
        self.connection._run_sync()
        self.assertEqual(self.connection.last_state, "ok")
        self.assertEqual(self.env["res.partner"].search_count([("vat", "=like", "81000000%")]), 4)

    def test_auth_and_server_faults_are_readable(self):
        self.connection.password = "wrong"
        self.connection._run_sync()
        self.assertEqual(self.connection.last_state, "failed")
        self.assertIn("refused", self.connection.last_message)
        self.assertIn("auth", self._logs(state="failed").mapped("error_kind"))
        self.connection.password = "secret"
        self.server.faults += [("GET", COUNTERPARTIES, 500)] * 2
        self.connection._run_sync()
        self.assertIn("HTTP 500", self.connection.last_message)

    def test_1c_down_is_logged(self):
        self.server.add(COUNTERPARTIES, Description="Later", ИНН="9000000014")
        self.server.stop()
        self.connection._run_sync()
        self.assertEqual(self.connection.last_state, "failed")
        self.assertEqual(set(self._logs(state="failed").mapped("error_kind")), {"unreachable"})
        self.assertIn("1C does not answer at", self.connection.last_message)
        self.assertFalse(self.env["res.partner"].search([("vat", "=", "9000000014")]))

    def test_payment_marks_deal_paid_and_moves_it(self):
        deal, request = self._deal_with_request(expected_revenue=1000)
        counterparty = self.server.add(COUNTERPARTIES, Description="Криогенмаш", ИНН="7701234578", КПП="770101001")
        order = self.server.add(ORDERS, Number="УТ-0001", Date="2026-11-20T10:00:00", Posted=True,
                                Контрагент_Key=counterparty["Ref_Key"], СуммаДокумента=1000,
                                Комментарий="Заявка %s" % request.name)
        self.server.add(PAYMENTS, Number="ПБ-0001", Date="2026-11-21T09:00:00", Posted=True,
                        СуммаДокумента=400, РасшифровкаПлатежа=[{"LineNumber": "1", "Заказ": order["Ref_Key"], "Сумма": 400}])
        self.connection._run_sync()
        self.assertEqual(deal.onec_document_count, 2)
        self.assertEqual(deal.paid_amount, 400)
        self.assertFalse(deal.is_paid)
        self.assertEqual(deal.payment_state, "prepaid", "a prepayment does not close the deal")
        self.assertEqual(deal.stage_id, self.stages["selection"])
        self.server.add("Document_ПриходныйКассовыйОрдер", Number="ПКО-0002", Date="2026-11-22T09:00:00", Posted=True,
                        СуммаДокумента=600, РасшифровкаПлатежа=[{"LineNumber": "1", "Заказ": order["Ref_Key"], "Сумма": 600}])
        self.connection._run_sync()
        self.assertTrue(deal.is_paid)
        self.assertEqual(deal.paid_amount, 1000)
        self.assertEqual(str(deal.paid_date), "2026-11-22")
        self.assertEqual(deal.onec_payment_document, "ПБ-0001, ПКО-0002")
        self.assertEqual(deal.stage_id, self.stages["negotiation"])
        # the newest note (a stage change also leaves its tracking message, written when the step is saved)
        self.assertIn("Paid in 1C", deal.message_ids.filtered(lambda m: m.subtype_id == self.env.ref("mail.mt_note"))[0].body)
        self.connection._run_sync()
        self.assertEqual(deal.onec_document_count, 3, "re-running converges")

    def test_invoice_follows_its_order_to_the_deal(self):
        deal, request = self._deal_with_request()
        order = self.server.add(ORDERS, Number="УТ-9", Date="2026-11-20T10:00:00", Posted=True,
                                СуммаДокумента=900, Комментарий=request.name)
        self.server.add("Document_СчетНаОплатуКлиенту", Number="СЧ-9", Date="2026-11-20T11:00:00", Posted=True,
                        СуммаДокумента=900, ДокументОснование=order["Ref_Key"])
        self.connection._run_sync()
        invoice = deal.onec_document_ids.filtered(lambda d: d.kind == "invoice")
        self.assertEqual(invoice.name, "СЧ-9")
        self.assertEqual(invoice.order_key, order["Ref_Key"])
        self.assertEqual(invoice.amount, 900)
        self.assertFalse(deal.is_paid, "an invoice is not a payment")
        self.server.add("Document_СчетНаОплатуКлиенту", Ref_Key="bad key", Number="СЧ-10", Date="2026-11-20T12:00:00")
        self.server.add(ORDERS, Number="УТ-10", Date="2026-11-20T12:00:00", Posted=True,
                        СуммаДокумента="not a number", Комментарий=request.name)
        self.connection._run_sync()
        self.assertEqual(sorted(self._logs(state="failed").mapped("error_kind")), ["malformed", "malformed"])
        self.assertEqual(len(deal.onec_document_ids), 2)

    def test_payment_before_its_order_is_retried(self):
        deal, request = self._deal_with_request(expected_revenue=500)
        order_key = "0e7f4b2a-1111-4222-8333-444455556666"
        self.server.add(PAYMENTS, Number="ПБ-7", Date="2026-11-21T09:00:00", Posted=True, СуммаДокумента=500,
                        РасшифровкаПлатежа=[{"LineNumber": "1", "Заказ": order_key}])
        self.connection._run_sync()
        failed = self._logs(state="failed")
        self.assertIn("no known customer order", failed.message)
        self.server.add(ORDERS, Ref_Key=order_key, Number="УТ-7", Date="2026-11-20T10:00:00", Posted=True,
                        СуммаДокумента=500, Комментарий=request.name)
        self.connection._run_sync()
        self.assertTrue(failed.resolved)
        self.assertTrue(deal.is_paid)

    def test_cron_runs_due_connections_only(self):
        self.server.add(COUNTERPARTIES, Description="Cron", ИНН="9100000018")
        self.connection.next_run = "2026-01-01 00:00:00"
        idle = self.connection.copy({"name": "Not due", "next_run": "2999-01-01 00:00:00"})
        for _step in range(50):  # one step per call of the job (other due connections take turns)
            self.env["industrial.1c.connection"]._cron_sync()
            if self.connection.run_state == "idle":
                break
        self.assertEqual(self.connection.last_state, "ok")
        self.assertGreater(self.connection.next_run, self.connection.last_run)
        self.assertFalse(idle.last_run)
        self.assertTrue(self.env["res.partner"].search([("vat", "=", "9100000018")]))
        self.assertTrue(self.connection.action_sync_now())

    def test_concurrent_run_is_refused(self):
        with self.env.registry.cursor() as other:
            other.execute("SELECT pg_advisory_lock(1735, %s)", (self.connection.id,))
            with self.assertRaisesRegex(UserError, "already running"):
                self.connection._run_sync()
            other.execute("SELECT pg_advisory_unlock(1735, %s)", (self.connection.id,))

    def test_test_connection_reports_mapping(self):
        result = self.connection.action_test_connection()
        self.assertEqual(result["params"]["type"], "success")
        self.connection.inn_field = "ИННКонтрагента"
        result = self.connection.action_test_connection()
        self.assertEqual(result["params"]["type"], "warning")
        self.assertIn("ИННКонтрагента", result["params"]["message"])
        self.connection.password = "wrong"
        with self.assertRaisesRegex(UserError, "refused"):
            self.connection.action_test_connection()
