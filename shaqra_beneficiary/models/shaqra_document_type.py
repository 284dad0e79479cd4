from odoo import fields, models


class ShaqraDocumentType(models.Model):
    """A kind of document kept in a beneficiary's file (policy C2, E2)."""

    _name = "shaqra.document.type"
    _description = "Beneficiary Document Type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    has_expiry = fields.Boolean(
        string="Expires", help="Documents of this type have an expiry date to follow."
    )
    is_confidential = fields.Boolean(
        string="Confidential",
        help="Medical reports, income statements... readable only by the roles that "
        "need them (policy E2).",
    )
