from odoo import api, fields, models


class ShaqraPolicyAcknowledgement(models.Model):
    """The volunteer agreement is the acknowledgement of the B3 policy (ART4)."""

    _inherit = "shaqra.policy.acknowledgement"

    volunteer_id = fields.Many2one(
        "shaqra.volunteer",
        string="Volunteer",
        compute="_compute_volunteer_id",
        help="The volunteer whose contact signs this acknowledgement.",
    )

    @api.depends("partner_id")
    def _compute_volunteer_id(self):
        Volunteer = self.env["shaqra.volunteer"].sudo().with_context(active_test=False)
        volunteers = Volunteer.search([("partner_id", "in", self.partner_id.ids)])
        by_partner = {v.partner_id.id: v for v in volunteers}
        for ack in self:
            ack.volunteer_id = by_partner.get(ack.partner_id.id, Volunteer)

    def action_acknowledge(self, signature=None, signed_by=None):
        """Signing the volunteer agreement tells the coordinators the volunteer is ready."""
        res = super().action_acknowledge(signature=signature, signed_by=signed_by)
        volunteer = self.sudo().volunteer_id
        if volunteer and self.policy_id.sudo().code == "B3" and volunteer.state == "applicant":
            volunteer.message_post(
                body=self.env._(
                    "%(name)s signed the volunteer agreement %(document)s: the volunteer "
                    "can now be activated.",
                    name=volunteer.name,
                    document=self.policy_id.sudo().display_name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return res
