from odoo import api, models

OVERVIEW = (
    "shaqra_beneficiary.group_manager",
    "shaqra_complaints.shaqra_overview_action",
    {},
)


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _shaqra_home_actions(self):
        """Policy G5: management starts its day on the overview."""
        return [
            OVERVIEW if group == OVERVIEW[0] else (group, xmlid, context)
            for group, xmlid, context in super()._shaqra_home_actions()
        ]
