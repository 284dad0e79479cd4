from odoo import api, fields, models

# Who may read compensation claims (their record rules narrow it further).
CLAIM_READERS = (
    "shaqra_beneficiary.group_liaison_officer,shaqra_beneficiary.group_committee_member,"
    "shaqra_beneficiary.group_manager"
)


class ShaqraBeneficiary(models.Model):
    _inherit = "shaqra.beneficiary"

    compensation_claim_count = fields.Integer(
        string="Compensation Claims",
        compute="_compute_compensation_claim_count",
        groups=CLAIM_READERS,
    )

    @api.depends_context("uid")
    def _compute_compensation_claim_count(self):
        Claim = self.env["shaqra.compensation.claim"]
        counts = {}
        if Claim.has_access("read"):
            # One grouped query, under the reader's own record rules (confidential).
            counts = dict(
                Claim._read_group(
                    [("beneficiary_id", "in", self.ids)], ["beneficiary_id"], ["__count"]
                )
            )
        for beneficiary in self:
            beneficiary.compensation_claim_count = counts.get(beneficiary, 0)

    def action_view_compensation_claims(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "shaqra_complaints.shaqra_compensation_claim_action"
        )
        action["domain"] = [("beneficiary_id", "=", self.id)]
        action["context"] = {"default_beneficiary_id": self.id}
        return action
