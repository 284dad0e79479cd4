from odoo import api, fields, models


class ShaqraComplaintSettlementSign(models.TransientModel):
    """The complainant signs the settlement at reception (policy D3)."""

    _name = "shaqra.complaint.settlement.sign"
    _description = "Sign a Settlement at Reception"

    complaint_id = fields.Many2one("shaqra.complaint", required=True, ondelete="cascade")
    settlement_terms = fields.Html(related="complaint_id.settlement_terms")
    signed_by = fields.Char(string="Signed By", required=True)
    signature = fields.Binary(required=True)

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        # Only who handles the complaint sees its terms and records the signature.
        wizards.complaint_id.check_access("write")
        return wizards

    def action_sign(self):
        self.ensure_one()
        self.complaint_id._settlement_sign(
            self.signature,
            self.signed_by,
            ip=self.env._("At reception (%(user)s)", user=self.env.user.name),
            ua=False,
        )
        return {"type": "ir.actions.act_window_close"}
