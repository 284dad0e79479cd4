"""The beneficiary portal (policy C2-C5, E2, F2, F3): what its pages share.

Every record is reached through ``_document_check_access`` or a search
restricted to the logged-in beneficiary; writes run as superuser only after
that check. A record that is not the visitor's answers 404, never a hint
that it exists. The pages themselves are in ``portal_request``,
``portal_document``, ``portal_notice`` and ``portal_profile``; the rules they
apply are methods of the models.
"""

import os
from datetime import timedelta

from werkzeug.exceptions import NotFound

from odoo import fields
from odoo.exceptions import AccessError, MissingError
from odoo.http import request
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..tools import validation
from ..tools.hijri import format_hijri

# Documents a beneficiary may upload: extension -> accepted content types,
# checked on the bytes themselves, not on what the browser claims.
ALLOWED_UPLOADS = {
    "pdf": ("application/pdf",),
    "jpg": ("image/jpeg",),
    "jpeg": ("image/jpeg",),
    "png": ("image/png",),
}
UPLOAD_LIMIT_PARAM = "shaqra_beneficiary.portal_upload_max_mb"
DEFAULT_UPLOAD_LIMIT_MB = 10
# How many of each a portal user may send in an hour (system parameters
# shaqra_beneficiary.portal_max_<kind>_per_hour): enough for any real need,
# too few for a script.
RATE_LIMITS = {"requests": 5, "uploads": 30, "corrections": 5}


def signer_error(name, signature):
    """What a signature sent from the portal or a status page lacks (the
    drawing, the signer's name), or None; the drawing itself is checked by
    the model's signing action."""
    if not signature or not isinstance(signature, str):
        return request.env._("Please sign before confirming.")
    if not isinstance(name, str) or not name.strip():
        return request.env._("Please write your full name.")
    if len(name.strip()) > validation.MAX_NAME_LENGTH:
        return request.env._("The name is too long.")
    return None


def report_response(content, report_type, name):
    """A rendered QWeb report shown in the browser: the PDF, or its HTML where
    the PDF engine is missing."""
    mimetype = "application/pdf" if report_type == "pdf" else "text/html"
    return request.make_response(
        content,
        headers=[
            ("Content-Type", mimetype),
            ("Content-Length", str(len(content))),
            ("Content-Disposition", f'inline; filename="{name}.{report_type}"'),
        ],
    )


class ShaqraBeneficiaryPortal(CustomerPortal):
    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------

    def _shaqra_partner_ids(self):
        user = request.env.user
        return list({user.partner_id.id, user.partner_id.commercial_partner_id.id})

    def _shaqra_beneficiary(self):
        """The logged-in user's own beneficiary record (sudo), or an empty one."""
        if request.env.user._is_public():
            return request.env["shaqra.beneficiary"].sudo()
        return (
            request.env["shaqra.beneficiary"]
            .sudo()
            .search([("partner_id", "in", self._shaqra_partner_ids())], limit=1)
        )

    def _shaqra_upload_limit_mb(self):
        value = request.env["ir.config_parameter"].sudo().get_param(UPLOAD_LIMIT_PARAM)
        try:
            limit = int(value or DEFAULT_UPLOAD_LIMIT_MB)
        except ValueError:
            limit = DEFAULT_UPLOAD_LIMIT_MB
        return limit if limit > 0 else DEFAULT_UPLOAD_LIMIT_MB

    def _shaqra_upload_accept(self):
        return ",".join(f".{ext}" for ext in ALLOWED_UPLOADS)

    def _shaqra_rate_limit(self, kind):
        value = (
            request.env["ir.config_parameter"]
            .sudo()
            .get_param(f"shaqra_beneficiary.portal_max_{kind}_per_hour")
        )
        try:
            limit = int(value or RATE_LIMITS[kind])
        except ValueError:
            limit = RATE_LIMITS[kind]
        return limit if limit > 0 else RATE_LIMITS[kind]

    def _shaqra_rate_limit_error(self, kind, domain=None):
        """A message when the visitor sent too many ``kind`` in the last hour.

        Counted on what the visitor created (the records keep their creator
        even when written as superuser), so it holds across server workers.
        """
        model = {
            "requests": "shaqra.request",
            "uploads": "ir.attachment",
            "corrections": "shaqra.data.change.request",
        }[kind]
        limit = self._shaqra_rate_limit(kind)
        since = fields.Datetime.now() - timedelta(hours=1)
        count = (
            request.env[model]
            .sudo()
            .search_count(
                [("create_uid", "=", request.env.uid), ("create_date", ">=", since)]
                + (domain or [])
            )
        )
        if count < limit:
            return None
        return request.env._(
            "You have reached the limit of %(count)s per hour for this form: please try "
            "again later or contact the association.",
            count=limit,
        )

    def _shaqra_read_upload(self, upload):
        """Check an uploaded file; return ``(error, name, content, mimetype)``.

        Nothing is stored here: a refused file never reaches the database.
        """
        if not upload or not upload.filename:
            return "missing", None, None, None
        name = os.path.basename(upload.filename)
        extension = os.path.splitext(name)[1].lower().lstrip(".")
        if extension not in ALLOWED_UPLOADS:
            return "type", name, None, None
        limit = self._shaqra_upload_limit_mb() * 1024 * 1024
        content = upload.read(limit + 1)
        if not content:
            return "empty", name, None, None
        if len(content) > limit:
            return "size", name, None, None
        mimetype = guess_mimetype(content)
        if mimetype not in ALLOWED_UPLOADS[extension]:
            return "type", name, None, None
        return None, name, content, mimetype

    def _shaqra_upload_error_message(self, error, filename=None):
        limit = self._shaqra_upload_limit_mb()
        messages = {
            "missing": request.env._("Choose a file to upload."),
            "empty": request.env._("The file %(file)s is empty.", file=filename or ""),
            "type": request.env._(
                "The file %(file)s was refused: only PDF, JPG and PNG documents are accepted.",
                file=filename or "",
            ),
            "size": request.env._(
                "The file %(file)s was refused: it is larger than %(limit)s MB.",
                file=filename or "",
                limit=limit,
            ),
            "closed": request.env._("Documents can no longer be added to this request."),
            "rate": request.env._(
                "You have added many documents in the last hour: please try again later."
            ),
        }
        return messages.get(error, request.env._("The file was refused."))

    def _shaqra_date_values(self, date):
        """Gregorian and Hijri renderings of a date, in the visitor's language."""
        if not date:
            return {"gregorian": "", "hijri": ""}
        lang = request.env.lang or "ar_001"
        return {
            "gregorian": fields.Date.to_string(date),
            "hijri": format_hijri(date, lang=lang),
        }

    def _shaqra_is_owner(self, request_sudo):
        """Whether the logged-in visitor is the request's beneficiary."""
        user = request.env.user
        return not user._is_public() and request_sudo.partner_id.id in self._shaqra_partner_ids()

    def _shaqra_check_request(self, request_id, access_token=None):
        """The request as superuser if the visitor may see it, else 404."""
        try:
            return self._document_check_access(
                "shaqra.request", request_id, access_token=access_token
            )
        except (AccessError, MissingError) as exc:
            raise NotFound() from exc
