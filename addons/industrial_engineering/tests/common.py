from odoo import Command

from odoo.addons.industrial_crm.tests.common import IndustrialCrmCommon
from odoo.addons.mail.tests.common import mail_new_test_user


class EngineeringCommon(IndustrialCrmCommon):
    """The sales roles of industrial_crm plus two engineers (with employees, for
    timesheets), a deal and equipment our engineers commission."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def engineer(login, name):
            user = mail_new_test_user(
                cls.env, login=login, groups="industrial_engineering.group_engineer", name=name,
                email=f"{login}@vacuum.example.com", company_id=cls.company_admin.id,
                notification_type="inbox",
            )
            cls.env["hr.employee"].create({"name": name, "user_id": user.id, "company_id": cls.company_admin.id})
            return user

        cls.user_engineer = engineer("t_engineer", "Egor Engineer")
        cls.user_engineer_2 = engineer("t_engineer2", "Eva Engineer")
        cls.eq_commissioned = cls.env["industrial.equipment.type"].create({
            "name": "HV coating unit", "needs_commissioning": True,
        })
        cls.deal = cls._create_deal(name="Coating unit for Cryogenmash")
        cls.product_unit = cls.env["product.product"].create({
            "name": "Coating unit VU-1M", "type": "consu", "standard_price": 3000000, "list_price": 4800000,
        })
        cls.product_pump = cls.env["product.product"].create({
            "name": "Turbo pump TMN-300", "type": "consu", "standard_price": 400000, "list_price": 640000,
        })

    @classmethod
    def _request(cls, deal=None, engineer=None, user=None, **values):
        vals = {
            "lead_id": (deal or cls.deal).id,
            "engineer_id": (engineer or cls.user_engineer).id,
            "requirements": "<p>10⁻⁵ Pa in 40 minutes, chamber 600 mm</p>",
        }
        vals.update(values)
        return cls.env["industrial.calculation"].with_user(user or cls.user_manager).create(vals)

    @classmethod
    def _variant(cls, calculation, name="Turbo pumping", price=5000000, lead_time=90, user=None, lines=None):
        lines = lines if lines is not None else [
            {"product_id": cls.product_unit.id, "quantity": 1, "unit_cost": 3000000},
            {"name": "Chamber 600 mm with load lock", "quantity": 2, "unit_cost": 500000},
        ]
        return cls.env["industrial.calculation.variant"].with_user(user or cls.user_engineer).create({
            "calculation_id": calculation.id,
            "name": name,
            "price": price,
            "lead_time_days": lead_time,
            "line_ids": [Command.create(line) for line in lines],
        })

    def _done_calculation(self, variants=2):
        calculation = self._request()
        calculation.with_user(self.user_engineer).action_start()
        self._variant(calculation)
        if variants > 1:
            self._variant(calculation, name="Diffusion pumping", price=4400000, lead_time=60, lines=[
                {"product_id": self.product_unit.id, "quantity": 1, "unit_cost": 3000000},
                {"product_id": self.product_pump.id, "quantity": 2, "unit_cost": 200000},
            ])
        calculation.with_user(self.user_engineer).action_done()
        return calculation
