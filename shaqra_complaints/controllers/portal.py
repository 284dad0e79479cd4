"""The complainant's complaints on the portal (policy D1, D3, G1, E2).

A logged-in beneficiary sees only the complaints filed on their own contact;
another person's complaint answers 404, never a hint that it exists.
"""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from .complaint_public import ShaqraComplaintCommon


class ShaqraComplaintPortal(ShaqraComplaintCommon, CustomerPortal):
    def _shaqra_complaints_domain(self):
        return [("partner_id", "=", request.env.user.partner_id.id)]

    def _shaqra_own_complaint(self, complaint_id):
        """The visitor's own complaint (as superuser), or 404."""
        Complaint = request.env["shaqra.complaint"]
        if request.env.user._is_public() or not Complaint.has_access("read"):
            raise NotFound()
        try:
            complaint = Complaint.search(
                [("id", "=", complaint_id), *self._shaqra_complaints_domain()], limit=1
            )
        except AccessError as error:
            raise NotFound() from error
        if not complaint:
            raise NotFound()
        return complaint.sudo()

    def _shaqra_pending_surveys(self):
        """The logged-in person's satisfaction invitations not yet answered (G1)."""
        user = request.env.user
        if user._is_public():
            return request.env["survey.user_input"].sudo().browse()
        return (
            request.env["survey.user_input"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", user.partner_id.id),
                    ("shaqra_campaign_id", "!=", False),
                    ("shaqra_campaign_id.state", "=", "sent"),
                    ("state", "!=", "done"),
                    ("survey_id.active", "=", True),
                ],
                order="id desc",
            )
        )

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        values["shaqra_pending_surveys"] = self._shaqra_pending_surveys()
        return values

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "shaqra_survey_count" in counters:
            values["shaqra_survey_count"] = len(self._shaqra_pending_surveys())
        if "shaqra_complaint_count" in counters:
            Complaint = request.env["shaqra.complaint"]
            values["shaqra_complaint_count"] = (
                Complaint.search_count(self._shaqra_complaints_domain())
                if Complaint.has_access("read")
                else 0
            )
        return values

    @http.route(
        ["/my/complaints", "/my/complaints/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_complaints(self, page=1, **kw):
        Complaint = request.env["shaqra.complaint"]
        domain = self._shaqra_complaints_domain()
        readable = Complaint.has_access("read")
        values = self._prepare_portal_layout_values()
        pager = portal_pager(
            url="/my/complaints",
            total=Complaint.search_count(domain) if readable else 0,
            page=page,
            step=self._items_per_page,
        )
        complaints = (
            Complaint.search(domain, limit=self._items_per_page, offset=pager["offset"])
            if readable
            else Complaint
        )
        lang = request.env.lang or "ar_001"
        values.update(
            {
                "complaints": complaints.sudo(),
                "page_name": "shaqra_complaints",
                "default_url": "/my/complaints",
                "pager": pager,
                "dates": lambda value: complaints._portal_dates(value, lang),
            }
        )
        return request.render("shaqra_complaints.portal_my_complaints", values)

    def _shaqra_complaint_actions(self, complaint):
        base = f"/my/complaints/{complaint.id}"
        return {
            "information": f"{base}/information",
            "refuse": f"{base}/settlement/refuse",
            "rating": f"{base}/rating",
            "sign": f"{base}/settlement/sign",
        }

    def _shaqra_render_complaint(self, complaint, message=None, errors=None):
        values = self._prepare_portal_layout_values()
        values.update(
            self._complaint_page_values(
                complaint,
                actions=self._shaqra_complaint_actions(complaint),
                hidden={},
                message=message,
                errors=errors,
            )
        )
        values["page_name"] = "shaqra_complaint"
        return request.render("shaqra_complaints.portal_my_complaint", values)

    @http.route(
        ["/my/complaints/<int:complaint_id>"],
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
    )
    def portal_my_complaint(self, complaint_id, access_token=None, message=None, **kw):
        if access_token:
            # A link from an e-mail: the token opens the status page, as the
            # complainant's private link does; a wrong token opens nothing.
            complaint = request.env["shaqra.complaint"].sudo().browse(complaint_id).exists()
            found = complaint._shaqra_by_number_and_token(complaint.name or "", access_token)
            if found:
                return request.redirect(found._shaqra_status_url(absolute=False))
            raise NotFound()
        if request.env.user._is_public():
            return request.redirect(f"/web/login?redirect=/my/complaints/{complaint_id}")
        complaint = self._shaqra_own_complaint(complaint_id)
        return self._shaqra_render_complaint(complaint, message=message)

    @http.route(
        ["/my/complaints/<int:complaint_id>/information"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_complaint_information(self, complaint_id, **post):
        complaint = self._shaqra_own_complaint(complaint_id)
        error = self._complaint_do_add_information(complaint, post)
        if error:
            return self._shaqra_render_complaint(complaint, errors=[error])
        return request.redirect(f"/my/complaints/{complaint.id}?message=information_added")

    @http.route(
        ["/my/complaints/<int:complaint_id>/settlement/sign"],
        type="json",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_complaint_sign(self, complaint_id, name=None, signature=None, **kw):
        """Policy D3: the complainant accepts the settlement by signing."""
        try:
            complaint = self._shaqra_own_complaint(complaint_id)
        except NotFound:
            return {"error": request.env._("This complaint was not found.")}
        error = self._complaint_do_sign(complaint, name, signature)
        if error:
            return {"error": error}
        return {
            "force_refresh": True,
            "redirect_url": f"/my/complaints/{complaint.id}?message=settlement_signed",
        }

    @http.route(
        ["/my/complaints/<int:complaint_id>/settlement/refuse"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_complaint_refuse(self, complaint_id, **post):
        complaint = self._shaqra_own_complaint(complaint_id)
        error = self._complaint_do_refuse(complaint, post)
        if error:
            return self._shaqra_render_complaint(complaint, errors=[error])
        return request.redirect(f"/my/complaints/{complaint.id}?message=settlement_refused")

    @http.route(
        ["/my/complaints/<int:complaint_id>/rating"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_complaint_rating(self, complaint_id, **post):
        """Policy G1: saved on an explicit POST only."""
        complaint = self._shaqra_own_complaint(complaint_id)
        error = self._complaint_do_rate(complaint, post)
        if error:
            return self._shaqra_render_complaint(complaint, errors=[error])
        return request.redirect(f"/my/complaints/{complaint.id}?message=rated")
