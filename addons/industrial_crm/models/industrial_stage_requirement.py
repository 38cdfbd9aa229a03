import logging
import re

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.osv import expression
from odoo.tools.safe_eval import safe_eval

from .crm_stage import STAGE_CODES

_logger = logging.getLogger(__name__)

CHECKER_PREFIX = "_stage_requirement_"
CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
# what the funnel report's view reads of the rules that skip a stage
SKIP_FIELDS = {"active", "skip_stage", "trigger", "stage_code", "domain"}


class IndustrialStageRequirement(models.Model):
    """What a deal must have to move along the process, one record per rule.

    The records live in each module's data: a rule is keyed by the code of a stage
    (``crm.stage.industrial_code``) and by a requirement code. A module that needs
    Python to tell whether the deal meets the rule defines
    ``crm.lead._stage_requirement_<code>(requirement)`` returning the reasons that
    refuse the move; a rule without such a method is met when the deal matches its
    domain, and refused with its (translated) message otherwise. A rule that makes
    Next Stage skip its stage is always a domain, so that the funnel report can
    count in SQL the deals that pass through the stage.
    """

    _name = "industrial.stage.requirement"
    _description = "Stage Requirement"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    name = fields.Char(string="Requirement", required=True, translate=True)
    stage_code = fields.Selection(
        STAGE_CODES, string="Process Step", required=True,
        help="The process step of the stage the rule guards.",
    )
    trigger = fields.Selection(
        [
            ("reach", "Moving onto the stage"),
            ("enter", "Reaching or passing over the stage"),
            ("leave", "Leaving or passing over the stage"),
        ],
        string="Checked When", required=True, default="leave",
    )
    code = fields.Char(
        required=True,
        help="Names the check: crm.lead._stage_requirement_<code> when a module defines it, "
        "otherwise the domain below.",
    )
    domain = fields.Char(
        string="Deal Condition",
        help="Domain on the deal: the move is refused while the deal does not match it "
        "(used when no module defines a check for the code).",
    )
    message = fields.Char(
        translate=True, help="The reason shown to the user when the deal does not match the condition."
    )
    skip_stage = fields.Boolean(
        string="Skipped When Unmet",
        help="Next Stage passes over the stage instead of stopping at it when the deal "
        "does not meet this rule.",
    )
    has_checker = fields.Boolean(string="Checked in Code", compute="_compute_has_checker")

    _sql_constraints = [
        ("code_stage_uniq", "unique(stage_code, code)", "A requirement code is used once per process step."),
    ]

    @api.depends("code")
    def _compute_has_checker(self):
        Lead = self.env["crm.lead"]
        for requirement in self:
            requirement.has_checker = bool(requirement.code) and hasattr(Lead, CHECKER_PREFIX + requirement.code)

    @api.constrains("code", "domain", "message", "skip_stage")
    def _check_code_or_condition(self):
        for requirement in self:
            if not CODE_PATTERN.match(requirement.code or ""):
                raise ValidationError(self.env._(
                    "The requirement code %(code)s may hold only lowercase letters, digits and underscores.",
                    code=requirement.code,
                ))
            if requirement.skip_stage and requirement.has_checker:
                raise ValidationError(self.env._(
                    "The requirement %(name)s makes Next Stage skip its stage: give it a deal condition "
                    "instead of a check in code, so that the funnel counts the deals that pass the stage.",
                    name=requirement.name,
                ))
            if requirement.has_checker:
                continue
            if not (requirement.domain and requirement.message):
                raise ValidationError(self.env._(
                    "The requirement %(name)s has no check in code: give it a deal condition and a message.",
                    name=requirement.name,
                ))
            try:
                expression.expression(safe_eval(requirement.domain), self.env["crm.lead"])
            except Exception as error:
                raise ValidationError(self.env._(
                    "The deal condition of %(name)s is not a valid domain: %(error)s",
                    name=requirement.name, error=error,
                )) from error

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        requirements = super().create(vals_list)
        if any(requirements.mapped("skip_stage")):
            self._rebuild_funnel()
        return requirements

    def write(self, vals):
        self.env.registry.clear_cache()
        skipping = any(self.mapped("skip_stage"))
        result = super().write(vals)
        if SKIP_FIELDS & set(vals) and (skipping or any(self.mapped("skip_stage"))):
            self._rebuild_funnel()
        return result

    def unlink(self):
        self.env.registry.clear_cache()
        skipping = any(self.mapped("skip_stage"))
        result = super().unlink()
        if skipping:
            self._rebuild_funnel()
        return result

    def _rebuild_funnel(self):
        """The funnel's view holds the skipping rules' conditions: rebuild it with them."""
        self.env.flush_all()
        self.env["industrial.funnel.report"].init()

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    @api.model
    @tools.ormcache("xmlid")
    def _get_stage_code(self, xmlid):
        """Stage code of the rule ``xmlid``, for a module acting at that rule's stage
        (cached: it is read on every write of a deal)."""
        rule = self.env.ref(xmlid, raise_if_not_found=False)
        return rule.sudo().stage_code if rule else False

    @api.model
    def _get_for_move(self, old_stage, new_stage):
        """The active rules a forward move from ``old_stage`` to ``new_stage`` is checked against."""
        old_seq, new_seq = old_stage.sequence, new_stage.sequence
        stages = self.env["crm.stage"].search([
            ("industrial_code", "!=", False), ("sequence", ">=", old_seq), ("sequence", "<=", new_seq),
        ])
        left = {s.industrial_code for s in stages if s.sequence < new_seq}
        if old_stage.industrial_code:
            left.add(old_stage.industrial_code)
        entered = {s.industrial_code for s in stages if s.sequence > old_seq}
        return self.search(expression.OR([
            [("trigger", "=", "reach"), ("stage_code", "=", new_stage.industrial_code)],
            [("trigger", "=", "enter"), ("stage_code", "in", list(entered))],
            [("trigger", "=", "leave"), ("stage_code", "in", list(left))],
        ]))

    @api.model
    def _get_skipping_conditions(self):
        """``[(stage code, crm.lead query)]``: the deals that pass through each stage
        that Next Stage skips for the others. A condition naming a field of a module
        not loaded yet is left out (logged) until that module's rules are saved again."""
        Lead = self.env["crm.lead"].sudo().with_context(active_test=False)
        conditions = []
        for rule in self.sudo().search([("trigger", "=", "reach"), ("skip_stage", "=", True)]):
            try:
                conditions.append((rule.stage_code, Lead._search(safe_eval(rule.domain or "[]"))))
            except ValueError:
                _logger.warning("Funnel: the condition of the stage rule %s cannot be read yet.", rule.code)
        return conditions

    @api.model
    def _get_skipping(self, stage):
        """The rules that make Next Stage pass over ``stage`` when a deal does not meet them."""
        if not stage.industrial_code:
            return self.browse()
        return self.search([
            ("trigger", "=", "reach"), ("stage_code", "=", stage.industrial_code), ("skip_stage", "=", True),
        ])

    def _get_unmet_reasons(self, lead):
        """Reasons, in the rules' order, why ``lead`` does not meet these rules."""
        lead.ensure_one()
        reasons = []
        for requirement in self:
            checker = getattr(lead, CHECKER_PREFIX + requirement.code, None)
            if checker:
                reasons += checker(requirement)
            elif not lead.sudo().filtered_domain(safe_eval(requirement.domain or "[]")):
                reasons.append(requirement.message)
        return reasons
