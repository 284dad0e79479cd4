"""Beneficiary agreements on the portal (policy ART2, E2).

Every route needs a logged-in user; an agreement is reached only through a
search under the visitor's own record rules, so another beneficiary's
agreement answers 404, never a hint that it exists.
"""

import binascii

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from .portal import report_response, signer_error


class ShaqraAgreementPortal(CustomerPortal):
    def _shaqra_agreement_domain(self):
        user = request.env.user
        return [
            (
                "partner_id",
                "in",
                list({user.partner_id.id, user.partner_id.commercial_partner_id.id}),
            )
        ]

    def _shaqra_own_agreement(self, agreement_id):
        """The visitor's own agreement (as superuser), or 404."""
        agreement = request.env["shaqra.beneficiary.agreement"].search(
            [("id", "=", agreement_id), *self._shaqra_agreement_domain()]
        )
        if not agreement:
            raise request.not_found()
        return agreement.sudo()

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "shaqra_agreement_count" in counters:
            values["shaqra_agreement_count"] = request.env[
                "shaqra.beneficiary.agreement"
            ].search_count(self._shaqra_agreement_domain())
        return values

    @http.route(["/my/agreements"], type="http", auth="user", website=True)
    def portal_my_agreements(self, **kw):
        agreements = (
            request.env["shaqra.beneficiary.agreement"]
            .search(self._shaqra_agreement_domain())
            .sudo()
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "shaqra_agreements",
                "agreements": agreements,
            }
        )
        return request.render("shaqra_beneficiary.portal_my_agreements", values)

    @http.route(["/my/agreements/<int:agreement_id>"], type="http", auth="user", website=True)
    def portal_my_agreement(self, agreement_id, message=None, **kw):
        agreement = self._shaqra_own_agreement(agreement_id)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "shaqra_agreement",
                "agreement": agreement,
                "can_sign": agreement.state == "draft" and not agreement.signature,
                "message": message,
                "dates": agreement._shaqra_dates,
            }
        )
        return request.render("shaqra_beneficiary.portal_my_agreement", values)

    @http.route(["/my/agreements/<int:agreement_id>/sign"], type="json", auth="user")
    def portal_my_agreement_sign(self, agreement_id, name=None, signature=None, **kw):
        """ART2: the beneficiary signs their own agreement."""
        agreement = self._shaqra_own_agreement(agreement_id)
        error = signer_error(name, signature)
        if error:
            return {"error": error}
        try:
            with request.env.cr.savepoint():
                # Superuser after the ownership check; the message is the visitor's.
                agreement.action_sign(signature, signed_by=name)
        except (AccessError, UserError) as error:
            return {"error": str(error.args[0])}
        except (TypeError, ValueError, binascii.Error):
            return {"error": request.env._("The signature could not be read; please sign again.")}
        return {
            "force_refresh": True,
            "redirect_url": f"/my/agreements/{agreement.id}?message=signed",
        }

    @http.route(["/my/agreements/<int:agreement_id>/pdf"], type="http", auth="user", website=True)
    def portal_my_agreement_pdf(self, agreement_id, **kw):
        agreement = self._shaqra_own_agreement(agreement_id)
        content, report_type = (
            request.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf(
                "shaqra_beneficiary.shaqra_beneficiary_agreement_report", agreement.ids
            )
        )
        name = agreement.name.replace("/", "-")
        return report_response(content, report_type, name)
