from odoo import api, fields, models

from ..tools import validation


class ShaqraBeneficiaryIncome(models.Model):
    """One monthly income source of a beneficiary's household (need assessment)."""

    _name = "shaqra.beneficiary.income"
    _description = "Household Income Source"
    _order = "beneficiary_id, amount desc, id"

    beneficiary_id = fields.Many2one(
        "shaqra.beneficiary", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="beneficiary_id.company_id", store=True)
    currency_id = fields.Many2one(related="beneficiary_id.currency_id")
    source = fields.Selection(
        [
            ("salary", "Salary"),
            ("pension", "Retirement pension"),
            ("social_security", "Social security"),
            ("citizen_account", "Citizen account"),
            ("disability_allowance", "Disability allowance"),
            ("charity", "Other charity aid"),
            ("family", "Family support"),
            ("trade", "Private business"),
            ("other", "Other"),
        ],
        required=True,
        default="salary",
    )
    amount = fields.Monetary(string="Monthly Amount", required=True)
    note = fields.Char()

    _sql_constraints = [
        ("amount_positive", "check(amount >= 0)", "An income amount cannot be negative."),
    ]

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("amount", "note")
    def _check_values(self):
        """Policy C3: a monthly amount is neither negative nor absurd."""
        for income in self:
            validation.check_amount(income, "amount", income.amount)
            validation.check_length(income, "note", income.note, validation.MAX_CHAR_LENGTH)

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            validation.check_vals_types(self, vals)
        return super().create(vals_list)

    def write(self, vals):
        validation.check_vals_types(self, vals)
        return super().write(vals)
