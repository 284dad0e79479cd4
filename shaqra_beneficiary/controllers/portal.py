"""The beneficiary portal (policy C2-C5, E2, F2, F3).

Every record is reached through ``_document_check_access`` or a search
restricted to the logged-in beneficiary; writes run as superuser only after
that check. A record that is not the visitor's answers 404, never a hint
that it exists.
"""

import binascii
import os
from datetime import timedelta
from urllib.parse import urlencode

from werkzeug.exceptions import NotFound

from odoo import Command, fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..tools.hijri import format_hijri
from ..tools.signature import check_signature_image

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
OPEN_STAGE_KEYS = ("received", "completeness", "awaiting_committee", "committee_review")
ANSWERED_STAGE_KEYS = ("decided", "notified", "closed")
MAX_DESCRIPTION_LENGTH = 5000
MAX_NOTE_LENGTH = 2000
# How many of each a portal user may send in an hour (system parameters
# shaqra_beneficiary.portal_max_<kind>_per_hour): enough for any real need,
# too few for a script.
RATE_LIMITS = {"requests": 5, "uploads": 30, "corrections": 5}


class ShaqraBeneficiaryPortal(CustomerPortal):
    # --- helpers ------------------------------------------------------------

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

    def _shaqra_requests_domain(self):
        return [("partner_id", "in", self._shaqra_partner_ids())]

    def _shaqra_notices_domain(self):
        # Only what was actually delivered: a notice still to deliver or
        # cancelled was never sent to the beneficiary (C5, E3).
        return [
            ("beneficiary_id.partner_id", "in", self._shaqra_partner_ids()),
            ("state", "=", "sent"),
        ]

    def _shaqra_upload_limit_mb(self):
        value = request.env["ir.config_parameter"].sudo().get_param(UPLOAD_LIMIT_PARAM)
        try:
            limit = int(value or DEFAULT_UPLOAD_LIMIT_MB)
        except ValueError:
            limit = DEFAULT_UPLOAD_LIMIT_MB
        return limit if limit > 0 else DEFAULT_UPLOAD_LIMIT_MB

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

    def _shaqra_attach(self, request_sudo, line_sudo, name, content, mimetype):
        attachment = (
            request.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": name,
                    "raw": content,
                    "mimetype": mimetype,
                    "res_model": "shaqra.request",
                    "res_id": request_sudo.id,
                }
            )
        )
        was_verified = line_sudo.is_verified
        line_sudo.write({"attachment_ids": [Command.link(attachment.id)], "is_provided": True})
        if was_verified:
            self._shaqra_unverify(request_sudo, line_sudo, name)
        return attachment

    def _shaqra_unverify(self, request_sudo, line_sudo, name):
        """Policy C3: a verified item whose documents change is checked again.

        The verification is evidence of what staff saw; a new document was
        not seen, so the item goes back to unverified and staff are told.
        """
        line_sudo.write({"is_verified": False, "verified_by_id": False, "verified_on": False})
        message = request.env._(
            "The beneficiary added %(file)s to %(requirement)s, which had been verified: "
            "check it again.",
            file=name,
            requirement=line_sudo.name,
        )
        request_sudo.message_post(
            body=message, message_type="comment", subtype_xmlid="mail.mt_note"
        )
        user = request_sudo._responsible_user()
        if user:
            request_sudo.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=user.id,
                summary=request.env._("Check a new document again"),
                note=message,
            )

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

    # --- portal home --------------------------------------------------------

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "shaqra_request_count" in counters:
            Request = request.env["shaqra.request"]
            values["shaqra_request_count"] = (
                Request.search_count(self._shaqra_requests_domain())
                if Request.has_access("read")
                else 0
            )
        if "shaqra_notice_count" in counters:
            Notice = request.env["shaqra.notification"]
            values["shaqra_notice_count"] = (
                Notice.search_count(self._shaqra_notices_domain())
                if Notice.has_access("read")
                else 0
            )
        if "shaqra_profile_count" in counters:
            values["shaqra_profile_count"] = len(self._shaqra_beneficiary())
        if "shaqra_apply_count" in counters:
            beneficiary = self._shaqra_beneficiary()
            values["shaqra_apply_count"] = (
                len(self._shaqra_published_service_types(beneficiary)) if beneficiary else 0
            )
        return values

    # --- /my/requests ---------------------------------------------------------

    def _shaqra_request_sortings(self):
        return {
            "date": {"label": request.env._("Newest"), "order": "create_date desc, id desc"},
            "name": {"label": request.env._("Number"), "order": "name desc"},
            "deadline": {
                "label": request.env._("Answer Due"),
                "order": "date_deadline asc, id desc",
            },
            "stage": {"label": request.env._("Stage"), "order": "stage_id, id desc"},
        }

    def _shaqra_request_filters(self):
        return {
            "all": {"label": request.env._("All"), "domain": []},
            "open": {
                "label": request.env._("In Progress"),
                "domain": [("stage_key", "in", OPEN_STAGE_KEYS)],
            },
            "answered": {
                "label": request.env._("Answered"),
                "domain": [("stage_key", "in", ANSWERED_STAGE_KEYS)],
            },
            "cancelled": {
                "label": request.env._("Cancelled"),
                "domain": [("stage_key", "=", "cancelled")],
            },
        }

    @http.route(
        ["/my/requests", "/my/requests/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_shaqra_requests(self, page=1, sortby=None, filterby=None, **kw):
        Request = request.env["shaqra.request"]
        values = self._prepare_portal_layout_values()
        sortings = self._shaqra_request_sortings()
        filters = self._shaqra_request_filters()
        sortby = sortby if sortby in sortings else "date"
        filterby = filterby if filterby in filters else "all"
        domain = self._shaqra_requests_domain() + filters[filterby]["domain"]
        pager = portal_pager(
            url="/my/requests",
            url_args={"sortby": sortby, "filterby": filterby},
            total=Request.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        requests_ = Request.search(
            domain,
            order=sortings[sortby]["order"],
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        request.session["my_shaqra_requests_history"] = requests_.ids[:100]
        values.update(
            {
                "shaqra_requests": requests_.sudo(),
                "page_name": "shaqra_requests",
                "default_url": "/my/requests",
                "pager": pager,
                "searchbar_sortings": sortings,
                "sortby": sortby,
                "searchbar_filters": filters,
                "filterby": filterby,
                "shaqra_dates": self._shaqra_date_values,
                "is_beneficiary": bool(self._shaqra_beneficiary()),
            }
        )
        return request.render("shaqra_beneficiary.portal_my_shaqra_requests", values)

    # --- /my/requests/<id> ------------------------------------------------------

    @http.route(["/my/requests/<int:request_id>"], type="http", auth="public", website=True)
    def portal_my_shaqra_request(self, request_id, access_token=None, message=None, **kw):
        if request.env.user._is_public() and not access_token:
            return request.redirect(f"/web/login?redirect=/my/requests/{request_id}")
        request_sudo = self._shaqra_check_request(request_id, access_token)
        values = self._prepare_portal_layout_values()
        error = kw.get("upload_error")
        values.update(
            {
                "shaqra_request": request_sudo,
                "page_name": "shaqra_request",
                "steps": request_sudo._portal_stage_steps(),
                "declaration": request_sudo._get_signature_declaration(),
                "deadline": self._shaqra_date_values(request_sudo.date_deadline),
                "shaqra_dates": self._shaqra_date_values,
                "can_sign": request_sudo._portal_can_sign()
                and self._shaqra_is_owner(request_sudo),
                "sign_needs_login": request_sudo._portal_can_sign()
                and not self._shaqra_is_owner(request_sudo),
                "can_upload": request_sudo._portal_can_upload(),
                "upload_limit_mb": self._shaqra_upload_limit_mb(),
                "upload_accept": ",".join(f".{ext}" for ext in ALLOWED_UPLOADS),
                "message": message,
                "upload_error_message": error
                and self._shaqra_upload_error_message(error, kw.get("file")),
                "portal_token": request_sudo._portal_ensure_token(),
            }
        )
        values = self._get_page_view_values(
            request_sudo, access_token, values, "my_shaqra_requests_history", False
        )
        # The chatter posts with the record's token: the beneficiary reads the
        # request but has no write access to it (E2).
        values["token"] = values["portal_token"]
        return request.render("shaqra_beneficiary.portal_my_shaqra_request", values)

    @http.route(
        ["/my/requests/<int:request_id>/upload/<int:line_id>"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_shaqra_request_upload(self, request_id, line_id, access_token=None, **post):
        request_sudo = self._shaqra_check_request(request_id, access_token)
        line_sudo = request_sudo.requirement_line_ids.filtered(lambda line: line.id == line_id)
        if not line_sudo:
            raise NotFound()
        if not request_sudo._portal_can_upload():
            return request.redirect(
                request_sudo.get_portal_url(
                    query_string="&upload_error=closed", anchor=f"requirement_{line_sudo.id}"
                )
            )
        error, name, content, mimetype = self._shaqra_read_upload(post.get("document"))
        # Visitors with a shared link all act as the public user: their
        # uploads are counted per request.
        scope = (
            [("res_model", "=", "shaqra.request"), ("res_id", "=", request_sudo.id)]
            if request.env.user._is_public()
            else None
        )
        if not error and self._shaqra_rate_limit_error("uploads", scope):
            error = "rate"
        if error:
            query = f"&upload_error={error}"
            if name:
                query += "&" + urlencode({"file": name})
            return request.redirect(
                request_sudo.get_portal_url(
                    query_string=query, anchor=f"requirement_{line_sudo.id}"
                )
            )
        self._shaqra_attach(request_sudo, line_sudo, name, content, mimetype)
        request_sudo.message_post(
            body=request.env._(
                "Document %(file)s added for: %(requirement)s.",
                file=name,
                requirement=line_sudo.name,
            ),
            author_id=request.env.user.partner_id.id
            if not request.env.user._is_public()
            else request_sudo.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        return request.redirect(
            request_sudo.get_portal_url(
                query_string="&message=upload_ok", anchor=f"requirement_{line_sudo.id}"
            )
        )

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

    @http.route(["/my/requests/<int:request_id>/sign"], type="json", auth="public", website=True)
    def portal_shaqra_request_sign(self, request_id, access_token=None, name=None, signature=None):
        """Policy C4: the beneficiary signs that the data is correct."""
        access_token = access_token or request.httprequest.args.get("access_token")
        request_sudo = self._shaqra_check_request(request_id, access_token)
        # A shared link shows the request; only the beneficiary's own login
        # signs it (C4): the signature is theirs, not the link holder's.
        if not self._shaqra_is_owner(request_sudo):
            return {
                "error": request.env._(
                    "Log in with your own account to sign this request: a shared link "
                    "cannot sign it."
                )
            }
        if not request_sudo._portal_can_sign():
            return {"error": request.env._("This request does not need your signature.")}
        if not signature:
            return {"error": request.env._("Please sign before confirming.")}
        if not isinstance(name, str) or not name.strip():
            return {"error": request.env._("Please write your full name.")}
        if len(name.strip()) > 200:
            return {"error": request.env._("The name is too long.")}
        try:
            check_signature_image(request.env, signature)
            request_sudo.sudo().write(
                {
                    "signature": signature,
                    "signed_by": name.strip(),
                    "signed_on": fields.Datetime.now(),
                }
            )
        except UserError as error:
            return {"error": error.args[0]}
        except (TypeError, ValueError, binascii.Error):
            return {"error": request.env._("The signature could not be read; please sign again.")}
        request_sudo.message_post(
            body=request.env._(
                "Signed on the portal by %(name)s, who declared: %(declaration)s",
                name=name.strip(),
                declaration=request_sudo._get_signature_declaration(),
            ),
            author_id=request.env.user.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        return {
            "force_refresh": True,
            "redirect_url": request_sudo.get_portal_url(query_string="&message=sign_ok"),
        }

    # --- /my/requests/new -------------------------------------------------------

    def _shaqra_published_service_types(self, beneficiary):
        return (
            request.env["shaqra.service.type"]
            .sudo()
            .search(
                [
                    ("is_published", "=", True),
                    ("company_id", "=", beneficiary.company_id.id or request.env.company.id),
                ]
            )
        )

    def _shaqra_render_new_request(self, beneficiary, service_type=None, errors=None, form=None):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "shaqra_request_new",
                "beneficiary": beneficiary,
                "service_types": self._shaqra_published_service_types(beneficiary)
                if beneficiary
                else request.env["shaqra.service.type"],
                "service_type": service_type or request.env["shaqra.service.type"],
                "errors": errors or [],
                "form": form or {},
                "upload_limit_mb": self._shaqra_upload_limit_mb(),
                "upload_accept": ",".join(f".{ext}" for ext in ALLOWED_UPLOADS),
            }
        )
        return request.render("shaqra_beneficiary.portal_shaqra_request_new", values)

    def _shaqra_service_type_from(self, beneficiary, value):
        try:
            service_type_id = int(value or 0)
        except (TypeError, ValueError):
            return request.env["shaqra.service.type"]
        return self._shaqra_published_service_types(beneficiary).filtered(
            lambda service: service.id == service_type_id
        )

    @http.route(
        ["/my/requests/new"], type="http", auth="user", methods=["GET", "POST"], website=True
    )
    def portal_shaqra_request_new(self, **post):
        """Policy C2: read the criteria and documents, then apply."""
        beneficiary = self._shaqra_beneficiary()
        service_type = self._shaqra_service_type_from(beneficiary, post.get("service_type_id"))
        if request.httprequest.method != "POST" or not beneficiary:
            return self._shaqra_render_new_request(beneficiary, service_type)
        errors = []
        rate_error = self._shaqra_rate_limit_error("requests")
        if rate_error:
            return self._shaqra_render_new_request(beneficiary, service_type, [rate_error], post)
        if not service_type:
            errors.append(request.env._("Choose one of the published services."))
        description = post.get("description") or ""
        if len(description) > MAX_DESCRIPTION_LENGTH:
            errors.append(
                request.env._(
                    "The description is too long: at most %(limit)s characters.",
                    limit=MAX_DESCRIPTION_LENGTH,
                )
            )
        if not post.get("criteria_read"):
            errors.append(
                request.env._(
                    "Confirm that you have read the criteria and the required documents."
                )
            )
        documents = []
        for requirement in service_type.requirement_ids.filtered("document_required"):
            upload = request.httprequest.files.get(f"document_{requirement.id}")
            error, name, content, mimetype = self._shaqra_read_upload(upload)
            if error == "missing":
                if requirement.is_mandatory:
                    errors.append(
                        request.env._(
                            "Attach the document: %(requirement)s.", requirement=requirement.name
                        )
                    )
                continue
            if error:
                errors.append(self._shaqra_upload_error_message(error, name))
                continue
            documents.append((requirement, name, content, mimetype))
        if errors:
            if documents:
                errors.append(request.env._("Choose your documents again: files are not kept."))
            return self._shaqra_render_new_request(beneficiary, service_type, errors, post)

        request_sudo = (
            request.env["shaqra.request"]
            .sudo()
            .create(
                {
                    "beneficiary_id": beneficiary.id,
                    "service_type_id": service_type.id,
                    "company_id": beneficiary.company_id.id,
                    "channel": "portal",
                    "description": description.strip() or False,
                }
            )
        )
        request_sudo.message_subscribe(partner_ids=beneficiary.partner_id.ids)
        for requirement, name, content, mimetype in documents:
            line_sudo = request_sudo.requirement_line_ids.filtered(
                lambda line, requirement=requirement: line.requirement_id == requirement
            )
            self._shaqra_attach(request_sudo, line_sudo, name, content, mimetype)
        request_sudo.message_post(
            body=request.env._(
                "Request submitted on the portal with %(count)s document(s).",
                count=len(documents),
            ),
            author_id=request.env.user.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        request_sudo._notify_liaison_officer_of_portal_request()
        return request.redirect(request_sudo.get_portal_url(query_string="&message=created"))

    # --- /my/notices -------------------------------------------------------------

    @http.route(
        ["/my/notices", "/my/notices/page/<int:page>"], type="http", auth="user", website=True
    )
    def portal_my_shaqra_notices(self, page=1, **kw):
        Notice = request.env["shaqra.notification"]
        domain = self._shaqra_notices_domain()
        values = self._prepare_portal_layout_values()
        pager = portal_pager(
            url="/my/notices",
            total=Notice.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        notices = Notice.search(domain, limit=self._items_per_page, offset=pager["offset"])
        values.update(
            {
                "notices": notices.sudo(),
                "page_name": "shaqra_notices",
                "pager": pager,
                "shaqra_dates": self._shaqra_date_values,
            }
        )
        return request.render("shaqra_beneficiary.portal_my_shaqra_notices", values)

    # --- /my/beneficiary: data correction (F3) ------------------------------------

    def _shaqra_correction_fields(self, beneficiary):
        """(name, label, type, current value, options) of each correctable field."""
        Beneficiary = request.env["shaqra.beneficiary"]
        names = Beneficiary._portal_correctable_fields()
        descriptions = Beneficiary.fields_get(names, ["string", "type", "selection"])
        result = []
        for name in names:
            description = descriptions[name]
            value = beneficiary[name] if beneficiary else False
            result.append(
                {
                    "name": name,
                    "label": description["string"],
                    "type": description["type"],
                    "value": "" if value is False or value is None else str(value),
                    "options": description.get("selection") or [],
                }
            )
        return result

    def _shaqra_validate_correction(self, spec, raw):
        """The normalised value of one proposed field, or raise ValidationError.

        The rules are the beneficiary model's own, shared with the backend
        form and with the approval of the correction.
        """
        return request.env["shaqra.beneficiary"]._shaqra_clean_correction(spec["name"], raw)

    def _shaqra_render_beneficiary(self, beneficiary, errors=None, form=None, message=None):
        values = self._prepare_portal_layout_values()
        national_id = beneficiary.national_id or ""
        values.update(
            {
                "page_name": "shaqra_beneficiary",
                "beneficiary": beneficiary,
                "masked_national_id": "•" * max(len(national_id) - 4, 0) + national_id[-4:],
                "correction_fields": self._shaqra_correction_fields(beneficiary),
                "changes": beneficiary.data_change_request_ids.sorted("create_date", reverse=True),
                "errors": errors or [],
                "form": form or {},
                "message": message,
                "shaqra_dates": self._shaqra_date_values,
            }
        )
        return request.render("shaqra_beneficiary.portal_my_shaqra_beneficiary", values)

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
        beneficiary = self._shaqra_beneficiary()
        if not beneficiary:
            raise NotFound()
        return self._shaqra_render_beneficiary(beneficiary, message=message)

    @http.route(
        ["/my/beneficiary/correction"], type="http", auth="user", methods=["POST"], website=True
    )
    def portal_shaqra_beneficiary_correction(self, **post):
        """Policy F3: propose corrections; staff approve them before they apply."""
        beneficiary = self._shaqra_beneficiary()
        if not beneficiary:
            raise NotFound()
        errors = []
        lines = []
        rate_error = self._shaqra_rate_limit_error("corrections")
        if rate_error:
            return self._shaqra_render_beneficiary(beneficiary, errors=[rate_error], form=post)
        note = (post.get("note") or "").strip()
        if len(note) > MAX_NOTE_LENGTH:
            errors.append(
                request.env._(
                    "The comment is too long: at most %(limit)s characters.",
                    limit=MAX_NOTE_LENGTH,
                )
            )
        for spec in self._shaqra_correction_fields(beneficiary):
            if spec["name"] not in post:
                continue
            try:
                value = self._shaqra_validate_correction(spec, post[spec["name"]])
            except ValidationError as exc:
                errors.append(exc.args[0])
                continue
            if value != spec["value"]:
                lines.append(
                    Command.create(
                        {
                            "field_name": spec["name"],
                            "old_value": spec["value"],
                            "new_value": value,
                        }
                    )
                )
        if not errors and not lines:
            errors.append(request.env._("You did not change anything."))
        if errors:
            return self._shaqra_render_beneficiary(beneficiary, errors=errors, form=post)
        try:
            with request.env.cr.savepoint():
                change = (
                    request.env["shaqra.data.change.request"]
                    .sudo()
                    .create(
                        {
                            "beneficiary_id": beneficiary.id,
                            "note": note or False,
                            "line_ids": lines,
                        }
                    )
                )
        except ValidationError as exc:
            return self._shaqra_render_beneficiary(beneficiary, errors=[exc.args[0]], form=post)
        change.message_subscribe(partner_ids=beneficiary.partner_id.ids)
        return request.redirect("/my/beneficiary?message=correction_sent")
