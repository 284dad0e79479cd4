"""The beneficiary's requests on the portal: list, follow, sign, apply (C2-C6)."""

import binascii

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import pager as portal_pager

from .portal import ShaqraBeneficiaryPortal, signer_error

MAX_DESCRIPTION_LENGTH = 5000


class ShaqraRequestPortal(ShaqraBeneficiaryPortal):
    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------

    def _shaqra_requests_domain(self):
        return [("partner_id", "in", self._shaqra_partner_ids())]

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

    def _shaqra_service_type_from(self, beneficiary, value):
        try:
            service_type_id = int(value or 0)
        except (TypeError, ValueError):
            return request.env["shaqra.service.type"]
        return self._shaqra_published_service_types(beneficiary).filtered(
            lambda service: service.id == service_type_id
        )

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
                "domain": [("stage_is_answered", "=", False), ("stage_is_final", "=", False)],
            },
            "answered": {
                "label": request.env._("Answered"),
                "domain": [("stage_is_answered", "=", True)],
            },
            "cancelled": {
                "label": request.env._("Cancelled"),
                "domain": [("stage_is_final", "=", True), ("stage_is_answered", "=", False)],
            },
        }

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "shaqra_request_count" in counters:
            Request = request.env["shaqra.request"]
            values["shaqra_request_count"] = (
                Request.search_count(self._shaqra_requests_domain())
                if Request.has_access("read")
                else 0
            )
        if "shaqra_apply_count" in counters:
            beneficiary = self._shaqra_beneficiary()
            values["shaqra_apply_count"] = (
                len(self._shaqra_published_service_types(beneficiary)) if beneficiary else 0
            )
        return values

    def _prepare_shaqra_requests_values(self, page=1, sortby=None, filterby=None):
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
        return values

    def _prepare_shaqra_request_values(
        self, request_sudo, access_token=None, message=None, upload_error=None, filename=None
    ):
        values = self._prepare_portal_layout_values()
        is_owner = self._shaqra_is_owner(request_sudo)
        values.update(
            {
                "shaqra_request": request_sudo,
                "page_name": "shaqra_request",
                "steps": request_sudo._portal_stage_steps(),
                "declaration": request_sudo._get_signature_declaration(),
                "deadline": self._shaqra_date_values(request_sudo.date_deadline),
                "shaqra_dates": self._shaqra_date_values,
                "can_sign": request_sudo._portal_can_sign() and is_owner,
                "sign_needs_login": request_sudo._portal_can_sign() and not is_owner,
                "can_upload": request_sudo._portal_can_upload(),
                "upload_limit_mb": self._shaqra_upload_limit_mb(),
                "upload_accept": self._shaqra_upload_accept(),
                "message": message,
                "upload_error_message": upload_error
                and self._shaqra_upload_error_message(upload_error, filename),
                "portal_token": request_sudo._portal_ensure_token(),
            }
        )
        values = self._get_page_view_values(
            request_sudo, access_token, values, "my_shaqra_requests_history", False
        )
        # The chatter posts with the record's token: the beneficiary reads the
        # request but has no write access to it (E2).
        values["token"] = values["portal_token"]
        return values

    def _shaqra_sign_error(self, request_sudo, name, signature):
        """Why the visitor may not sign now, or None."""
        # A shared link shows the request; only the beneficiary's own login
        # signs it (C4): the signature is theirs, not the link holder's.
        if not self._shaqra_is_owner(request_sudo):
            return request.env._(
                "Log in with your own account to sign this request: a shared link "
                "cannot sign it."
            )
        if not request_sudo._portal_can_sign():
            return request.env._("This request does not need your signature.")
        return signer_error(name, signature)

    def _prepare_new_request_values(self, beneficiary, service_type=None, errors=None, form=None):
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
                "upload_accept": self._shaqra_upload_accept(),
            }
        )
        return values

    def _shaqra_render_new_request(self, beneficiary, service_type=None, errors=None, form=None):
        return request.render(
            "shaqra_beneficiary.portal_shaqra_request_new",
            self._prepare_new_request_values(beneficiary, service_type, errors, form),
        )

    def _shaqra_read_new_request(self, service_type, post):
        """The form's errors and its checked documents ``(requirement, name,
        content, mimetype)``; nothing is stored."""
        errors = []
        if not service_type:
            errors.append(request.env._("Choose one of the published services."))
        if len(post.get("description") or "") > MAX_DESCRIPTION_LENGTH:
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
        if errors and documents:
            errors.append(request.env._("Choose your documents again: files are not kept."))
        return errors, documents

    # ------------------------------------------------------------
    # ROUTES
    # ------------------------------------------------------------

    @http.route(
        ["/my/requests", "/my/requests/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_shaqra_requests(self, page=1, sortby=None, filterby=None, **kw):
        values = self._prepare_shaqra_requests_values(page, sortby, filterby)
        return request.render("shaqra_beneficiary.portal_my_shaqra_requests", values)

    @http.route(["/my/requests/<int:request_id>"], type="http", auth="public", website=True)
    def portal_my_shaqra_request(self, request_id, access_token=None, message=None, **kw):
        if request.env.user._is_public() and not access_token:
            return request.redirect(f"/web/login?redirect=/my/requests/{request_id}")
        request_sudo = self._shaqra_check_request(request_id, access_token)
        values = self._prepare_shaqra_request_values(
            request_sudo, access_token, message, kw.get("upload_error"), kw.get("file")
        )
        return request.render("shaqra_beneficiary.portal_my_shaqra_request", values)

    @http.route(["/my/requests/<int:request_id>/sign"], type="json", auth="public", website=True)
    def portal_shaqra_request_sign(self, request_id, access_token=None, name=None, signature=None):
        """Policy C4: the beneficiary signs that the data is correct."""
        access_token = access_token or request.httprequest.args.get("access_token")
        request_sudo = self._shaqra_check_request(request_id, access_token)
        error = self._shaqra_sign_error(request_sudo, name, signature)
        if error:
            return {"error": error}
        try:
            request_sudo._shaqra_sign_declaration(
                name.strip(), signature, request.env.user.partner_id
            )
        except UserError as error:
            return {"error": error.args[0]}
        except (TypeError, ValueError, binascii.Error):
            return {"error": request.env._("The signature could not be read; please sign again.")}
        return {
            "force_refresh": True,
            "redirect_url": request_sudo.get_portal_url(query_string="&message=sign_ok"),
        }

    @http.route(
        ["/my/requests/new"], type="http", auth="user", methods=["GET", "POST"], website=True
    )
    def portal_shaqra_request_new(self, **post):
        """Policy C2: read the criteria and documents, then apply."""
        beneficiary = self._shaqra_beneficiary()
        service_type = self._shaqra_service_type_from(beneficiary, post.get("service_type_id"))
        if request.httprequest.method != "POST" or not beneficiary:
            return self._shaqra_render_new_request(beneficiary, service_type)
        rate_error = self._shaqra_rate_limit_error("requests")
        if rate_error:
            return self._shaqra_render_new_request(beneficiary, service_type, [rate_error], post)
        errors, documents = self._shaqra_read_new_request(service_type, post)
        if errors:
            return self._shaqra_render_new_request(beneficiary, service_type, errors, post)
        request_sudo = request.env["shaqra.request"]._shaqra_submit_with_documents(
            beneficiary, service_type, post.get("description"), documents
        )
        return request.redirect(request_sudo.get_portal_url(query_string="&message=created"))
