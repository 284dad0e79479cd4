from odoo import fields, models

STAGE_KEYS = [
    ("received", "Received"),
    ("completeness", "Completeness check"),
    ("awaiting_committee", "Awaiting committee"),
    ("committee_review", "Committee review"),
    ("decided", "Decided"),
    ("notified", "Beneficiary notified"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]


class ShaqraRequestStage(models.Model):
    """A stage of the request pipeline; ``key`` drives the behaviour."""

    _name = "shaqra.request.stage"
    _description = "Request Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    key = fields.Selection(STAGE_KEYS, required=True)
    fold = fields.Boolean(string="Folded in Kanban")
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("key_unique", "unique(key)", "Each stage key may be used once."),
    ]
