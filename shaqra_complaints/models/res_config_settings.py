from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    shaqra_fax_gateway_emails = fields.Char(
        string="Fax Gateway Addresses",
        config_parameter="shaqra_complaints.fax_gateway_emails",
        help="E-mail addresses of the fax-to-e-mail gateway, separated by commas: a "
        "complaint from one of them is registered as a fax and answered by fax.",
    )
