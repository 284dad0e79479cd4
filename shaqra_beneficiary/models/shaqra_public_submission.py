import hashlib
from datetime import timedelta

from odoo import api, fields, models

RETENTION_DAYS = 2


class ShaqraPublicSubmission(models.Model):
    """One accepted submission of a public form, kept two days for rate limits.

    Only hashes are stored (sha256 of the value and the database secret):
    the visitor's IP address and mobile never reach the database in clear.
    Nobody has access but server code running as superuser.
    """

    _name = "shaqra.public.submission"
    _description = "Public Form Submission"
    _order = "create_date desc, id desc"
    _log_access = True

    route_key = fields.Char(string="Form", required=True, index=True)
    ip_hash = fields.Char(string="Connection Fingerprint", index=True)
    mobile_hash = fields.Char(string="Mobile Fingerprint", index=True)

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _shaqra_hash(self, value):
        """sha256 of ``value`` salted with the database secret, or False."""
        if not value:
            return False
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret") or ""
        return hashlib.sha256(f"{secret}:{value}".encode()).hexdigest()

    @api.model
    def _shaqra_count(self, route_key, field, value, hours):
        """Accepted submissions of ``route_key`` with ``field`` = hash(value) in ``hours``."""
        digest = self._shaqra_hash(value)
        if not digest:
            return 0
        since = fields.Datetime.now() - timedelta(hours=hours)
        return self.sudo().search_count(
            [("route_key", "=", route_key), (field, "=", digest), ("create_date", ">=", since)]
        )

    @api.model
    def _cron_purge(self):
        """Forget the submissions older than two days."""
        limit = fields.Datetime.now() - timedelta(days=RETENTION_DAYS)
        self.sudo().search([("create_date", "<", limit)]).unlink()
