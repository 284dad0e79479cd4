"""The beneficiary's own data on the portal (policy E1, E2, PDPL).

``/my/data`` lists what the association holds, gives it as a readable PDF
and as JSON, lets the beneficiary give and withdraw media consents and ask
to restrict or delete their data. Only the visitor's own file is ever read:
the file is found from the logged-in user, never from a parameter.
"""

import json

from odoo import fields, http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.shaqra_media_consent import CONSENT_SCOPES


class ShaqraDataPortal(CustomerPortal):
    def _shaqra_own_beneficiary(self):
        """The logged-in user's own beneficiary file (as superuser), or 404."""
        user = request.env.user
        beneficiary = (
            request.env["shaqra.beneficiary"]
            .sudo()
            .search(
                [
                    (
                        "partner_id",
                        "in",
                        list({user.partner_id.id, user.partner_id.commercial_partner_id.id}),
                    )
                ],
                limit=1,
            )
        )
        if not beneficiary:
            raise request.not_found()
        return beneficiary

    def _shaqra_download(self, content, mimetype, filename):
        return request.make_response(
            content,
            headers=[
                ("Content-Type", mimetype),
                ("Content-Length", str(len(content))),
                ("Content-Disposition", f'attachment; filename="{filename}"'),
                ("Cache-Control", "no-store"),
            ],
        )

    @http.route(["/my/data"], type="http", auth="user", website=True)
    def portal_my_data(self, message=None, **kw):
        beneficiary = self._shaqra_own_beneficiary()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "shaqra_data",
                "beneficiary": beneficiary,
                "consents": beneficiary.media_consent_ids,
                "rights_requests": beneficiary.data_rights_request_ids,
                "scopes": request.env["shaqra.media.consent"]
                ._fields["scope"]
                ._description_selection(request.env),
                "kinds": request.env["shaqra.data.rights.request"]
                ._fields["kind"]
                ._description_selection(request.env),
                "message": message,
            }
        )
        return request.render("shaqra_beneficiary.portal_my_data", values)

    @http.route(["/my/data/export.json"], type="http", auth="user")
    def portal_my_data_json(self, **kw):
        beneficiary = self._shaqra_own_beneficiary()
        content = json.dumps(
            beneficiary._shaqra_data_export(), ensure_ascii=False, indent=2, default=str
        ).encode()
        return self._shaqra_download(content, "application/json", "my-data.json")

    @http.route(["/my/data/export.pdf"], type="http", auth="user")
    def portal_my_data_pdf(self, **kw):
        beneficiary = self._shaqra_own_beneficiary()
        content, report_type = (
            request.env["ir.actions.report"]
            .sudo()
            .with_context(lang=request.env.lang)
            ._render_qweb_pdf(
                "shaqra_beneficiary.shaqra_beneficiary_data_export_report", beneficiary.ids
            )
        )
        mimetype = "application/pdf" if report_type == "pdf" else "text/html"
        return self._shaqra_download(content, mimetype, f"my-data.{report_type}")

    @http.route(
        ["/my/data/consents/new"], type="http", auth="user", methods=["POST"], website=True
    )
    def portal_my_data_consent_new(self, scope=None, purpose=None, date_to=None, **kw):
        """E1: the beneficiary gives a media consent on the portal."""
        beneficiary = self._shaqra_own_beneficiary()
        if scope not in dict(CONSENT_SCOPES) or not (purpose or "").strip():
            return request.redirect("/my/data?message=consent_invalid")
        try:
            date_to = fields.Date.to_date(date_to) if date_to else False
        except ValueError:
            return request.redirect("/my/data?message=consent_invalid")
        # Superuser with the visitor as the user: they are recorded as the giver.
        request.env["shaqra.media.consent"].with_context(shaqra_portal=True).sudo().create(
            {
                "beneficiary_id": beneficiary.id,
                "scope": scope,
                "purpose": purpose.strip(),
                "date_to": date_to,
                "use_website": bool(kw.get("use_website")),
                "use_social_media": bool(kw.get("use_social_media")),
                "use_print": bool(kw.get("use_print")),
                "use_reports": bool(kw.get("use_reports")),
            }
        )
        return request.redirect("/my/data?message=consent_given")

    @http.route(
        ["/my/data/consents/<int:consent_id>/revoke"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_data_consent_revoke(self, consent_id, **kw):
        """E1: the beneficiary withdraws a consent; it stops at once."""
        beneficiary = self._shaqra_own_beneficiary()
        consent = beneficiary.media_consent_ids.filtered(lambda c: c.id == consent_id)
        if not consent:
            raise request.not_found()
        try:
            consent.with_context(shaqra_portal=True).action_revoke()
        except UserError:
            return request.redirect("/my/data?message=consent_already_revoked")
        return request.redirect("/my/data?message=consent_revoked")

    @http.route(["/my/data/request"], type="http", auth="user", methods=["POST"], website=True)
    def portal_my_data_request(self, kind=None, reason=None, **kw):
        """E2, PDPL: ask management to restrict or delete the data."""
        beneficiary = self._shaqra_own_beneficiary()
        if kind not in ("restrict", "delete"):
            return request.redirect("/my/data?message=request_invalid")
        request.env["shaqra.data.rights.request"].sudo().create(
            {
                "beneficiary_id": beneficiary.id,
                "kind": kind,
                "reason": (reason or "").strip(),
                "channel": "portal",
            }
        )
        return request.redirect("/my/data?message=request_sent")
