"""The public complaint form and the complainant's status page (policy D1, D3, G1).

No login: a member of the public files a complaint at ``/complaint`` and
follows it at ``/complaint/status`` with the tracking number AND the private
token of the link they were given. The number alone never opens anything; a
wrong token answers exactly like an unknown number.
"""

import binascii

from odoo import http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.shaqra_beneficiary.controllers.portal import (
    ALLOWED_UPLOADS,
    DEFAULT_UPLOAD_LIMIT_MB,
    UPLOAD_LIMIT_PARAM,
    signer_error,
)
from odoo.addons.shaqra_beneficiary.controllers.public_form import ShaqraPublicForm
from odoo.addons.shaqra_beneficiary.tools import phone, validation
from odoo.addons.shaqra_beneficiary.tools.client_info import client_info
from odoo.addons.shaqra_beneficiary.tools.signature import check_signature_image
from odoo.addons.shaqra_beneficiary.tools.turn import wait_turn

from ..models.shaqra_complaint import ANONYMOUS_KINDS

ROUTE_KEY = "complaint"
# What a visitor may send through /complaint (DESIGN: shaqra_complaints contract).
PUBLIC_KINDS = ("complaint", "dispute", "support", "inquiry")
ROUTE_KEY_FOLLOW_UP = "complaint_follow_up"
CAPTCHA_ACTION = "shaqra_complaint"
CAPTCHA_ACTION_RESEND = "shaqra_complaint_resend"
MAX_NAME_LENGTH = 200
MAX_DESCRIPTION_LENGTH = 5000


class ShaqraComplaintCommon(ShaqraPublicForm):
    """What the status page and the portal page share: rendering and actions."""

    def _complaint_upload_accept(self):
        return ",".join(f".{extension}" for extension in ALLOWED_UPLOADS)

    def _complaint_upload_limit_mb(self):
        value = request.env["ir.config_parameter"].sudo().get_param(UPLOAD_LIMIT_PARAM)
        try:
            limit = int(value or DEFAULT_UPLOAD_LIMIT_MB)
        except ValueError:
            limit = DEFAULT_UPLOAD_LIMIT_MB
        return limit if limit > 0 else DEFAULT_UPLOAD_LIMIT_MB

    def _complaint_files(self, name="attachments"):
        return request.httprequest.files.getlist(name)

    def _complaint_page_values(self, complaint, actions, hidden, message=None, errors=None):
        """Values of the complaint page, for the status page and the portal alike."""
        lang = request.env.lang or "ar_001"
        return {
            "complaint": complaint,
            "steps": complaint._portal_steps(),
            "received": complaint._portal_dates(complaint.date_received, lang),
            "deadline": complaint._portal_dates(complaint.date_deadline, lang),
            "public_messages": complaint._portal_public_messages(),
            "public_notices": complaint._portal_public_notices(),
            "can_add_information": complaint._portal_can_add_information(),
            "settlement_open": complaint._portal_settlement_open(),
            "settlement_signed_on": complaint._portal_dates(complaint.settlement_signed_on, lang),
            "rating": complaint._portal_rating(),
            "can_rate": complaint._portal_can_rate(),
            "preset_rating": request.params.get("rating"),
            "actions": actions,
            "hidden": hidden,
            "message": message,
            "errors": errors or [],
            "upload_accept": self._complaint_upload_accept(),
            "upload_limit_mb": self._complaint_upload_limit_mb(),
        }

    def _complaint_do_add_information(self, complaint, post):
        """Add the text and files; return an error message or None."""
        rate_error = self._shaqra_rate_limited(ROUTE_KEY_FOLLOW_UP)
        if rate_error:
            return rate_error
        try:
            attachment_values = self._shaqra_read_attachments(self._complaint_files())
            with request.env.cr.savepoint():
                complaint._portal_add_information(post.get("information"), attachment_values)
        except (UserError, ValidationError) as error:
            return error.args[0]
        self._shaqra_record_submission(ROUTE_KEY_FOLLOW_UP)
        return None

    def _complaint_do_sign(self, complaint, name, signature):
        """Policy D3: the complainant accepts the proposed settlement by signing."""
        if not complaint._portal_settlement_open():
            return request.env._("There is no settlement waiting for your answer.")
        error = signer_error(name, signature)
        if error:
            return error
        try:
            check_signature_image(request.env, signature)
            with request.env.cr.savepoint():
                ip_address, user_agent = client_info()
                complaint.sudo()._settlement_sign(
                    signature, name.strip(), ip=ip_address or None, ua=user_agent or None
                )
        except (AccessError, UserError, ValidationError) as error:
            return error.args[0]
        except (TypeError, ValueError, binascii.Error):
            return request.env._("The signature could not be read; please sign again.")
        return None

    def _complaint_do_refuse(self, complaint, post):
        if not complaint._portal_settlement_open():
            return request.env._("There is no settlement waiting for your answer.")
        reason = (post.get("reason") or "").strip()
        if len(reason) > MAX_DESCRIPTION_LENGTH:
            return request.env._(
                "The text is too long: at most %(limit)s characters.",
                limit=MAX_DESCRIPTION_LENGTH,
            )
        try:
            with request.env.cr.savepoint():
                complaint.sudo()._settlement_refuse(reason or False)
        except (AccessError, UserError, ValidationError) as error:
            return error.args[0]
        return None

    def _complaint_do_rate(self, complaint, post):
        try:
            with request.env.cr.savepoint():
                complaint._portal_rate(post.get("rating"), post.get("comment"))
        except (UserError, ValidationError) as error:
            return error.args[0]
        return None


class ShaqraComplaintPublic(ShaqraComplaintCommon, http.Controller):
    # ------------------------------------------------------------
    # /complaint: the form (D1)
    # ------------------------------------------------------------

    def _complaint_kinds(self):
        """The kinds the public form offers (the contract's), in the visitor's language."""
        Complaint = request.env["shaqra.complaint"]
        return [
            (key, label)
            for key, label in Complaint._fields["kind"]._description_selection(request.env)
            if key in PUBLIC_KINDS
        ]

    def _complaint_visitor_defaults(self):
        """Name, mobile and e-mail of a logged-in visitor, to fill the form in."""
        user = request.env.user
        if user._is_public():
            return {}
        beneficiary = (
            request.env["shaqra.beneficiary"]
            .sudo()
            .search([("partner_id", "=", user.partner_id.id)], limit=1)
        )
        partner = user.partner_id
        return {
            "complainant_name": partner.name or "",
            "complainant_mobile": beneficiary.mobile or partner.mobile or partner.phone or "",
            "complainant_email": partner.email or "",
        }

    def _complaint_render_form(self, form=None, errors=None, status=200):
        values = {
            "kinds": self._complaint_kinds(),
            "anonymous_kinds": ANONYMOUS_KINDS,
            "form": form if form is not None else self._complaint_visitor_defaults(),
            "errors": errors or [],
            "upload_accept": self._complaint_upload_accept(),
            "upload_limit_mb": self._complaint_upload_limit_mb(),
        }
        return request.render("shaqra_complaints.complaint_form_page", values, status=status)

    def _complaint_clean(self, post):
        """(values to create, errors) of the submitted form; nothing is stored here."""
        Complaint = request.env["shaqra.complaint"]
        errors = []
        kind = post.get("kind") or "complaint"
        if kind not in dict(self._complaint_kinds()):
            errors.append(request.env._("Choose what you are writing about."))
            kind = "complaint"
        name = (post.get("complainant_name") or "").strip()
        mobile = (post.get("complainant_mobile") or "").strip()
        email = (post.get("complainant_email") or "").strip()
        description = (post.get("description") or "").strip()
        if len(name) > MAX_NAME_LENGTH:
            errors.append(
                request.env._(
                    "The name is too long: at most %(limit)s characters.", limit=MAX_NAME_LENGTH
                )
            )
        if mobile:
            try:
                if len(mobile) > 30:
                    raise ValueError(mobile)
                mobile = phone.normalize_saudi_mobile(mobile)
            except ValueError:
                errors.append(
                    request.env._("Write a Saudi mobile number, e.g. 0501234567 or +966501234567.")
                )
        if email:
            try:
                email = validation.check_email(Complaint, "complainant_email", email)
            except ValidationError as error:
                errors.append(error.args[0])
        if not description:
            errors.append(request.env._("Describe your complaint or request."))
        elif len(description) > MAX_DESCRIPTION_LENGTH:
            errors.append(
                request.env._(
                    "The description is too long: at most %(limit)s characters.",
                    limit=MAX_DESCRIPTION_LENGTH,
                )
            )
        if kind not in ANONYMOUS_KINDS and not (name and (mobile or email)):
            errors.append(
                request.env._(
                    "Give your name and a mobile number or an e-mail address: only a "
                    "complaint may be sent without a name."
                )
            )
        values = {
            "kind": kind,
            "complainant_name": name or False,
            "complainant_mobile": mobile or False,
            "complainant_email": email or False,
            "description": description,
            "is_anonymous": not name,
        }
        return values, errors

    def _complaint_link_visitor(self, values):
        """A logged-in visitor's complaint is filed on their own record, never another's."""
        user = request.env.user
        if user._is_public():
            values["channel"] = "website"
            return values
        values["channel"] = "portal"
        # The visitor is known: the complaint is theirs, whatever name is typed.
        values["is_anonymous"] = False
        beneficiary = (
            request.env["shaqra.beneficiary"]
            .sudo()
            .search([("partner_id", "=", user.partner_id.id)], limit=1)
        )
        if beneficiary:
            values["beneficiary_id"] = beneficiary.id
            values["company_id"] = beneficiary.company_id.id
        values["partner_id"] = user.partner_id.id
        return values

    @http.route(
        "/complaint",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        website=True,
        sitemap=True,
    )
    def complaint_form(self, **post):
        """Policy D1: a direct link on the website to file a complaint, no login."""
        if request.httprequest.method != "POST":
            return self._complaint_render_form()
        if self._shaqra_is_bot(post):
            # A robot filled the hidden field: the same thank-you page, nothing stored.
            return request.render("shaqra_complaints.complaint_thanks_page", {"complaint": None})
        values, errors = self._complaint_clean(post)
        if not errors and not self._shaqra_check_captcha(CAPTCHA_ACTION):
            errors.append(
                request.env._("The check against automatic sending failed: please try again.")
            )
        if not errors:
            rate_error = self._shaqra_rate_limited(ROUTE_KEY, mobile=values["complainant_mobile"])
            if rate_error:
                errors.append(rate_error)
        attachment_values = []
        if not errors:
            try:
                attachment_values = self._shaqra_read_attachments(self._complaint_files())
            except UserError as error:
                errors.append(error.args[0])
        if errors:
            return self._complaint_render_form(form=post, errors=errors)
        # The tracking numbers are gap-free (D1): complaints sent in the same
        # instant take their number one after the other instead of colliding.
        wait_turn(request.env.cr, "shaqra.complaint")
        try:
            with request.env.cr.savepoint():
                # The visitor does not wait for the e-mails (the officer's
                # activity, the acknowledgement): they go through the mail queue.
                complaint = (
                    request.env["shaqra.complaint"]
                    .sudo()
                    .with_context(mail_notify_force_send=False)
                    .create(self._complaint_link_visitor(values))
                )
                if attachment_values:
                    attachments = (
                        request.env["ir.attachment"]
                        .sudo()
                        .create(
                            [
                                # Pending like a composer's upload: message_post links them.
                                dict(vals, res_model="mail.compose.message", res_id=0)
                                for vals in attachment_values
                            ]
                        )
                    )
                    complaint.message_post(
                        body=request.env._(
                            "Filed on the website with %(count)s file(s).",
                            count=len(attachments),
                        ),
                        message_type="comment",
                        subtype_xmlid="mail.mt_note",
                        attachment_ids=attachments.ids,
                    )
        except (UserError, ValidationError) as error:
            return self._complaint_render_form(form=post, errors=[error.args[0]])
        self._shaqra_record_submission(ROUTE_KEY, mobile=values["complainant_mobile"])
        if not complaint._shaqra_status_link_mailed():
            complaint._shaqra_send_status_link()
        return request.render(
            "shaqra_complaints.complaint_thanks_page",
            {"complaint": complaint, "status_url": complaint._shaqra_status_url()},
        )

    # ------------------------------------------------------------
    # /complaint/status: follow it with the private link
    # ------------------------------------------------------------

    def _complaint_from_link(self, number, token):
        return request.env["shaqra.complaint"]._shaqra_by_number_and_token(number, token)

    def _complaint_not_found(self):
        """The one answer for an unknown number, a wrong token and a number alone."""
        return request.render(
            "shaqra_complaints.complaint_lookup_page",
            {"not_found": True},
            status=404,
        )

    def _complaint_status_actions(self, complaint):
        base = "/complaint/status"
        return {
            "information": f"{base}/information",
            "refuse": f"{base}/settlement/refuse",
            "rating": f"{base}/rating",
            "sign": complaint._shaqra_status_url(absolute=False).replace(
                base, f"{base}/settlement/sign", 1
            ),
        }

    def _complaint_render_status(self, complaint, message=None, errors=None):
        values = self._complaint_page_values(
            complaint,
            actions=self._complaint_status_actions(complaint),
            hidden={"number": complaint.name, "token": complaint.access_token},
            message=message,
            errors=errors,
        )
        return request.render("shaqra_complaints.complaint_status_page", values)

    def _complaint_redirect(self, complaint, message):
        return request.redirect(complaint._shaqra_status_url(absolute=False, message=message))

    @http.route(
        "/complaint/status",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
    )
    def complaint_status(self, number=None, token=None, message=None, **kw):
        if not number and not token:
            return request.render("shaqra_complaints.complaint_lookup_page", {"not_found": False})
        complaint = self._complaint_from_link(number, token)
        if not complaint:
            return self._complaint_not_found()
        return self._complaint_render_status(complaint, message=message)

    @http.route(
        "/complaint/status/resend",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def complaint_status_resend(self, number=None, email=None, **post):
        """Send the link again, to the address ON FILE only.

        The answer is the same whatever happens (unknown number, another
        address, too many tries, a robot), so the form tells nobody which
        numbers exist or which address is on file.
        """
        if (
            not self._shaqra_is_bot(post)
            and isinstance(number, str)
            and isinstance(email, str)
            and len(number) <= 64
            and len(email) <= validation.MAX_EMAIL_LENGTH
            and not self._shaqra_rate_limited(ROUTE_KEY_FOLLOW_UP)
            and self._shaqra_check_captcha(CAPTCHA_ACTION_RESEND)
        ):
            complaint = (
                request.env["shaqra.complaint"]
                .sudo()
                .search([("name", "=", number.strip())], limit=1)
            )
            if complaint and complaint._shaqra_email_matches(email):
                complaint._shaqra_send_status_link()
                self._shaqra_record_submission(ROUTE_KEY_FOLLOW_UP)
        return request.render("shaqra_complaints.complaint_resend_page", {})

    @http.route(
        "/complaint/status/information",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def complaint_status_information(self, number=None, token=None, **post):
        complaint = self._complaint_from_link(number, token)
        if not complaint:
            return self._complaint_not_found()
        error = self._complaint_do_add_information(complaint, post)
        if error:
            return self._complaint_render_status(complaint, errors=[error])
        return self._complaint_redirect(complaint, "information_added")

    @http.route(
        "/complaint/status/settlement/sign",
        type="json",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def complaint_status_settlement_sign(self, name=None, signature=None, **kw):
        """Policy D3: accept the settlement by signing, with the private link."""
        args = request.httprequest.args
        complaint = self._complaint_from_link(
            kw.get("number") or args.get("number"), kw.get("token") or args.get("token")
        )
        if not complaint:
            return {"error": request.env._("This link is not valid.")}
        error = self._complaint_do_sign(complaint, name, signature)
        if error:
            return {"error": error}
        return {
            "force_refresh": True,
            "redirect_url": complaint._shaqra_status_url(
                absolute=False, message="settlement_signed"
            ),
        }

    @http.route(
        "/complaint/status/settlement/refuse",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def complaint_status_settlement_refuse(self, number=None, token=None, **post):
        complaint = self._complaint_from_link(number, token)
        if not complaint:
            return self._complaint_not_found()
        error = self._complaint_do_refuse(complaint, post)
        if error:
            return self._complaint_render_status(complaint, errors=[error])
        return self._complaint_redirect(complaint, "settlement_refused")

    @http.route(
        "/complaint/status/rating",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def complaint_status_rating(self, number=None, token=None, **post):
        """Policy G1: the rating is saved on an explicit POST only, never on a GET."""
        complaint = self._complaint_from_link(number, token)
        if not complaint:
            return self._complaint_not_found()
        error = self._complaint_do_rate(complaint, post)
        if error:
            return self._complaint_render_status(complaint, errors=[error])
        return self._complaint_redirect(complaint, "rated")
