from odoo import models
from odoo.exceptions import UserError

# Identity data of a beneficiary: changed only through a correction request
# that staff approve (policy F3).
BENEFICIARY_IDENTITY_FIELDS = (
    "name",
    "email",
    "phone",
    "mobile",
    "street",
    "street2",
    "city",
    "zip",
    "state_id",
    "country_id",
    "vat",
)


class ResUsers(models.Model):
    _inherit = "res.users"

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    def write(self, vals):
        if not self.env.su and self == self.env.user:
            self._shaqra_check_identity_write(vals)
        return super().write(vals)

    def _shaqra_check_identity_write(self, vals):
        """Policy F3: a beneficiary does not rewrite their own identity.

        Odoo lets every user write their own name and e-mail (and a few
        other fields) as superuser; for a beneficiary these are the file's
        identity data, which change only through a correction request that
        staff approve. Writing the same value again is harmless.
        """
        self.ensure_one()
        if self.has_group("shaqra_beneficiary.group_reception"):
            return
        changed = [
            name
            for name in BENEFICIARY_IDENTITY_FIELDS
            if name in vals
            and self._fields[name].convert_to_cache(vals[name], self, validate=False)
            != self._fields[name].convert_to_cache(self[name], self, validate=False)
        ]
        if not changed:
            return
        beneficiary = (
            self.env["shaqra.beneficiary"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "=", self.partner_id.id)], limit=1)
        )
        if beneficiary:
            raise UserError(
                self.env._(
                    "Your name and contact data are part of your beneficiary file: ask for "
                    "a correction on your data page (/my/beneficiary); the association "
                    "updates the file once it has checked it."
                )
            )
