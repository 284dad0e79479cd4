from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    shaqra_claim_offer_approval_amount = fields.Monetary(
        string="Compensation Offers Approved by Management Above",
        currency_field="currency_id",
        default=10000.0,
        help="An offer of the association on a compensation claim above this amount needs "
        "the approval of management before it can be the basis of a settlement (C10).",
    )
    shaqra_claim_payment_days = fields.Integer(
        string="Compensation Paid Within (Working Days)",
        default=10,
        help="The agreed compensation is due this many working days after the settlement, "
        "on the association's calendar (policy E3).",
    )

    _sql_constraints = [
        (
            "shaqra_claim_offer_approval_amount_positive",
            "check(shaqra_claim_offer_approval_amount >= 0)",
            "The approval amount cannot be negative.",
        ),
        (
            "shaqra_claim_payment_days_positive",
            "check(shaqra_claim_payment_days > 0)",
            "The compensation is due after at least one working day.",
        ),
    ]
