from odoo import api, fields, models
from odoo.exceptions import UserError

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

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(self._key_message())
        return super().create(vals_list)

    def write(self, vals):
        if "key" in vals and not self.env.su and any(stage.key != vals["key"] for stage in self):
            raise UserError(self._key_message())
        return super().write(vals)

    def _key_message(self):
        return self.env._(
            "The stages of the request pipeline are fixed (policy C2-C6): their names, "
            "order and folding can be changed, not what they mean."
        )
