from odoo import fields, models


class ShaqraCommittee(models.Model):
    """A committee of the association (policy C5, C8)."""

    _name = "shaqra.committee"
    _description = "Committee"
    _inherit = ["mail.thread"]
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    committee_type = fields.Selection(
        [
            ("service_review", "Service review"),
            ("follow_up", "Follow-up"),
            ("investigation", "Investigation and follow-up"),
        ],
        string="Type",
        required=True,
        default="service_review",
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)
    member_ids = fields.Many2many("res.users", string="Members", tracking=True)
    chair_id = fields.Many2one("res.users", string="Chair", tracking=True)
    quorum = fields.Integer(
        default=1, help="Number of member approvals needed to approve a meeting's minutes."
    )
