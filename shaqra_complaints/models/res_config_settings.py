from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    shaqra_fax_gateway_emails = fields.Char(
        string="Fax Gateway Addresses",
        config_parameter="shaqra_complaints.fax_gateway_emails",
        help="E-mail addresses of the fax-to-e-mail gateway, separated by commas: a "
        "complaint from one of them is registered as a fax and answered by fax.",
    )
    shaqra_claim_offer_approval_amount = fields.Monetary(
        related="company_id.shaqra_claim_offer_approval_amount",
        currency_field="shaqra_company_currency_id",
        readonly=False,
    )
    shaqra_claim_payment_days = fields.Integer(
        related="company_id.shaqra_claim_payment_days", readonly=False
    )
    shaqra_company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )
