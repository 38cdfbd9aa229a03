from odoo.tests import tagged

from ..exchange.mappers import (
    CounterpartyMapper,
    CustomerOrderMapper,
    InvoiceMapper,
    NomenclatureMapper,
    PartnerMapper,
    PaymentMapper,
    ShipmentMapper,
    VatRateMapper,
)
from .common import OneCSyncCommon
from .onec_server import (
    CASH,
    COUNTERPARTIES,
    EMPTY_DATE,
    EMPTY_REF,
    INVOICES,
    NOMENCLATURE,
    ORDERS,
    PARTNERS,
    SHIPMENTS,
    UNDEFINED,
    OneCServer,
)


@tagged("post_install", "-at_install")
class TestMappers(OneCSyncCommon):
    """Each mapper against rows as the strict 1C emulator answers them (read through the
    client), and its payloads as the emulator accepts them (it refuses what 1C would)."""

    def setUp(self):
        super().setUp()
        self.client = self.connection._client()

    def _read(self, entity, **values):
        return self.client.get(entity, self.server.add(entity, **values)["Ref_Key"])

    def test_partner_payload_is_accepted_with_its_status(self):
        mapper = PartnerMapper(self.connection)
        self.customer.industrial_customer_status = "customer"
        row = self.client.create(PARTNERS, mapper.to_1c(self.customer, "CRM request R-1"))
        self.assertEqual((row["Description"], row["Клиент"], row["Комментарий"]),
                         ("Cryogenmash JSC", True, "CRM request R-1"))
        self.connection.name_length = 5
        self.assertEqual(mapper.to_1c(self.customer, "")["Description"], "Cryog")
        self.assertEqual(mapper.to_1c(self.customer, "")["НаименованиеПолное"], "Cryogenmash JSC")

    def test_counterparty_both_ways(self):
        mapper = CounterpartyMapper(self.connection)
        self.customer.write({"email": "buy@cryo.example", "phone": "+7 495 000-00-01"})
        sent = self.client.create(COUNTERPARTIES, mapper.to_1c(self.customer, ""))
        self.assertEqual([(line["Тип"], line["Представление"]) for line in sent["КонтактнаяИнформация"]],
                         [("АдресЭлектроннойПочты", "buy@cryo.example"), ("Телефон", "+7 495 000-00-01")])
        partner = self.server.add(PARTNERS, Description="Криомаш")
        row = self._read(COUNTERPARTIES, Description="Криомаш", НаименованиеПолное="АО «Криомаш»", ИНН="7701234578",
                         КПП="", Партнер_Key=partner["Ref_Key"], КонтактнаяИнформация=[
                             {"Тип": "Телефон", "Представление": "+7 495 111-11-11"},
                             {"Тип": "Телефон", "Представление": "+7 495 222-22-22"}])
        self.assertEqual(mapper.from_1c(row), {"name": "АО «Криомаш»", "vat": "7701234578"}, "an empty KPP is not written")
        self.assertEqual(mapper.contacts(row), (False, "+7 495 111-11-11"), "the first of each kind")
        self.assertEqual(mapper.inn_kpp(row), ("7701234578", ""))
        self.assertEqual(mapper.partner_ref(row), partner["Ref_Key"])
        self.assertIsNone(mapper.partner_ref(self._read(COUNTERPARTIES, Description="Без партнёра")),
                          "the empty reference is no partner")

    def test_counterparty_masters(self):
        mapper = CounterpartyMapper(self.connection)
        self.assertEqual(mapper.mastered(), (set(), set()), "Odoo is master of everything by default")
        self.connection.write({"master_name": "onec", "master_contacts": "onec"})
        keys, fnames = mapper.mastered()
        self.assertEqual(keys, {"Description", "НаименованиеПолное", "КонтактнаяИнформация"})
        self.assertEqual(fnames, {"name", "email", "phone"})
        row = self._read(COUNTERPARTIES, Description="X", ИНН="7701234578", КонтактнаяИнформация=[
            {"Тип": "АдресЭлектроннойПочты", "Представление": "a@b.example"}])
        self.assertEqual(mapper.mastered_values(row), {"name": "X", "email": "a@b.example"})

    def test_nomenclature(self):
        mapper = NomenclatureMapper(self.connection)
        piece = self.server.add("Catalog_УпаковкиЕдиницыИзмерения", Description="шт.")
        row = self._read(NOMENCLATURE, Description=" Печь ПВ-100 ", Артикул=" PV-100 ", Code="00-01",
                         ЕдиницаИзмерения_Key=piece["Ref_Key"])
        units = {piece["Ref_Key"]: "шт."}
        self.assertEqual(mapper.from_1c(row, units), ({"name": "Печь ПВ-100", "default_code": "PV-100"}, "шт."))
        self.assertEqual(mapper.match_codes(row), ["PV-100", "00-01"])
        self.assertEqual(NomenclatureMapper.uom_xmlid("шт."), "uom.product_uom_unit")
        self.assertIsNone(NomenclatureMapper.uom_xmlid("бухта"))
        bare = self._read(NOMENCLATURE, НаименованиеПолное="Насос", Code="00-02")
        self.assertEqual(mapper.from_1c(bare, units), ({"name": "Насос"}, ""), "no article: the code matches")
        self.assertEqual(mapper.match_codes(bare), ["00-02"])

    def test_customer_order_payload_is_accepted_and_read_back(self):
        server = OneCServer(release="11.5").start()
        self.addCleanup(server.stop)
        self.connection.base_url = server.base_url
        client = self.connection._client()
        add = server.add
        self.connection.write({"organization_key": add("Catalog_Организации", Description="ООО")["Ref_Key"],
                               "warehouse_key": add("Catalog_Склады", Description="Склад")["Ref_Key"]})
        item = add(NOMENCLATURE, Description="Печь")
        vat = add("Catalog_СтавкиНДС", Description="20%", Ставка=20)
        counterparty = add(COUNTERPARTIES, Description="Криомаш")
        mapper = CustomerOrderMapper(self.connection)
        payload = mapper.to_1c({"amount_total": 2400.004, "client_ref": False}, [{
            "product_key": item["Ref_Key"], "quantity": 2.0, "price": 1000.0, "amount": 2000.0,
            "vat_key": vat["Ref_Key"], "vat": 400.0, "total": 2400.0}], {
            "date": "2026-11-30T10:00:00", "partner_key": None, "counterparty_key": counterparty["Ref_Key"],
            "comment": "Odoo order S00001"})
        self.assertEqual((payload["Валюта_Key"], payload["Партнер_Key"]), (EMPTY_REF, EMPTY_REF))
        self.assertEqual(payload["СуммаДокумента"], 2400.0)
        row = client.create(ORDERS, payload)
        self.assertEqual(row["Товары"][0]["LineNumber"], "1")
        vals = mapper.from_1c(client.get(ORDERS, row["Ref_Key"]))
        self.assertEqual((vals["kind"], vals["amount"], vals["posted"], str(vals["date"])),
                         ("order", 2400.0, False, "2026-11-30 10:00:00"))
        self.assertEqual(vals["settlement_key"], row["ОбъектРасчетов_Key"], "11.5 names the settlement object")
        binding = mapper.binding_from_1c(row)
        self.assertEqual((binding["ref_key"], binding["data_version"], binding["name"]),
                         (row["Ref_Key"], row["DataVersion"], row["Number"]))
        server.post(ORDERS, row["Ref_Key"])
        self.assertTrue(mapper.state_from_1c(client.get(ORDERS, row["Ref_Key"]))["posted"])

    def test_documents_find_their_order_through_the_composite(self):
        order = self.server.add(ORDERS, СуммаДокумента=100)["Ref_Key"]
        invoice = InvoiceMapper(self.connection)
        self.assertEqual(invoice.base_order_ref(self._read(
            INVOICES, ДокументОснование=order, ДокументОснование_Type="StandardODATA.Document_ЗаказКлиента")), order)
        self.assertIsNone(invoice.base_order_ref(self._read(
            INVOICES, ДокументОснование=order, ДокументОснование_Type="StandardODATA.Document_ЗаказПоставщику")))
        self.assertIsNone(invoice.base_order_ref(self._read(INVOICES)), "an empty composite is Undefined")
        shipment = ShipmentMapper(self.connection)
        row = self._read(SHIPMENTS, ЗаказКлиента=order, ЗаказКлиента_Type="StandardODATA.Document_ЗаказКлиента",
                         СуммаДокумента=100, Posted=True)
        self.assertEqual(shipment.base_order_ref(row), order)
        vals = shipment.from_1c(row)
        self.assertEqual((vals["kind"], vals["posted"], vals["amount"]), ("shipment", True, 100.0))
        empty = shipment.from_1c(self._read(SHIPMENTS, Date=EMPTY_DATE))
        self.assertIsNone(empty["date"], "the empty 1C date is no date")
        self.assertEqual(self._read(INVOICES)["ДокументОснование_Type"], UNDEFINED)

    def test_malformed_amount_is_refused(self):
        with self.assertRaises(ValueError):
            InvoiceMapper(self.connection).from_1c({"Ref_Key": EMPTY_REF, "СуммаДокумента": "сто"})

    def test_cash_receipt_rows(self):
        order = self.server.add(ORDERS)["Ref_Key"]
        row = self._read(CASH, СуммаДокумента=500, РасшифровкаПлатежа=[
            {"Заказ": order, "Заказ_Type": "StandardODATA.Document_ЗаказКлиента", "Сумма": 300},
            {"Заказ": "", "Заказ_Type": UNDEFINED, "Сумма": 200}])
        self.assertEqual(PaymentMapper(self.connection).orders(row), [("order", order, 300.0)])
        self.assertEqual(PaymentMapper(self.connection).from_1c(row)["kind"], "payment")

    def test_vat_rates(self):
        rows = [self._read("Catalog_СтавкиНДС", Description="20%", Ставка=20),
                self._read("Catalog_СтавкиНДС", Description="old 20%", Ставка=20),
                self._read("Catalog_СтавкиНДС", Description="Без НДС", Ставка=0),
                self._read("Catalog_СтавкиНДС", Description="gone", Ставка=10, DeletionMark=True)]
        self.assertEqual(VatRateMapper(self.connection).rates(rows), {20.0: rows[0]["Ref_Key"], 0.0: rows[2]["Ref_Key"]})
