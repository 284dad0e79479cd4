"""The association's public website: services, governance, inquiry (C1, C2, ART3 B, F2)."""

from odoo import http
from odoo.exceptions import ValidationError
from odoo.http import request

from ..tools.hijri import format_gregorian, format_hijri
from ..tools.saudi_id import is_valid_saudi_id, normalize_saudi_id
from ..tools.validation import check_email, check_saudi_mobile
from .public_form import ShaqraPublicForm

INQUIRY_ROUTE_KEY = "inquiry"
MAX_NAME = 120
MAX_MESSAGE = 4000


class ShaqraWebsitePages(ShaqraPublicForm, http.Controller):
    """Public pages of the association's website."""

    # ------------------------------------------------------------------
    # Services (C2: people come with a complete file)
    # ------------------------------------------------------------------

    def _shaqra_company(self):
        return request.website.company_id or request.env.company

    def _shaqra_public_services(self):
        return (
            request.env["shaqra.service.type"]
            .sudo()
            .search(
                [("is_published", "=", True), ("company_id", "=", self._shaqra_company().id)],
                order="field_id, sequence, name",
            )
        )

    @http.route(["/services"], type="http", auth="public", website=True, sitemap=True)
    def shaqra_services(self, **kw):
        services = self._shaqra_public_services()
        return request.render(
            "shaqra_beneficiary.website_services",
            {"services": services, "fields_of_work": services.field_id},
        )

    # ------------------------------------------------------------------
    # Governance (ART3 B: the communication tools anyone may read)
    # ------------------------------------------------------------------

    def _shaqra_public_policy_domain(self):
        return [
            ("state", "=", "published"),
            ("company_id", "=", self._shaqra_company().id),
            "|",
            ("audience_public", "=", True),
            ("audience_beneficiary", "=", True),
        ]

    def _shaqra_public_policy(self, policy_id):
        """The published public document ``policy_id``, or 404 (drafts, old versions,
        employee-only documents do not exist for the public)."""
        policy = (
            request.env["shaqra.policy"]
            .sudo()
            .search([("id", "=", policy_id), *self._shaqra_public_policy_domain()], limit=1)
        )
        if not policy:
            raise request.not_found()
        return policy

    def _shaqra_dates(self, date):
        lang = request.env.lang or "ar_001"
        return {
            # Latin digits, as the Gregorian date beside it (one convention).
            "hijri": format_hijri(date, lang),
            "gregorian": format_gregorian(date, lang),
        }

    @http.route(["/governance"], type="http", auth="public", website=True, sitemap=True)
    def shaqra_governance(self, **kw):
        policies = (
            request.env["shaqra.policy"]
            .sudo()
            .search(self._shaqra_public_policy_domain(), order="kind, name")
        )
        return request.render(
            "shaqra_beneficiary.website_governance",
            {
                "policies": policies,
                "dates": {
                    policy.id: self._shaqra_dates(policy.approval_date) for policy in policies
                },
            },
        )

    @http.route(
        ["/governance/<int:policy_id>"], type="http", auth="public", website=True, sitemap=False
    )
    def shaqra_governance_document(self, policy_id, **kw):
        policy = self._shaqra_public_policy(policy_id)
        return request.render(
            "shaqra_beneficiary.website_governance_document",
            {"policy": policy, "dates": self._shaqra_dates(policy.approval_date)},
        )

    @http.route(
        ["/governance/<int:policy_id>/download"],
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def shaqra_governance_download(self, policy_id, **kw):
        policy = self._shaqra_public_policy(policy_id)
        if not policy.document:
            raise request.not_found()
        filename = policy.document_name or f"{policy.code}-v{policy.version}.pdf"
        return (
            request.env["ir.binary"]
            ._get_stream_from(policy, "document", filename=filename)
            .get_response(as_attachment=True)
        )

    # ------------------------------------------------------------------
    # Inquiry (C1, F1, F2)
    # ------------------------------------------------------------------

    def _shaqra_inquiry_choices(self):
        return {
            "categories": request.env["shaqra.beneficiary.category"].sudo().search([]),
            "fields_of_work": request.env["shaqra.work.field"].sudo().search([]),
            "services": self._shaqra_public_services(),
        }

    def _shaqra_render_inquiry(self, form=None, errors=None, status=200):
        form = form or {}
        values = dict(
            self._shaqra_inquiry_choices(),
            form=form,
            errors=errors or [],
            register=bool(form.get("register")),
        )
        return request.render("shaqra_beneficiary.website_inquiry", values, status=status)

    def _shaqra_record_id(self, model, value):
        """The id of an existing ``model`` record given as a form value, or False."""
        try:
            record_id = int(value or 0)
        except (TypeError, ValueError):
            return False
        if record_id <= 0 or record_id > 2**31 - 1:
            return False
        return request.env[model].sudo().browse(record_id).exists().id

    def _shaqra_inquiry_values(self, post):
        """(lead values, errors) of the posted inquiry."""
        env = request.env
        Lead = env["crm.lead"].sudo()
        errors = []
        # A pre-registration (C1, C2): a visitor asks for a service; reception
        # opens the beneficiary file from it and links the visitor's account.
        register = bool(post.get("register"))
        name = (post.get("name") or "").strip()
        message = (post.get("message") or "").strip()
        if not name:
            errors.append(env._("Write your name."))
        elif len(name) > MAX_NAME:
            errors.append(env._("The name is too long."))
        if not message and not register:
            errors.append(env._("Write your question."))
        elif len(message) > MAX_MESSAGE:
            errors.append(
                env._("The message is too long (at most %(count)s characters).", count=MAX_MESSAGE)
            )
        mobile = email = ""
        if not (post.get("mobile") or "").strip():
            errors.append(env._("Write your mobile number so that we can answer you."))
        else:
            try:
                mobile = check_saudi_mobile(Lead, "mobile", post.get("mobile"))
            except ValidationError as error:
                errors.append(error.args[0])
        try:
            email = check_email(Lead, "email_from", post.get("email") or "")
        except ValidationError as error:
            errors.append(error.args[0])
        category_id = self._shaqra_record_id(
            "shaqra.beneficiary.category", post.get("category_id")
        )
        if post.get("category_id") and not category_id:
            errors.append(env._("Choose who you are from the list, or leave it empty."))
        field_id = self._shaqra_record_id("shaqra.work.field", post.get("field_id"))
        if post.get("field_id") and not field_id:
            errors.append(env._("Choose a field of work from the list, or leave it empty."))
        # Only a published service of the site's company may be asked for.
        service = request.env["shaqra.service.type"].sudo()
        if post.get("service_id"):
            service_id = self._shaqra_record_id("shaqra.service.type", post.get("service_id"))
            service = self._shaqra_public_services().filtered(lambda s: s.id == service_id)
            if not service:
                errors.append(env._("Choose a service from the list, or leave it empty."))
        national_id = ""
        raw_national_id = (post.get("national_id") or "").strip()
        if raw_national_id:
            if len(raw_national_id) > 20 or not is_valid_saudi_id(raw_national_id):
                errors.append(env._("The national ID or iqama number is not valid."))
            else:
                national_id = normalize_saudi_id(raw_national_id)
        elif register:
            errors.append(env._("Write your national ID or iqama number."))
        if errors:
            return None, errors
        if message:
            subject = message.splitlines()[0][:80]
            title = env._("Website inquiry: %(subject)s", subject=subject)
        else:
            title = env._("Pre-registration: %(name)s", name=name)
        vals = {
            "name": title,
            "type": "lead",
            "is_shaqra_inquiry": True,
            "contact_name": name,
            "mobile": mobile,
            "email_from": email,
            "description": message,
            "shaqra_category_id": category_id,
            "shaqra_field_id": field_id or service.field_id.id,
            "shaqra_national_id": national_id,
            "shaqra_service_type_id": service.id,
            "medium_id": env.ref("shaqra_beneficiary.utm_medium_shaqra_portal").id,
            "company_id": self._shaqra_company().id,
            # Routed to the liaison officer on creation (F1); never the public user.
            "user_id": False,
        }
        return vals, []

    @http.route(
        ["/inquiry"],
        type="http",
        auth="public",
        website=True,
        methods=["GET", "POST"],
        sitemap=True,
    )
    def shaqra_inquiry(self, **post):
        if request.httprequest.method != "POST":
            # "?register=1" opens the form as a pre-registration (linked from the
            # login page and the portal); "?service_id=" chooses the service.
            form = {}
            if post.get("register"):
                form["register"] = "1"
            if self._shaqra_record_id("shaqra.service.type", post.get("service_id")):
                form["service_id"] = str(post["service_id"])
            return self._shaqra_render_inquiry(form)
        # The thank-you page for a bot too: it learns nothing and stores nothing.
        if self._shaqra_is_bot(post):
            return request.render("shaqra_beneficiary.website_inquiry_thanks", {})
        if not self._shaqra_check_captcha("shaqra_inquiry"):
            return self._shaqra_render_inquiry(
                post,
                [request.env._("The anti-spam check failed: please send the form again.")],
                status=400,
            )
        limited = self._shaqra_rate_limited(INQUIRY_ROUTE_KEY, post.get("mobile"))
        if limited:
            return self._shaqra_render_inquiry(post, [limited], status=429)
        vals, errors = self._shaqra_inquiry_values(post)
        if errors:
            return self._shaqra_render_inquiry(post, errors)
        # The visitor does not wait for e-mails: they go through the mail queue.
        request.env["crm.lead"].sudo().with_context(mail_notify_force_send=False).create(vals)
        self._shaqra_record_submission(INQUIRY_ROUTE_KEY, vals["mobile"])
        # What to bring to reception: the chosen service's requirements (C2).
        service = request.env["shaqra.service.type"].sudo().browse(vals["shaqra_service_type_id"])
        return request.render(
            "shaqra_beneficiary.website_inquiry_thanks",
            {"service": service, "register": bool(post.get("register"))},
        )
