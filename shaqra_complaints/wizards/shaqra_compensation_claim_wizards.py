from odoo import api, fields, models


class ShaqraCompensationAgreementSign(models.TransientModel):
    """The beneficiary signs the settlement agreement in person (C10)."""

    _name = "shaqra.compensation.agreement.sign"
    _description = "Sign a Compensation Settlement Agreement"

    claim_id = fields.Many2one("shaqra.compensation.claim", required=True, ondelete="cascade")
    currency_id = fields.Many2one(related="claim_id.currency_id")
    amount_agreed = fields.Monetary(related="claim_id.amount_agreed")
    agreement_terms = fields.Html(related="claim_id.agreement_terms")
    signed_by = fields.Char(
        string="Signed By",
        required=True,
        compute="_compute_signed_by",
        store=True,
        readonly=False,
    )
    signature = fields.Binary(required=True)

    @api.depends("claim_id")
    def _compute_signed_by(self):
        for wizard in self:
            # The beneficiary signs; the officer may correct the name as on the ID.
            wizard.signed_by = wizard.signed_by or wizard.claim_id.sudo().beneficiary_id.name

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        # Only who handles the claim records the signature.
        wizards.claim_id.check_access("write")
        return wizards

    def action_sign(self):
        self.ensure_one()
        self.claim_id._agreement_sign(self.signature, self.signed_by)
        return {"type": "ir.actions.act_window_close"}


class ShaqraCompensationClaimReject(models.TransientModel):
    """Reject a claim with the reason the beneficiary is given."""

    _name = "shaqra.compensation.claim.reject"
    _description = "Reject a Compensation Claim"

    claim_id = fields.Many2one("shaqra.compensation.claim", required=True, ondelete="cascade")
    reason = fields.Text(required=True)

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        wizards.claim_id.check_access("write")
        return wizards

    def action_reject(self):
        self.ensure_one()
        self.claim_id.action_reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
