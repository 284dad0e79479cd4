import binascii

from werkzeug.exceptions import Forbidden

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class ShaqraPolicyPortal(CustomerPortal):
    """Governing documents on the portal (ART3 B, ART4).

    Contractors and volunteers read and sign the versions distributed to
    them; beneficiaries read the documents published for them.
    """

    def _shaqra_policy_lists(self):
        """The current user's acknowledgements and the documents they may read."""
        user = request.env.user
        acks = request.env["shaqra.policy.acknowledgement"].search(
            [("user_id", "=", user.id), ("policy_id.state", "in", ("published", "superseded"))],
            order="state desc, distributed_on desc",
        )
        documents = request.env["shaqra.policy"].search(
            [
                ("state", "=", "published"),
                ("id", "not in", acks.policy_id.ids),
                "|",
                ("audience_beneficiary", "=", True),
                ("audience_public", "=", True),
            ],
            order="kind, name",
        )
        return acks, documents

    def _shaqra_policy_layout_values(self):
        """Portal values, with the page direction of the user's language.

        Without the website add-on the portal layout sets no ``dir`` on the
        page; Arabic readers need right-to-left.
        """
        values = self._prepare_portal_layout_values()
        lang = request.env.lang or request.env.user.lang or "en_US"
        direction = request.env["res.lang"]._get_data(code=lang).direction or "ltr"
        values["html_data"] = {"lang": lang.replace("_", "-"), "dir": direction}
        return values

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "shaqra_policy_count" in counters:
            acks, documents = self._shaqra_policy_lists()
            values["shaqra_policy_count"] = len(acks.policy_id) + len(documents)
        return values

    @http.route(["/my/policies"], type="http", auth="user", website=True)
    def portal_my_policies(self, **kw):
        acks, documents = self._shaqra_policy_lists()
        values = self._shaqra_policy_layout_values()
        values.update(
            {
                "page_name": "shaqra_policies",
                "acknowledgements": acks,
                "documents": documents,
            }
        )
        return request.render("shaqra_beneficiary.portal_my_policies", values)

    @http.route(["/my/policies/<int:policy_id>"], type="http", auth="user", website=True)
    def portal_my_policy(self, policy_id, message=None, **kw):
        # Record rules decide: a person reads what was distributed to them
        # and what is published for beneficiaries or the public.
        policy = request.env["shaqra.policy"].search([("id", "=", policy_id)])
        if not policy:
            raise request.not_found()
        ack = request.env["shaqra.policy.acknowledgement"].search(
            [("policy_id", "=", policy.id), ("user_id", "=", request.env.user.id)], limit=1
        )
        values = self._shaqra_policy_layout_values()
        values.update(
            {
                "page_name": "shaqra_policy",
                "policy": policy,
                "acknowledgement": ack,
                "message": message,
            }
        )
        return request.render("shaqra_beneficiary.portal_my_policy", values)

    @http.route(["/my/policies/<int:policy_id>/acknowledge"], type="json", auth="user")
    def portal_my_policy_acknowledge(self, policy_id, name=None, signature=None, **kw):
        """Sign the current user's own acknowledgement (ART4) from the signature widget."""
        ack = request.env["shaqra.policy.acknowledgement"].search(
            [("policy_id", "=", policy_id), ("user_id", "=", request.env.user.id)], limit=1
        )
        if not ack:
            return {"error": request.env._("This document was not distributed to you.")}
        if not signature:
            return {"error": request.env._("Please sign to acknowledge the document.")}
        try:
            with request.env.cr.savepoint():
                # Signing under the declaration shown above the signature box.
                ack.write({"declaration_accepted": True})
                ack.action_acknowledge(signature=signature, signed_by=name)
        except (AccessError, UserError) as error:
            return {"error": str(error.args[0])}
        except (TypeError, ValueError, binascii.Error):
            return {"error": request.env._("The signature could not be read. Please sign again.")}
        return {
            "force_refresh": True,
            "redirect_url": f"/my/policies/{policy_id}?message=signed",
        }

    @http.route(["/shaqra/policy/compliance.xlsx"], type="http", auth="user")
    def shaqra_policy_compliance_xlsx(self, policy_id=None, **kw):
        """Download the compliance workbook (HR only, ART4)."""
        if not request.env.user.has_group("hr.group_hr_manager"):
            raise Forbidden()
        domain = []
        if policy_id:
            try:
                domain = [("policy_id", "=", int(policy_id))]
            except ValueError as error:
                raise request.not_found() from error
        content = request.env["shaqra.policy.acknowledgement"]._compliance_xlsx(domain)
        return request.make_response(
            content,
            headers=[
                (
                    "Content-Type",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
                ("Content-Disposition", 'attachment; filename="policy-compliance.xlsx"'),
                ("Content-Length", str(len(content))),
            ],
        )
