"""The beneficiary's own file on the portal and its corrections (policy F3)."""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import ValidationError
from odoo.http import request

from .portal import ShaqraBeneficiaryPortal


class ShaqraProfilePortal(ShaqraBeneficiaryPortal):
    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "shaqra_profile_count" in counters:
            values["shaqra_profile_count"] = len(self._shaqra_beneficiary())
        return values

    def _shaqra_own_file(self):
        """The visitor's beneficiary record (sudo), else 404."""
        beneficiary = self._shaqra_beneficiary()
        if not beneficiary:
            raise NotFound()
        return beneficiary

    def _prepare_shaqra_beneficiary_values(
        self, beneficiary, errors=None, form=None, message=None
    ):
        values = self._prepare_portal_layout_values()
        national_id = beneficiary.national_id or ""
        values.update(
            {
                "page_name": "shaqra_beneficiary",
                "beneficiary": beneficiary,
                "masked_national_id": "•" * max(len(national_id) - 4, 0) + national_id[-4:],
                "correction_fields": beneficiary._shaqra_correction_specs(),
                "changes": beneficiary.data_change_request_ids.sorted("create_date", reverse=True),
                "errors": errors or [],
                "form": form or {},
                "message": message,
                "shaqra_dates": self._shaqra_date_values,
            }
        )
        return values

    def _shaqra_render_beneficiary(self, beneficiary, errors=None, form=None, message=None):
        return request.render(
            "shaqra_beneficiary.portal_my_shaqra_beneficiary",
            self._prepare_shaqra_beneficiary_values(beneficiary, errors, form, message),
        )

    # ------------------------------------------------------------
    # ROUTES
    # ------------------------------------------------------------

    @http.route(["/my/account"], type="http", auth="user", website=True)
    def account(self, redirect=None, **post):
        """Policy F3: a beneficiary's contact data change only once staff approve.

        Odoo's own account page would write them straight to the partner;
        beneficiaries are sent to the correction form instead.
        """
        if self._shaqra_beneficiary():
            return request.redirect("/my/beneficiary")
        return super().account(redirect=redirect, **post)

    @http.route(["/my/beneficiary"], type="http", auth="user", methods=["GET"], website=True)
    def portal_my_shaqra_beneficiary(self, message=None, **kw):
        return self._shaqra_render_beneficiary(self._shaqra_own_file(), message=message)

    @http.route(
        ["/my/beneficiary/correction"], type="http", auth="user", methods=["POST"], website=True
    )
    def portal_shaqra_beneficiary_correction(self, **post):
        """Policy F3: propose corrections; staff approve them before they apply."""
        beneficiary = self._shaqra_own_file()
        rate_error = self._shaqra_rate_limit_error("corrections")
        if rate_error:
            return self._shaqra_render_beneficiary(beneficiary, errors=[rate_error], form=post)
        note = (post.get("note") or "").strip()
        lines, errors = beneficiary._shaqra_prepare_correction(post, note)
        if errors:
            return self._shaqra_render_beneficiary(beneficiary, errors=errors, form=post)
        try:
            beneficiary._shaqra_propose_correction(lines, note)
        except ValidationError as exc:
            return self._shaqra_render_beneficiary(beneficiary, errors=[exc.args[0]], form=post)
        return request.redirect("/my/beneficiary?message=correction_sent")
