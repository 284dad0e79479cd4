"""The beneficiary's compensation claims on the portal (policy C10, E3, E2).

Confidential like the beneficiary file: every route needs the beneficiary's
own login, and a claim is reached only through a search under the visitor's
own record rules (their claims); another person's claim, a bad id or a link
token answers 404, never a hint that it exists. A claim is not shared by link:
its settlement is signed by the beneficiary, logged in, and by nobody else.
"""

import binascii

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.shaqra_beneficiary.controllers.portal import (
    ShaqraBeneficiaryPortal,
    report_response,
    signer_error,
)
from odoo.addons.shaqra_beneficiary.tools.client_info import client_info


class ShaqraClaimPortal(ShaqraBeneficiaryPortal):
    def _shaqra_claims_domain(self):
        return [("beneficiary_id.partner_id", "in", self._shaqra_partner_ids())]

    def _shaqra_own_claim(self, claim_id):
        """The visitor's own claim (as superuser), or 404."""
        Claim = request.env["shaqra.compensation.claim"]
        if request.env.user._is_public() or not Claim.has_access("read"):
            raise NotFound()
        try:
            claim = Claim.search([("id", "=", claim_id), *self._shaqra_claims_domain()], limit=1)
        except AccessError as error:
            raise NotFound() from error
        if not claim:
            raise NotFound()
        return claim.sudo()

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "shaqra_claim_count" in counters:
            Claim = request.env["shaqra.compensation.claim"]
            values["shaqra_claim_count"] = (
                Claim.search_count(self._shaqra_claims_domain()) if Claim.has_access("read") else 0
            )
        return values

    @http.route(["/my/claims"], type="http", auth="user", methods=["GET"], website=True)
    def portal_my_claims(self, **kw):
        Claim = request.env["shaqra.compensation.claim"]
        claims = Claim.search(self._shaqra_claims_domain()) if Claim.has_access("read") else Claim
        values = self._prepare_portal_layout_values()
        values.update({"claims": claims.sudo(), "page_name": "shaqra_claims"})
        return request.render("shaqra_complaints.portal_my_claims", values)

    @http.route(
        ["/my/claims/<int:claim_id>"], type="http", auth="user", methods=["GET"], website=True
    )
    def portal_my_claim(self, claim_id, message=None, **kw):
        claim = self._shaqra_own_claim(claim_id)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "claim": claim,
                "page_name": "shaqra_claim",
                "message": message if message in ("signed",) else None,
                "can_sign": claim._portal_can_sign(),
                "timeline": claim._portal_timeline(),
                "dates": self._shaqra_date_values,
            }
        )
        return request.render("shaqra_complaints.portal_my_claim", values)

    def _shaqra_claim_sign_error(self, claim, name, signature):
        """Why the visitor may not sign now, or None."""
        if not claim._portal_can_sign():
            return request.env._("There is no settlement agreement waiting for your signature.")
        return signer_error(name, signature)

    @http.route(
        ["/my/claims/<int:claim_id>/sign"],
        type="json",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_claim_sign(self, claim_id, name=None, signature=None, **kw):
        """C10: the beneficiary signs the settlement agreement of their own claim."""
        try:
            claim = self._shaqra_own_claim(claim_id)
        except NotFound:
            return {"error": request.env._("This claim was not found.")}
        error = self._shaqra_claim_sign_error(claim, name, signature)
        if error:
            return {"error": error}
        try:
            with request.env.cr.savepoint():
                ip_address, user_agent = client_info()
                # Superuser after the ownership check, through the model's action.
                claim._agreement_sign(
                    signature,
                    name.strip(),
                    ip=ip_address or "",
                    ua=user_agent or "",
                    channel="portal",
                )
        except (AccessError, UserError, ValidationError) as error:
            return {"error": str(error.args[0])}
        except (TypeError, ValueError, binascii.Error):
            return {"error": request.env._("The signature could not be read; please sign again.")}
        return {"force_refresh": True, "redirect_url": f"/my/claims/{claim.id}?message=signed"}

    @http.route(
        ["/my/claims/<int:claim_id>/agreement"],
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
    )
    def portal_my_claim_agreement(self, claim_id, **kw):
        """The signed settlement agreement (PDF); nothing before it is signed."""
        claim = self._shaqra_own_claim(claim_id)
        if not claim.agreement_signed_on:
            raise NotFound()
        content, report_type = (
            request.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf("shaqra_complaints.shaqra_compensation_agreement_report", claim.ids)
        )
        name = (claim.name or "agreement").replace("/", "-")
        return report_response(content, report_type, name)
