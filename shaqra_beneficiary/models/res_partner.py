from odoo import api, models

from .shaqra_beneficiary import PARTNER_CHECKED_FIELDS


class ResPartner(models.Model):
    _inherit = "res.partner"

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains(*PARTNER_CHECKED_FIELDS)
    def _check_shaqra_beneficiary_values(self):
        """Policy C3: a beneficiary's contact data obey the file's rules even
        when the contact itself is edited (contacts app, user preferences)."""
        beneficiaries = (
            self.env["shaqra.beneficiary"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "in", self.ids)])
        )
        beneficiaries._check_field_values()
