from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import IndustrialCrmCommon


@tagged("post_install", "-at_install")
class TestRuleCheck(IndustrialCrmCommon):
    """Leads check their record rules in one pass over the cache (the pipeline's cards):
    the answer must be Odoo's own, for every lead and every operation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own_elsewhere = cls._create_deal(name="Own deal in Pumps", direction_id=cls.direction_pump.id,
                                             team_id=cls.team_pump.id)
        cls.of_direction = cls._create_deal(name="Colleague's deal", user_id=cls.user_manager_2.id)
        cls.foreign = cls._create_deal(name="Pumps deal", direction_id=cls.direction_pump.id,
                                       team_id=cls.team_pump.id, user_id=cls.user_manager_other.id)
        cls.unassigned = cls.env["crm.lead"].create({"name": "Unsorted lead", "type": "lead"})
        cls.leads = cls.own_elsewhere | cls.of_direction | cls.foreign | cls.unassigned

    def odoo_allowed(self, user, operation):
        """What Odoo's own check lets ``user`` reach: the rules' domain by ``filtered_domain``."""
        domain = self.env["ir.rule"].with_user(user)._compute_domain("crm.lead", operation)
        return self.leads.filtered_domain(domain) if domain else self.leads

    def test_same_answer_as_odoo(self):
        for user in (self.user_manager, self.user_head, self.user_head_other, self.user_director):
            for operation in ("read", "write"):
                with self.subTest(user=user.login, operation=operation):
                    self.env.invalidate_all()
                    leads = self.leads.with_user(user)
                    self.assertEqual(leads._filtered_access(operation), self.odoo_allowed(user, operation))

    def test_manager_reaches_his_own_and_his_direction(self):
        leads = self.leads.with_user(self.user_manager)
        self.assertEqual(leads._filtered_access("read"), self.own_elsewhere | self.of_direction)
        (self.own_elsewhere | self.of_direction).with_user(self.user_manager).check_access("read")
        with self.assertRaises(AccessError):
            self.foreign.with_user(self.user_manager).check_access("read")
        with self.assertRaises(AccessError):
            leads.check_access("write")

    def test_other_shapes_of_rule_go_through_odoo(self):
        """A rule the one-pass check does not read (a dotted path) is still applied."""
        self.env["ir.rule"].create({
            "name": "Only leads of company customers",
            "model_id": self.env["ir.model"]._get_id("crm.lead"),
            "domain_force": "[('partner_id.is_company', '=', True)]",
        })
        lead = self.of_direction.with_user(self.user_manager)
        self.assertIsNone(lead._industrial_filter_many2one_domain(
            self.env["ir.rule"].with_user(self.user_manager)._compute_domain("crm.lead", "read")))
        lead.check_access("read")
        self.of_direction.partner_id = self.env["res.partner"].create({"name": "Private person"})
        with self.assertRaises(AccessError):
            lead.check_access("read")

    def test_values_not_yet_read(self):
        """Leads whose columns are not in memory are read first, not taken as empty."""
        self.env.invalidate_all()
        leads = self.leads.with_user(self.user_manager)
        self.assertEqual(leads._filtered_access("read"), self.own_elsewhere | self.of_direction)
