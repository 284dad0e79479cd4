from odoo import api, fields, models

from .shaqra_complaint import KINDS


class ShaqraComplaintSla(models.Model):
    """Working-day targets per kind of complaint (policy D2)."""

    _name = "shaqra.complaint.sla"
    _description = "Complaint Service Level"
    _order = "kind"
    _rec_name = "kind"

    kind = fields.Selection(KINDS, required=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    acknowledge_days = fields.Integer(
        string="Acknowledge Within (Working Days)",
        default=1,
        required=True,
        help="The complainant receives the tracking number within this many working days.",
    )
    answer_days = fields.Integer(
        string="Answer Within (Working Days)",
        default=15,
        required=True,
        help="The complaint is answered within this many working days of its receipt.",
    )
    reminder_days = fields.Integer(
        string="At Risk (Working Days Before)",
        default=3,
        required=True,
        help="The complaint is at risk this many working days before its deadline.",
    )

    _sql_constraints = [
        ("kind_company_unique", "unique(kind, company_id)", "One target per kind and company."),
        (
            "days_positive",
            "check(acknowledge_days >= 1 AND answer_days >= 1 AND reminder_days >= 0)",
            "The targets are at least one working day.",
        ),
    ]

    @api.model
    def _for_kind(self, kind, company):
        return self.search(
            [("kind", "=", kind), ("company_id", "in", [company.id, False])],
            order="company_id",
            limit=1,
        )
