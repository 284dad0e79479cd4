from odoo import fields, models


class ShaqraBeneficiaryCategory(models.Model):
    """A category of beneficiaries: orphans, widows, elderly... (F1)."""

    _name = "shaqra.beneficiary.category"
    _description = "Beneficiary Category"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "The code of a beneficiary category must be unique."),
    ]
