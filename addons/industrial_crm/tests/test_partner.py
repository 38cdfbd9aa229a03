from odoo.tests import tagged

from .common import IndustrialCrmCommon


@tagged("post_install", "-at_install")
class TestCompanyFigures(IndustrialCrmCommon):
    def test_won_amount_follows_won_deals(self):
        contact = self.env["res.partner"].create({"name": "Buyer", "parent_id": self.customer.id})
        deal = self._create_deal(partner_id=contact.id, expected_revenue=1000000,
                                 service_decision="declined", stage_id=self.stages["service"].id)
        self._pay_deal(deal)
        self._create_deal(expected_revenue=500000)
        self.assertEqual(self.customer.industrial_won_amount, 0)
        deal.stage_id = self.stages["closed"]
        self.assertEqual(self.customer.industrial_won_amount, 1000000)
        self.assertEqual(self.customer.industrial_customer_status, "customer")
        self.assertEqual(contact.industrial_customer_status, "customer")
        deal.expected_revenue = 1200000
        self.assertEqual(self.customer.industrial_won_amount, 1200000)
        deal.stage_id = self.stages["service"]
        self.assertEqual(self.customer.industrial_won_amount, 0)
        deal.stage_id = self.stages["closed"]
        self.assertEqual(self.customer.industrial_won_amount, 1200000)
        deal.action_archive()
        self.assertEqual(self.customer.industrial_won_amount, 0, "an archived deal no longer counts")

    def test_open_lead_leaves_company_figures_alone(self):
        """Only won deals feed the figures: a new lead of a known company marks
        nothing of it (nor of its contacts) to recompute."""
        self._create_deal(expected_revenue=300, stage_id=self.stages["closed"].id)
        self.env.flush_all()
        won_amount = self.env["res.partner"]._fields["industrial_won_amount"]
        status = self.env["res.partner"]._fields["industrial_customer_status"]
        self._create_deal(expected_revenue=500000)
        self.assertFalse(self.env.records_to_compute(won_amount))
        self.assertFalse(self.env.records_to_compute(status))
        self.assertEqual(self.customer.industrial_won_amount, 300)

    def test_contact_lookup_reads_only_what_the_user_may_read(self):
        """The lookup reads the contact whole, but never a field hidden from the
        caller (a marketer does not see won amounts)."""
        found = self.env["res.partner"].with_user(self.user_marketer)._industrial_find_contact(
            False, "info@cryogenmash.example.ru"
        )
        self.assertEqual(found, self.customer)

    def test_holding_linked_once_shown_on_members(self):
        other = self.env["res.partner"].create({"name": "Metallurg PJSC", "is_company": True})
        contact = self.env["res.partner"].create({"name": "Engineer", "parent_id": other.id})
        holding = self.env["industrial.holding"].create({
            "name": "Techprom Holding", "member_ids": [(6, 0, (self.customer | other).ids)],
        })
        self.assertEqual(self.customer.industrial_holding_id, holding)
        self.assertEqual(contact.industrial_holding_id, holding, "contacts follow their company")
        self.assertEqual(self.customer.industrial_holding_member_ids, other)
        self.assertEqual(other.industrial_holding_member_ids, self.customer)
        self._create_deal(partner_id=contact.id, expected_revenue=300, stage_id=self.stages["closed"].id)
        self.assertEqual(holding.won_amount, 300)
        self.assertEqual(holding.member_count, 2)
