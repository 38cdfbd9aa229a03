import base64

import requests

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from ..tools.onec_client import (
    EMPTY_GUID,
    OneCAuthError,
    OneCClient,
    OneCConfigError,
    OneCConflictError,
    OneCRefusedError,
)
from ..exchange.mappers import PaymentMapper
from .common import OneCSyncCommon
from .onec_server import (
    COUNTERPARTIES,
    EMPTY_DATE,
    INVOICES,
    NOMENCLATURE,
    ORDERS,
    PARTNERS,
    PAYMENTS,
    SHIPMENTS,
    OneCServer,
)

ORDER_TYPE = "StandardODATA.Document_ЗаказКлиента"


@tagged("post_install", "-at_install")
class TestOneCStrictEmulator(TransactionCase):
    """The client against an emulator that answers and refuses as a real УТ 11 publication."""

    def setUp(self):
        super().setUp()
        self.server = OneCServer(user="Обмен", password="пароль").start()
        self.addCleanup(self.server.stop)
        self.client = OneCClient(self.server.base_url, "Обмен", "пароль", timeout=2, retries=0, backoff=0)

    def test_cyrillic_user_is_sent_as_utf8(self):
        with self.assertRaises(UnicodeEncodeError, msg="requests' own Basic auth cannot send it"):
            requests.Request("GET", self.server.base_url, auth=("Обмен", "пароль")).prepare()
        self.assertEqual(self.client.list(PARTNERS), [])
        header = self.client.session.headers["Authorization"]
        self.assertEqual(base64.b64decode(header[6:]).decode("utf-8"), "Обмен:пароль")
        with self.assertRaises(OneCAuthError) as refused:
            OneCClient(self.server.base_url, "Обмен", "не тот", retries=0).list(PARTNERS)
        self.assertEqual(refused.exception.reason, "Не удалось выполнить аутентификацию")

    def test_answers_carry_metadata_empty_refs_and_dates(self):
        row = self.client.create(ORDERS, {"Комментарий": "x"})
        self.assertTrue(row["odata.metadata"].endswith("$metadata#Document_ЗаказКлиента/@Element"))
        self.assertEqual(row["Склад_Key"], EMPTY_GUID)
        self.assertEqual(row["ДатаОтгрузки"], EMPTY_DATE)
        self.assertIs(row["DeletionMark"], False)
        self.assertIs(row["Posted"], False)
        self.assertTrue(row["Number"])
        page = self.client._json(self.client._request("GET", ORDERS))
        self.assertTrue(page["odata.metadata"].endswith("$metadata#Document_ЗаказКлиента"))
        invoice = self.client.create(INVOICES, {"ДокументОснование": row["Ref_Key"],
                                                "ДокументОснование_Type": ORDER_TYPE})
        self.assertEqual(invoice["ДокументОснование_Type"], ORDER_TYPE)
        empty = self.client.create(INVOICES, {})
        self.assertEqual((empty["ДокументОснование"], empty["ДокументОснование_Type"]),
                         ("", "StandardODATA.Undefined"))
        metadata = self.client.metadata()
        self.assertIn("Товары", metadata[ORDERS])
        self.assertIn("Артикул", metadata[NOMENCLATURE])

    def test_undeclared_property_or_wrong_type_is_refused_with_1c_message(self):
        cases = [
            ({"Клиенты": True}, "Неизвестное свойство Catalog_Партнеры.Клиенты"),
            ({"Клиент": "да"}, "Неверное значение свойства Catalog_Партнеры.Клиент"),
            ({"Posted": True}, "недоступно для записи"),
        ]
        for body, message in cases:
            with self.subTest(body=body), self.assertRaises(OneCRefusedError) as refused:
                self.client.create(PARTNERS if "Posted" not in body else ORDERS, body)
            self.assertIn(message.split(" Catalog")[0], refused.exception.reason)
            self.assertEqual(refused.exception.status, 400)
        with self.assertRaises(OneCRefusedError) as refused:
            self.client.create(ORDERS, {"Товары": [{"Номенклатура_Key": "not a key"}]})
        self.assertIn("Document_ЗаказКлиента_Товары.Номенклатура_Key", refused.exception.reason)
        self.assertFalse(self.server.data[PARTNERS] or self.server.data[ORDERS], "nothing half-written")

    def test_conflict_detected_by_data_version_before_writing(self):
        row = self.client.create(PARTNERS, {"Description": "Криогенмаш"})
        self.server.touch(PARTNERS, row["Ref_Key"], Description="Changed in 1C")
        patches = len([r for r in self.server.requests if r[0] == "PATCH"])
        with self.assertRaises(OneCConflictError) as conflict:
            self.client.update(PARTNERS, row["Ref_Key"], {"Description": "stale"}, row["DataVersion"])
        self.assertEqual(conflict.exception.current_version, self.server.data[PARTNERS][row["Ref_Key"]]["DataVersion"])
        self.assertEqual(len([r for r in self.server.requests if r[0] == "PATCH"]), patches, "no PATCH sent")
        self.assertEqual(self.server.data[PARTNERS][row["Ref_Key"]]["Description"], "Changed in 1C")

    def test_not_an_address(self):
        with self.assertRaises(OneCConfigError):
            OneCClient("1c.example.ru/ut11", "Обмен", "пароль", retries=0).list(PARTNERS)

    def test_payment_rows_of_both_releases(self):
        order = "0e7f4b2a-1111-4222-8333-444455556666"
        old = {"РасшифровкаПлатежа": [{"Заказ": order, "Заказ_Type": ORDER_TYPE, "Сумма": 300},
                                       {"Заказ": order, "Заказ_Type": "StandardODATA.Document_ЗаказПоставщику"}]}
        new = {"РасшифровкаПлатежа": [{"ОбъектРасчетов_Key": order, "Сумма": 200},
                                       {"ОбъектРасчетов_Key": EMPTY_GUID, "Сумма": 1}]}
        mapper = PaymentMapper(self.env["industrial.1c.connection"].new({}))
        self.assertEqual(mapper.orders(old), [("order", order, 300.0)])
        self.assertEqual(mapper.orders(new), [("settlement", order, 200.0)])


class OneCTradeCommon(OneCSyncCommon):
    """A 1C base with its organisation, warehouse, currency, VAT rates and nomenclature, and an
    Odoo product with the article of one of its items."""

    release = "11.4"

    def setUp(self):
        super().setUp()
        if self.release != self.server.release:
            self.server.stop()
            self.server = OneCServer(release=self.release).start()
            self.addCleanup(self.server.stop)
            self.connection.base_url = self.server.base_url
        add = self.server.add
        self.organization = add("Catalog_Организации", Description="ООО Криотехника", ИНН="7700000016")
        self.warehouse = add("Catalog_Склады", Description="Основной склад")
        self.rub = add("Catalog_Валюты", Description="RUB", Code="643")
        self.vat20 = add("Catalog_СтавкиНДС", Description="20%", Ставка=20)
        self.vat0 = add("Catalog_СтавкиНДС", Description="Без НДС", Ставка=0)
        self.piece = add("Catalog_УпаковкиЕдиницыИзмерения", Description="шт")
        self.furnace_item = add(NOMENCLATURE, Description="Печь вакуумная ПВ-100", Артикул="PV-100",
                                Code="00-00000001", ЕдиницаИзмерения_Key=self.piece["Ref_Key"])
        self.pump_item = add(NOMENCLATURE, Description="Насос турбомолекулярный", Артикул="",
                             Code="00-00000002", ЕдиницаИзмерения_Key=self.piece["Ref_Key"])
        self.connection.write({
            "organization_key": self.organization["Ref_Key"], "warehouse_key": self.warehouse["Ref_Key"],
            "currency_key": self.rub["Ref_Key"],
        })
        self.furnace = self.env["product.product"].create({
            "name": "Vacuum furnace", "default_code": "PV-100", "type": "consu", "list_price": 1000,
        })
        self.tax20 = self.env["account.tax"].create({
            "name": "VAT 20% (1C test)", "amount": 20, "amount_type": "percent", "type_tax_use": "sale",
        })

    def _order(self, deal, product=None, qty=2, price=1000, taxes=None):
        order = self.env["sale.order"].create({
            "partner_id": deal.partner_id.id,
            "opportunity_id": deal.id,
            "order_line": [(0, 0, {
                "product_id": (product or self.furnace).id, "product_uom_qty": qty, "price_unit": price,
                "tax_id": [(6, 0, (taxes if taxes is not None else self.tax20).ids)],
            })],
        })
        order.action_confirm()
        return order

    def _orders_in_1c(self):
        return list(self.server.data[ORDERS].values())


@tagged("post_install", "-at_install")
class TestOneCProducts(OneCTradeCommon):

    def test_nomenclature_binds_by_article_then_creates_with_1c_name_and_unit(self):
        dozen = self.env.ref("uom.product_uom_dozen")
        self.furnace.write({"uom_id": dozen.id, "uom_po_id": dozen.id})
        self.connection._run_sync()
        self.assertEqual(self.furnace.uom_id, self.env.ref("uom.product_uom_unit"), "the unit follows 1C")
        binding = self.furnace.onec_binding_ids
        self.assertEqual(binding.ref_key, self.furnace_item["Ref_Key"])
        self.assertEqual(self.furnace.name, "Печь вакуумная ПВ-100", "1C owns the name")
        self.assertEqual(self.furnace.onec_unit_name, "шт")
        pump = self.env["product.product"].search([("onec_binding_ids.ref_key", "=", self.pump_item["Ref_Key"])])
        self.assertEqual(pump.name, "Насос турбомолекулярный")
        self.assertEqual(pump.uom_id, self.env.ref("uom.product_uom_unit"))
        products = self.env["product.product"].search_count([])
        logs = self._logs()
        self.connection._run_sync()
        self.assertEqual(self._logs(), logs, "an unchanged nomenclature writes nothing")
        self.server.touch(NOMENCLATURE, self.furnace_item["Ref_Key"], Description="Печь вакуумная ПВ-200")
        self.connection._run_sync()
        self.assertEqual(self.furnace.name, "Печь вакуумная ПВ-200")
        self.assertEqual(self.env["product.product"].search_count([]), products)

    def test_product_unknown_in_1c_blocks_its_order_with_the_reason(self):
        deal, _request = self._deal_with_request()
        stranger = self.env["product.product"].create({"name": "Cryo valve", "default_code": "CV-1", "type": "consu"})
        order = self._order(deal, product=stranger)
        self.connection._run_sync()
        self.assertFalse(self._orders_in_1c())
        self.assertEqual(order.onec_state, "blocked")
        self.assertIn("the product [CV-1] Cryo valve is not in the 1C nomenclature", order.onec_message)
        failed = self._logs(state="failed", entity=ORDERS)
        self.assertEqual(failed.error_kind, "blocked")
        self.assertEqual(failed.lead_id, deal)
        self.connection._run_sync()
        self.assertEqual(self._logs(state="failed", entity=ORDERS), failed, "said once, not every run")
        self.server.add(NOMENCLATURE, Description="Клапан криогенный", Артикул="CV-1")
        self.connection._run_sync()
        self.assertEqual(len(self._orders_in_1c()), 1, "sent once 1C knows the product")
        self.assertEqual(order.onec_state, "synced")


@tagged("post_install", "-at_install")
class TestOneCOrdersOut(OneCTradeCommon):

    def test_confirmed_order_becomes_customer_order(self):
        deal, request = self._deal_with_request()
        order = self._order(deal)
        self.connection._run_sync()
        row = self._one(ORDERS)
        self.assertEqual(row["Контрагент_Key"], self.customer.onec_counterparty_key)
        self.assertEqual(row["Партнер_Key"], self.customer.onec_partner_key)
        self.assertEqual(row["Организация_Key"], self.organization["Ref_Key"])
        self.assertEqual(row["Склад_Key"], self.warehouse["Ref_Key"])
        self.assertEqual(row["Валюта_Key"], self.rub["Ref_Key"])
        self.assertIn(request.name, row["Комментарий"])
        self.assertEqual(row["СуммаДокумента"], 2400)
        [line] = row["Товары"]
        self.assertEqual(line["Номенклатура_Key"], self.furnace_item["Ref_Key"])
        self.assertEqual((line["Количество"], line["Цена"], line["Сумма"], line["СуммаНДС"], line["СуммаСНДС"]),
                         (2, 1000, 2000, 400, 2400))
        self.assertEqual(line["СтавкаНДС_Key"], self.vat20["Ref_Key"])
        self.assertEqual(order.onec_number, row["Number"])
        self.assertFalse(order.onec_posted)
        writes = list(self.server.bodies)
        self.connection._run_sync()
        self.assertEqual(self.server.bodies, writes, "a second run sends nothing")
        document = deal.onec_document_ids.filtered(lambda d: d.kind == "order")
        self.assertEqual(document.sale_order_id, order, "read back onto its order and deal")

    def test_updated_while_not_posted_then_left_to_1c(self):
        deal, _request = self._deal_with_request()
        order = self._order(deal)
        self.connection._run_sync()
        order.order_line.product_uom_qty = 3
        self.connection._run_sync()
        self.assertEqual(len(self._orders_in_1c()), 1, "updated, not duplicated")
        self.assertEqual(self._one(ORDERS)["Товары"][0]["Количество"], 3)
        self.server.post(ORDERS, order.onec_binding_ids.ref_key)
        self.connection._run_sync()
        self.assertTrue(order.onec_posted)
        order.order_line.product_uom_qty = 4
        writes = list(self.server.bodies)
        self.connection._run_sync()
        self.assertEqual(self.server.bodies, writes, "a posted order is not written again")
        self.assertEqual(self._one(ORDERS)["Товары"][0]["Количество"], 3)

    def test_change_in_1c_meanwhile_is_detected(self):
        deal, _request = self._deal_with_request()
        order = self._order(deal)
        self.connection._run_sync()
        key = order.onec_binding_ids.ref_key
        self.server.touch(ORDERS, key, Комментарий="edited by the accountant")
        order.order_line.product_uom_qty = 5
        self.connection._run_sync()
        self.assertEqual(self._one(ORDERS)["Товары"][0]["Количество"], 5)
        self.assertIn("Changed in 1C meanwhile", self._logs(entity=ORDERS, direction="out")[0].message)
        self.server.touch(ORDERS, key, Posted=True)
        order.order_line.product_uom_qty = 6
        self.connection._run_sync()
        self.assertEqual(self._one(ORDERS)["Товары"][0]["Количество"], 5, "posted in 1C meanwhile: left as is")
        self.assertTrue(order.onec_posted)

    def test_cancelled_order_is_marked_for_deletion(self):
        deal, _request = self._deal_with_request()
        order = self._order(deal)
        self.connection._run_sync()
        order._action_cancel()
        self.connection._run_sync()
        self.assertIs(self._one(ORDERS)["DeletionMark"], True)
        writes = list(self.server.bodies)
        self.connection._run_sync()
        self.assertEqual(self.server.bodies, writes)

    def test_cancelled_after_posting_says_what_to_do(self):
        deal, _request = self._deal_with_request()
        order = self._order(deal)
        self.connection._run_sync()
        self.server.post(ORDERS, order.onec_binding_ids.ref_key)
        order._action_cancel()
        self.connection._run_sync()
        self.assertIs(self._one(ORDERS)["DeletionMark"], False)
        self.assertIn("unpost the 1C order", self._logs(state="failed", entity=ORDERS).message)

    def test_1c_refusal_is_shown_in_its_own_words(self):
        deal, _request = self._deal_with_request()
        order = self._order(deal)
        self.connection.order_rows_field = "ТоварыЗаказа"
        self.connection._run_sync()
        self.assertEqual(order.onec_state, "failed")
        self.assertIn("refused the data sent: Неизвестное свойство Document_ЗаказКлиента.ТоварыЗаказа",
                      order.onec_message)
        self.assertEqual(self._logs(state="failed", entity=ORDERS).error_kind, "refused")

    def test_nothing_sent_without_organisation_and_keys_checked(self):
        self.connection.organization_key = False
        deal, _request = self._deal_with_request()
        self._order(deal)
        self.connection._run_sync()
        self.assertFalse(self._orders_in_1c())
        with self.assertRaisesRegex(ValidationError, "is not a 1C key"):
            self.connection.warehouse_key = "Основной склад"

    def test_order_of_a_contact_without_lead_sends_his_company(self):
        company = self.env["res.partner"].create({"name": "Vacuum Lab LLC", "is_company": True, "vat": "7800000010"})
        buyer = self.env["res.partner"].create({"name": "Oleg", "parent_id": company.id})
        order = self.env["sale.order"].create({"partner_id": buyer.id, "order_line": [(0, 0, {
            "product_id": self.furnace.id, "product_uom_qty": 1, "price_unit": 500, "tax_id": [(6, 0, self.tax20.ids)]})]})
        order.action_confirm()
        self.connection._run_sync()
        row = self._one(ORDERS)
        self.assertEqual(row["Контрагент_Key"], company.onec_counterparty_key)
        self.assertEqual(self._one(COUNTERPARTIES, ИНН="7800000010")["Ref_Key"], company.onec_counterparty_key)
        self.assertEqual(order.onec_number, row["Number"])

    def test_salesman_reads_the_1c_number(self):
        deal, _request = self._deal_with_request()
        order = self._order(deal)
        self.connection._run_sync()
        self.assertEqual(order.with_user(self.user_manager).onec_number, self._one(ORDERS)["Number"])
        with self.assertRaises(AccessError):
            order.onec_binding_ids.with_user(self.user_manager).write({"posted": True})
        with self.assertRaises(AccessError):
            self.connection.with_user(self.user_manager).organization_key = EMPTY_GUID


@tagged("post_install", "-at_install")
class TestOneCDocumentsIn(OneCTradeCommon):

    def _sent_order(self, **values):
        deal, request = self._deal_with_request(**values)
        order = self._order(deal)
        self.connection._run_sync()
        return deal, order, order.onec_binding_ids.ref_key

    def test_invoice_shipment_and_payment_come_back_to_order_and_deal(self):
        deal, order, key = self._sent_order()
        self.server.add(INVOICES, Number="СЧ-1", Date="2026-11-20T11:00:00", Posted=True, СуммаДокумента=2400,
                        ДокументОснование=key, ДокументОснование_Type=ORDER_TYPE)
        self.server.add(INVOICES, Number="СЧ-X", Date="2026-11-20T11:00:00", Posted=True, СуммаДокумента=1,
                        Контрагент_Key=self.customer.onec_counterparty_key, ДокументОснование=key, ДокументОснование_Type="StandardODATA.Document_ЗаказПоставщику")
        shipment = self.server.add(SHIPMENTS, Number="УПД-1", Date="2026-11-25T10:00:00", Posted=False,
                                   СуммаДокумента=2400, ЗаказКлиента=key, ЗаказКлиента_Type=ORDER_TYPE)
        self.server.add(PAYMENTS, Number="ПБ-1", Date="2026-11-21T09:00:00", Posted=True, СуммаДокумента=2400,
                        РасшифровкаПлатежа=[{"Заказ": key, "Заказ_Type": ORDER_TYPE, "Сумма": 2400}])
        self.connection._run_sync()
        docs = deal.onec_document_ids
        self.assertEqual(sorted(docs.mapped("kind")), ["invoice", "invoice", "order", "payment", "shipment"])
        invoice = docs.filtered(lambda d: d.name == "СЧ-1")
        self.assertEqual((invoice.order_key, invoice.sale_order_id, invoice.amount), (key, order, 2400))
        self.assertFalse(docs.filtered(lambda d: d.name == "СЧ-X").sale_order_id, "not issued for a customer order")
        ship = docs.filtered(lambda d: d.kind == "shipment")
        self.assertEqual((ship.name, ship.sale_order_id, ship.posted), ("УПД-1", order, False))
        self.assertFalse(deal.onec_shipped)
        self.assertTrue(deal.is_paid)
        self.server.post(SHIPMENTS, shipment["Ref_Key"])
        self.connection._run_sync()
        self.assertTrue(deal.onec_shipped)
        self.assertIn("Shipped in 1C: UPD УПД-1", deal.message_ids[0].body)

    def test_posted_shipment_counts_as_delivered_for_the_shipment_stage(self):
        deal, order, key = self._sent_order()
        shipment_stage = self.env["crm.stage"].search([("industrial_code", "=", "shipment")], limit=1)
        after = self.env["crm.stage"].search([("sequence", ">", shipment_stage.sequence),
                                              ("industrial_code", "!=", False)], order="sequence", limit=1)
        deal.stage_id = shipment_stage
        self.assertIn("no shipment (UPD) of the deal's order is posted in 1C yet",
                      "; ".join(deal._get_stage_blockers(after)))
        self.server.add(SHIPMENTS, Number="УПД-2", Date="2026-11-25T10:00:00", Posted=True, СуммаДокумента=2400,
                        ЗаказКлиента=key, ЗаказКлиента_Type=ORDER_TYPE)
        self.connection._run_sync()
        self.assertNotIn("no shipment (UPD)", "; ".join(deal._get_stage_blockers(after)))

    def test_prepayment_shows_partly_paid(self):
        deal, order, key = self._sent_order()
        self.server.add(PAYMENTS, Number="ПБ-2", Date="2026-11-21T09:00:00", Posted=True, СуммаДокумента=5000,
                        РасшифровкаПлатежа=[{"Заказ": key, "Заказ_Type": ORDER_TYPE, "Сумма": 1000},
                                            {"Заказ": "0e7f4b2a-1111-4222-8333-444455556666",
                                             "Заказ_Type": ORDER_TYPE, "Сумма": 4000}])
        self.connection._run_sync()
        self.assertEqual(deal.paid_amount, 1000, "only the part of the payment for this order")
        self.assertFalse(deal.is_paid)
        self.assertIn(deal.payment_state, ("prepaid", "partial"))


@tagged("post_install", "-at_install")
class TestOneCSettlementRelease(OneCTradeCommon):
    """УТ 11.5: payments name the order's settlement object, not the order."""

    release = "11.5"

    def test_payment_by_settlement_object(self):
        deal, _request = self._deal_with_request()
        order = self._order(deal)
        self.connection._run_sync()
        binding = order.onec_binding_ids
        self.assertTrue(binding.settlement_key)
        with self.assertRaises(OneCRefusedError, msg="11.5 rows have no Заказ"):
            self.connection._client().create(PAYMENTS, {"РасшифровкаПлатежа": [{"Заказ": binding.ref_key}]})
        self.server.add(PAYMENTS, Number="ПБ-3", Date="2026-11-21T09:00:00", Posted=True, СуммаДокумента=600,
                        РасшифровкаПлатежа=[{"ОбъектРасчетов_Key": binding.settlement_key, "Сумма": 600}])
        self.connection._run_sync()
        payment = deal.onec_document_ids.filtered(lambda d: d.kind == "payment")
        self.assertEqual((payment.amount, payment.sale_order_id), (600, order))
        self.assertEqual(deal.paid_amount, 600)
        self.assertFalse(deal.is_paid, "a prepayment is not the whole amount")


@tagged("post_install", "-at_install")
class TestOneCLeadCompanyNow(OneCSyncCommon):

    def test_new_lead_triggers_the_company_job(self):
        cron = self.env.ref("industrial_1c_sync.ir_cron_industrial_1c_partners_out")
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
        deal, _request = self._deal_with_request()
        self.assertGreater(self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]), triggers)
        next_run = self.connection.next_run
        self.env["industrial.1c.connection"]._cron_send_partners()
        self.assertTrue(self._one(PARTNERS, Description="Cryogenmash JSC"))
        self.assertEqual(self.connection.next_run, next_run, "the scheduled exchange keeps its time")
        self.assertFalse(self._logs(entity=ORDERS))

    def test_cyrillic_user_works_end_to_end(self):
        self.server.stop()
        self.server = OneCServer(user="Обмен", password="пароль").start()
        self.addCleanup(self.server.stop)
        self.connection.write({"base_url": self.server.base_url, "user": "Обмен", "password": "пароль"})
        self.assertEqual(self.connection.action_test_connection()["params"]["type"], "success")
        self.connection.password = "wrong"
        with self.assertLogs("odoo.addons.industrial_1c_sync.models.industrial_1c_connection", "WARNING"), \
                self.assertRaisesRegex(UserError, "check the user Обмен"):
            self.connection.action_test_connection()

    def test_bad_address_is_a_sentence(self):
        self.connection.base_url = "1c.example.ru/ut11"
        with self.assertLogs("odoo.addons.industrial_1c_sync.models.industrial_1c_connection", "WARNING"), \
                self.assertRaisesRegex(UserError, "is not a web address"):
            self.connection.action_test_connection()
