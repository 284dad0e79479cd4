from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    shaqra_service_calendar_id = fields.Many2one(
        related="company_id.shaqra_service_calendar_id",
        readonly=False,
    )
    shaqra_reminder_days = fields.Integer(
        related="company_id.shaqra_reminder_days",
        readonly=False,
    )
    shaqra_escalation_user_id = fields.Many2one(
        related="company_id.shaqra_escalation_user_id",
        readonly=False,
    )
