from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import IndustrialCrmCommon


@tagged("post_install", "-at_install")
class TestStageRequirements(IndustrialCrmCommon):
    """The stage rules are records: one added in data refuses the move with its own
    message, one switched off no longer does."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ru_RU")
        cls.env["ir.module.module"]._load_module_terms(["industrial_crm"], ["ru_RU"], overwrite=True)
        cls.Requirement = cls.env["industrial.stage.requirement"]
        cls.deadline_rule = cls.Requirement.create({
            "name": "Reservation takes the expected closing date",
            "stage_code": "reservation",
            "trigger": "enter",
            "code": "closing_date",
            "domain": "[('date_deadline', '!=', False)]",
            "message": "set the expected closing date of the deal",
        })
        cls.deadline_rule.update_field_translations(
            "message", {"ru_RU": "укажите ожидаемую дату закрытия сделки"}
        )

    def test_data_requirement_refuses_in_english_and_russian(self):
        deal = self._create_deal(stage_id=self.stages["negotiation"].id, date_deadline=False)
        manager_deal = deal.with_user(self.user_manager)
        with self.assertRaisesRegex(UserError, "cannot move to .*set the expected closing date of the deal"):
            manager_deal.with_context(lang="en_US").action_next_stage()
        with self.assertRaises(UserError) as refused:
            manager_deal.with_context(lang="ru_RU").action_next_stage()
        self.assertIn("укажите ожидаемую дату закрытия сделки", str(refused.exception))
        self.assertNotIn("expected closing date", str(refused.exception))
        self.assertEqual(deal.stage_code, "negotiation", "the refused move left the deal where it was")
        with self.assertRaisesRegex(UserError, "set the expected closing date"):
            manager_deal.write({"stage_id": self.stages["shipment"].id})
        deal.date_deadline = "2026-12-31"
        manager_deal.action_next_stage()
        self.assertEqual(deal.stage_code, "reservation")

    def test_data_requirement_checks_only_its_moves(self):
        deal = self._create_deal(stage_id=self.stages["reservation"].id, date_deadline=False)
        self.assertNotIn(
            "set the expected closing date of the deal",
            deal._get_stage_blockers(self.stages["shipment"]),
            "the deal is past the reservation stage: a rule on entering it no longer applies",
        )
        deal.stage_id = self.stages["selection"]
        self.assertEqual(deal.stage_code, "selection", "going back is always allowed")

    def test_deactivating_lifts_the_requirement(self):
        deal = self._create_deal(stage_id=self.stages["negotiation"].id, date_deadline=False)
        self.deadline_rule.active = False
        deal.with_user(self.user_manager).action_next_stage()
        self.assertEqual(deal.stage_code, "reservation")

    def test_deactivating_a_shipped_rule_lifts_it(self):
        rule = self.env.ref("industrial_crm.stage_requirement_acceptance_act")
        deal = self._create_deal(stage_id=self.stages["commissioning"].id)
        self.assertIn("attach the signed acceptance act", deal._get_stage_blockers(self.stages["service"]))
        rule.active = False
        self.assertNotIn("attach the signed acceptance act", deal._get_stage_blockers(self.stages["service"]))

    def test_skipping_rule_drives_next_stage(self):
        deal = self._create_deal(
            stage_id=self.stages["commissioning"].id, acceptance_act_ids=[(4, self._attachment().id)]
        )
        self.assertFalse(deal.needs_certification)
        self.assertEqual(deal._get_next_stage(), self.stages["service"], "no certification for this equipment")
        self.env.ref("industrial_crm.stage_requirement_certification_needed").skip_stage = False
        self.assertEqual(deal._get_next_stage(), self.stages["certification"])

    def test_requirement_without_check_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "no check in code"):
            self.Requirement.create({
                "name": "Nothing to check", "stage_code": "shipment", "code": "nothing",
            })
        with self.assertRaisesRegex(ValidationError, "not a valid domain"):
            self.Requirement.create({
                "name": "Bad domain", "stage_code": "shipment", "code": "bad_domain",
                "domain": "[('no_such_field', '=', 1)]", "message": "never shown",
            })
        with self.assertRaisesRegex(ValidationError, "lowercase letters"):
            self.Requirement.create({
                "name": "Bad code", "stage_code": "shipment", "code": "__class__.x",
                "domain": "[]", "message": "never shown",
            })

    def test_shipped_rules_listed_with_their_checks(self):
        rules = self.Requirement.search([("code", "!=", "closing_date")])
        self.assertTrue(rules.filtered(lambda r: r.code == "acceptance_act" and r.stage_code == "commissioning"))
        skipping = rules.filtered("skip_stage")
        self.assertEqual(skipping.mapped("code"), ["certification_needed"])
        self.assertTrue(all((rules - skipping).mapped("has_checker")), "every other shipped rule is checked by its module")
        self.assertFalse(skipping.has_checker, "a skipping rule is a deal condition the funnel reads in SQL")
        self.assertEqual(skipping.domain, '[("needs_certification", "=", True)]')

    def test_skipping_rule_checked_in_code_is_refused(self):
        rule = self.env.ref("industrial_crm.stage_requirement_acceptance_act")
        with self.assertRaises(ValidationError) as refused:
            rule.with_context(lang="en_US").skip_stage = True
        self.assertIn("give it a deal condition instead of a check in code", str(refused.exception))
        with self.assertRaises(ValidationError) as refused:
            rule.with_context(lang="ru_RU").skip_stage = True
        self.assertIn("условие", str(refused.exception))
        rule.invalidate_recordset(["skip_stage"])
        self.assertFalse(rule.skip_stage, "nothing of the refused change was written")

    def test_unmet_skipping_rule_refuses_with_its_message(self):
        deal = self._create_deal(
            stage_id=self.stages["commissioning"].id, acceptance_act_ids=[(4, self._attachment().id)]
        )
        with self.assertRaisesRegex(UserError, "this equipment needs no certification: move the deal to Service"):
            deal.with_user(self.user_manager).with_context(lang="en_US").write(
                {"stage_id": self.stages["certification"].id}
            )
        with self.assertRaises(UserError) as refused:
            deal.with_user(self.user_manager).with_context(lang="ru_RU").write(
                {"stage_id": self.stages["certification"].id}
            )
        self.assertNotIn("needs no certification", str(refused.exception))
        self.assertEqual(deal.stage_code, "commissioning")

    def test_funnel_follows_the_skipping_rules(self):
        plain = self._create_deal(name="Plain pump deal")
        certified = self._create_deal(name="Certified bench deal", equipment_type_ids=[(6, 0, self.eq_certified.ids)])
        deals = plain | certified
        deals.write({"reached_stage_sequence": self.stages["closed"].sequence})
        Report = self.env["industrial.funnel.report"]

        def passed(code):
            self.env.flush_all()
            self.env.invalidate_all()
            rows = Report.search([("stage_id", "=", self.stages[code].id), ("lead_id", "in", deals.ids)])
            return rows.lead_id

        self.assertEqual(passed("certification"), certified)
        self.assertEqual(passed("service"), deals)
        skip_service = self.Requirement.create({
            "name": "Service only for deals named bench",
            "stage_code": "service",
            "trigger": "reach",
            "code": "bench_service",
            "domain": "[('name', 'ilike', 'bench')]",
            "message": "no service for this deal",
            "skip_stage": True,
        })
        self.assertEqual(passed("service"), certified, "a new skipping rule is counted at once")
        self.env.ref("industrial_crm.stage_requirement_certification_needed").active = False
        self.assertEqual(passed("certification"), deals, "a rule switched off no longer skips the stage")
        skip_service.unlink()
        self.assertEqual(passed("service"), deals)
        self.assertEqual(passed("commissioning"), deals)


    def test_only_administrators_change_the_rules(self):
        rule = self.env.ref("industrial_crm.stage_requirement_paid")
        self.assertEqual(rule.with_user(self.user_head).name, "Closing takes the deal paid in full")
        with self.assertRaises(AccessError):
            rule.with_user(self.user_head).active = False
        with self.assertRaises(AccessError):
            rule.with_user(self.user_manager).read(["name"])
        admin = self.env.ref("base.user_admin")
        rule.with_user(admin).active = False
        self.assertFalse(rule.active)
        action = self.env.ref("industrial_crm.industrial_stage_requirement_action")
        self.assertEqual(action.res_model, "industrial.stage.requirement")
        menu = self.env.ref("industrial_crm.menu_industrial_stage_requirements")
        self.assertIn(menu.id, self.env["ir.ui.menu"].with_user(admin)._visible_menu_ids())
        self.assertNotIn(menu.id, self.env["ir.ui.menu"].with_user(self.user_head)._visible_menu_ids())
        views = self.Requirement.with_user(admin).get_views([(False, "list"), (False, "search")])
        self.assertIn("active", views["views"]["list"]["arch"])


@tagged("post_install", "-at_install")
class TestStageActions(IndustrialCrmCommon):
    """What a stage sets off is a flag on the stage, not a stage code in Python."""

    def test_service_offer_follows_the_flag(self):
        offer = self.env.ref("industrial_crm.mail_act_offer_service")
        self.assertTrue(self.stages["service"].industrial_offers_service)
        deal = self._create_deal(stage_id=self.stages["certification"].id)
        deal.with_context(industrial_stage_override=True).stage_id = self.stages["service"]
        self.assertIn(offer, deal.activity_ids.activity_type_id)
        (self.stages["service"] | self.stages["closed"]).write({"industrial_offers_service": False})
        self.stages["shipment"].industrial_offers_service = True
        other = self._create_deal(stage_id=self.stages["reservation"].id)
        other.with_context(industrial_stage_override=True).stage_id = self.stages["shipment"]
        self.assertIn(offer, other.activity_ids.activity_type_id, "the offer goes with the flag")
        other.with_context(industrial_stage_override=True).stage_id = self.stages["service"]
        self.assertEqual(len(other.activity_ids.filtered(lambda a: a.activity_type_id == offer)), 1)

    def test_prepayment_ends_at_the_flagged_stage(self):
        self.assertTrue(self.stages["shipment"].industrial_ends_prepayment)
        deal = self._create_deal(stage_id=self.stages["reservation"].id)
        invoice = self._invoice_deal(deal, price=1000)
        self._register_payment(invoice, 300)
        self.assertEqual(deal.payment_state, "prepaid")
        self.stages["shipment"].industrial_ends_prepayment = False
        self.stages["reservation"].industrial_ends_prepayment = True
        later = self._create_deal(stage_id=self.stages["reservation"].id)
        self._register_payment(self._invoice_deal(later, price=1000), 300)
        self.assertEqual(later.payment_state, "partial", "money received at the flagged stage is a part payment")

    def test_satisfaction_survey_reads_won_deals(self):
        won = self._create_deal(stage_id=self.stages["closed"].id)
        open_deal = self._create_deal(stage_id=self.stages["service"].id)
        domain = self.env["crm.lead"]._get_satisfaction_survey_domain()
        found = self.env["crm.lead"].search(domain + [("id", "in", (won | open_deal).ids)])
        self.assertEqual(found, won)
        self.assertTrue(won.industrial_stage_is_won)
        self.assertFalse(open_deal.industrial_stage_is_won)
