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
    shaqra_public_limit_ip_hour = fields.Integer(
        string="Public Forms per Address and Hour",
        config_parameter="shaqra.public_limit_ip_hour",
        default=20,
        help="Accepted submissions of a public form (inquiry, complaint, volunteering) from "
        "one internet address in an hour; a family behind one address stays well below.",
    )
    shaqra_public_limit_mobile_day = fields.Integer(
        string="Public Forms per Mobile and Day",
        config_parameter="shaqra.public_limit_mobile_day",
        default=5,
        help="Accepted submissions of a public form with the same mobile number in a day.",
    )
