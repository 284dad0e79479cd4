from odoo import fields, models


class ShaqraPolicy(models.Model):
    """The code of professional ethics and conduct is a governing document (E4, ART4)."""

    _inherit = "shaqra.policy"

    kind = fields.Selection(
        selection_add=[("ethics", "Code of Ethics and Conduct")],
        ondelete={"ethics": "set default"},
    )
