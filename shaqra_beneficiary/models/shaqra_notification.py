from odoo import fields, models

from .shaqra_beneficiary import CHANNELS


class ShaqraNotification(models.Model):
    """A notice sent to a beneficiary, with its proof (policy C5, A, E3)."""

    _name = "shaqra.notification"
    _description = "Beneficiary Notice"
    _order = "date desc, id desc"

    request_id = fields.Many2one("shaqra.request", index=True, ondelete="cascade")
    beneficiary_id = fields.Many2one(
        "shaqra.beneficiary", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    channel = fields.Selection(CHANNELS, required=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    subject = fields.Char()
    body = fields.Html()
    author_id = fields.Many2one(
        "res.users", string="Sent By", required=True, default=lambda self: self.env.user
    )
