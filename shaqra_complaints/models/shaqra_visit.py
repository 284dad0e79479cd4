from odoo import api, fields, models
from odoo.exceptions import ValidationError

VISIT_TYPES = [
    ("field_survey", "Field survey"),
    ("supervisory", "Supervisory office visit"),
    ("interview", "Interview"),
]


class ShaqraVisit(models.Model):
    """A field survey of a beneficiary (G2), a supervisory visit of an office
    (G3) or an interview of a beneficiary (G4), with its findings, a score and
    follow-up actions as activities with owners and due dates."""

    _name = "shaqra.visit"
    _description = "Field Survey, Supervisory Visit or Interview"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(compute="_compute_name")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    visit_type = fields.Selection(VISIT_TYPES, string="Type", required=True, tracking=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    beneficiary_id = fields.Many2one(
        "shaqra.beneficiary", string="Beneficiary", index="btree_not_null", tracking=True
    )
    department_id = fields.Many2one(
        "hr.department", string="Office / Department Visited", tracking=True
    )
    visitor_id = fields.Many2one(
        "hr.employee",
        string="Visitor",
        required=True,
        default=lambda self: self.env.user.employee_id,
        tracking=True,
    )
    visitor_user_id = fields.Many2one(
        related="visitor_id.user_id", string="Visitor User", store=True, index=True
    )
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        required=True,
        default="planned",
        tracking=True,
    )
    findings = fields.Html()
    score = fields.Integer(help="The visitor's overall score, from 0 to 100.", tracking=True)

    _sql_constraints = [
        ("score_range", "CHECK(score >= 0 AND score <= 100)", "The score is between 0 and 100.")
    ]

    @api.depends("visit_type", "beneficiary_id", "department_id", "date")
    @api.depends_context("lang")
    def _compute_name(self):
        labels = dict(self._fields["visit_type"]._description_selection(self.env))
        for visit in self:
            subject = visit.beneficiary_id.name or visit.department_id.name or ""
            visit.name = " - ".join(
                part
                for part in (labels.get(visit.visit_type, ""), subject, str(visit.date or ""))
                if part
            )

    @api.constrains("visit_type", "beneficiary_id", "department_id")
    def _check_subject(self):
        for visit in self:
            if visit.visit_type == "supervisory" and not visit.department_id:
                raise ValidationError(
                    self.env._("A supervisory visit needs the office or department visited.")
                )
            if visit.visit_type in ("field_survey", "interview") and not visit.beneficiary_id:
                raise ValidationError(
                    self.env._("A field survey or an interview needs the beneficiary.")
                )

    def action_done(self):
        self.write({"state": "done"})
        return True

    def action_cancel(self):
        self.write({"state": "cancelled"})
        return True


class ShaqraBeneficiary(models.Model):
    _inherit = "shaqra.beneficiary"

    visit_ids = fields.One2many(
        "shaqra.visit", "beneficiary_id", string="Visits", groups="base.group_user"
    )
    visit_count = fields.Integer(
        string="Visit Count", compute="_compute_visit_count", groups="base.group_user"
    )

    def _compute_visit_count(self):
        counts = dict(
            self.env["shaqra.visit"]._read_group(
                [("beneficiary_id", "in", self.ids)], ["beneficiary_id"], ["__count"]
            )
        )
        for beneficiary in self:
            beneficiary.visit_count = counts.get(beneficiary, 0)

    def action_view_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "shaqra_complaints.shaqra_visit_action"
        )
        action["domain"] = [("beneficiary_id", "=", self.id)]
        action["context"] = {
            "default_beneficiary_id": self.id,
            "default_visit_type": "field_survey",
        }
        return action
