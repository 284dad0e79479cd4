from odoo import fields, models


class ShaqraBeneficiaryAgreementSign(models.TransientModel):
    """Collect a signature on an agreement in the back office (policy ART2).

    Reception collects the beneficiary's signature in person; a manager
    signs as the association's representative. The wizard only carries the
    drawing: the agreement's own signing actions check and record it.
    """

    _name = "shaqra.beneficiary.agreement.sign"
    _description = "Sign an Agreement"

    agreement_id = fields.Many2one("shaqra.beneficiary.agreement", required=True)
    signer = fields.Selection(
        [("beneficiary", "The beneficiary, in person"), ("representative", "The association")],
        required=True,
        default="beneficiary",
    )
    signed_by = fields.Char(string="Name of the Signer")
    signature = fields.Binary(required=True)

    def action_confirm(self):
        self.ensure_one()
        if self.signer == "representative":
            self.agreement_id.action_sign_representative(self.signature)
        else:
            self.agreement_id.action_sign(self.signature, signed_by=self.signed_by)
        return {"type": "ir.actions.act_window_close"}
