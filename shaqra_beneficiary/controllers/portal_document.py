"""The documents of a request on the portal: upload and download (C2, C3, E2)."""

from urllib.parse import urlencode

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from .portal import ShaqraBeneficiaryPortal


class ShaqraDocumentPortal(ShaqraBeneficiaryPortal):
    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------

    def _shaqra_request_line(self, request_sudo, line_id):
        """The checklist item ``line_id`` of the request, else 404."""
        line_sudo = request_sudo.requirement_line_ids.filtered(lambda line: line.id == line_id)
        if not line_sudo:
            raise NotFound()
        return line_sudo

    def _shaqra_upload_redirect(self, request_sudo, line_sudo, query):
        return request.redirect(
            request_sudo.get_portal_url(query_string=query, anchor=f"requirement_{line_sudo.id}")
        )

    def _shaqra_upload_check(self, request_sudo, upload):
        """``(error, name, content, mimetype)`` of an upload to the request."""
        if not request_sudo._portal_can_upload():
            return "closed", None, None, None
        error, name, content, mimetype = self._shaqra_read_upload(upload)
        # Visitors with a shared link all act as the public user: their
        # uploads are counted per request.
        scope = (
            [("res_model", "=", "shaqra.request"), ("res_id", "=", request_sudo.id)]
            if request.env.user._is_public()
            else None
        )
        if not error and self._shaqra_rate_limit_error("uploads", scope):
            error = "rate"
        return error, name, content, mimetype

    def _shaqra_upload_author(self, request_sudo):
        """Who added the file, for the chatter: the visitor, or the beneficiary
        when the file came through a shared link."""
        user = request.env.user
        return request_sudo.partner_id if user._is_public() else user.partner_id

    # ------------------------------------------------------------
    # ROUTES
    # ------------------------------------------------------------

    @http.route(
        ["/my/requests/<int:request_id>/upload/<int:line_id>"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_shaqra_request_upload(self, request_id, line_id, access_token=None, **post):
        request_sudo = self._shaqra_check_request(request_id, access_token)
        line_sudo = self._shaqra_request_line(request_sudo, line_id)
        error, name, content, mimetype = self._shaqra_upload_check(
            request_sudo, post.get("document")
        )
        if error:
            query = f"&upload_error={error}" + ("&" + urlencode({"file": name}) if name else "")
            return self._shaqra_upload_redirect(request_sudo, line_sudo, query)
        # As the visitor (sudo): the file is theirs, counted by the rate limit.
        line_sudo.with_user(request.env.user).sudo()._shaqra_add_document(
            name, content, mimetype, author=self._shaqra_upload_author(request_sudo)
        )
        return self._shaqra_upload_redirect(request_sudo, line_sudo, "&message=upload_ok")

    @http.route(
        ["/my/requests/<int:request_id>/document/<int:attachment_id>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_shaqra_request_document(self, request_id, attachment_id, access_token=None, **kw):
        request_sudo = self._shaqra_check_request(request_id, access_token)
        # Only a file of the request's own lines (E2), whatever else is linked.
        attachment_sudo = request_sudo._shaqra_portal_document(attachment_id)
        if not attachment_sudo:
            raise NotFound()
        return (
            request.env["ir.binary"]
            ._get_stream_from(attachment_sudo)
            .get_response(as_attachment=True)
        )
