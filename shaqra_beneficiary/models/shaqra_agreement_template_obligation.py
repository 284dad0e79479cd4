from odoo import fields, models


class ShaqraAgreementTemplateObligation(models.Model):
    """An obligation of a template, copied onto each agreement (ART2)."""

    _name = "shaqra.agreement.template.obligation"
    _description = "Agreement Template Obligation"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "shaqra.agreement.template", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Obligation", required=True)
    party = fields.Selection(
        [("beneficiary", "Beneficiary"), ("association", "Association")],
        required=True,
        default="beneficiary",
    )
    days_from_start = fields.Integer(
        string="Due (Days After Start)",
        help="Days after the start of the agreement when it is due; 0 for a standing "
        "obligation without a date (e.g. report a change of income within 15 days).",
    )
