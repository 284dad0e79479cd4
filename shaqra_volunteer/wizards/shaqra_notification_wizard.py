from odoo import fields, models


class ShaqraNotificationWizard(models.TransientModel):
    """Give a notice to a registered volunteer to deliver (A6).

    With a volunteer chosen, the notice is not delivered now: it waits on
    that volunteer's portal and counts as delivered when they confirm it.
    """

    _inherit = "shaqra.notification.wizard"

    volunteer_id = fields.Many2one(
        "shaqra.volunteer",
        string="Volunteer",
        domain=[("state", "=", "active")],
        help="A registered volunteer delivers the notice and confirms it on their portal; "
        "the notice stays to deliver until then.",
    )

    def action_send(self):
        self.ensure_one()
        if self.channel != "volunteer" or not self.volunteer_id:
            return super().action_send()
        # The volunteer named here is who delivers: the base's check of the
        # delivering person is satisfied, the delivery itself waits for them.
        self.volunteer_partner_id = self.volunteer_id.sudo().partner_id
        return super(
            ShaqraNotificationWizard,
            self.with_context(shaqra_volunteer_assign_id=self.volunteer_id.id),
        ).action_send()
