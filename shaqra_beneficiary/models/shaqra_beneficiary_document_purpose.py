from odoo import fields, models


class ShaqraBeneficiaryDocument(models.Model):
    """What a document or work the beneficiary provided may be used for (E1)."""

    _inherit = "shaqra.beneficiary.document"

    purpose = fields.Char(
        string="Purpose of Use",
        default=lambda self: self.env._("Study and delivery of the beneficiary's services"),
        help="What the beneficiary gave this document or work for; it is used for nothing "
        "else (policy E1).",
    )
