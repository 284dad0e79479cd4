from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    shaqra_service_calendar_id = fields.Many2one(
        related="company_id.shaqra_service_calendar_id",
        readonly=False,
    )
