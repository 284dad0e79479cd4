import logging

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.shaqra_beneficiary.controllers.public_form import ShaqraPublicForm
from odoo.addons.shaqra_beneficiary.tools import validation
from odoo.addons.shaqra_beneficiary.tools.saudi_id import (
    is_valid_saudi_id,
    normalize_saudi_id,
)

_logger = logging.getLogger(__name__)

ROUTE_KEY = "volunteer"
MAX_SKILLS = 30


class ShaqraVolunteerWebsite(ShaqraPublicForm, http.Controller):
    """The public volunteer pages: sign-up, opportunities, certificate check."""

    def _signup_values(self, values=None, errors=None):
        return {
            "values": values or {},
            "errors": errors or {},
            "skills": request.env["shaqra.volunteer.skill"].sudo().search([]),
        }

    def _signup_read(self, params):
        """Clean the submitted values; return (values, errors by field)."""
        env = request.env
        Volunteer = env["shaqra.volunteer"]
        values = {
            name: (params.get(name) or "").strip()
            for name in ("name", "national_id", "mobile", "email", "city", "gender")
        }
        errors = {}
        # A NUL character cannot be stored: the form says so instead of a server error.
        for name, value in values.items():
            if "\x00" in value:
                errors[name] = env._("The text contains a character that is not allowed.")
                values[name] = value.replace("\x00", "")
        name = values["name"]
        if not name or len(name) > validation.MAX_NAME_LENGTH or "<" in name or ">" in name:
            errors["name"] = env._("Write your full name.")
        national_id = normalize_saudi_id(validation.latin_digits(values["national_id"]))
        if not is_valid_saudi_id(national_id):
            errors["national_id"] = env._(
                "Write a valid national ID or iqama number (10 digits starting with 1 or 2)."
            )
        values["national_id"] = national_id
        for name, check in (
            ("mobile", validation.check_saudi_mobile),
            ("email", validation.check_email),
        ):
            try:
                values[name] = check(Volunteer, name, values[name])
            except ValidationError as error:
                errors.setdefault(name, str(error.args[0]))
        if not values["mobile"]:
            errors["mobile"] = env._("Write your mobile number, e.g. 0501234567.")
        if not values["email"]:
            errors["email"] = env._("Write your e-mail address: your invitation is sent there.")
        if values["gender"] not in ("", "male", "female"):
            errors["gender"] = env._("Choose an option from the list.")
        if len(values["city"]) > validation.MAX_NAME_LENGTH:
            errors["city"] = env._("The city is too long.")
        skill_ids = []
        for raw in request.httprequest.form.getlist("skill_ids")[:MAX_SKILLS]:
            try:
                skill_ids.append(int(raw))
            except (TypeError, ValueError):
                errors["skill_ids"] = env._("Choose skills from the list.")
        skills = env["shaqra.volunteer.skill"].sudo().browse(skill_ids).exists()
        values["skill_ids"] = skills.ids
        return values, errors

    @http.route(
        "/volunteer", type="http", auth="public", website=True, sitemap=True, methods=["GET"]
    )
    def volunteer_signup_form(self, **kw):
        return request.render("shaqra_volunteer.volunteer_signup", self._signup_values())

    @http.route("/volunteer", type="http", auth="public", website=True, methods=["POST"])
    def volunteer_signup_submit(self, **params):
        """Create an applicant; a bot filling the hidden field stores nothing."""
        if self._shaqra_is_bot(params):
            return request.render("shaqra_volunteer.volunteer_signup_thanks", {})
        values, errors = self._signup_read(params)
        if not errors and not self._shaqra_check_captcha("shaqra_volunteer_signup"):
            errors["form"] = request.env._(
                "The anti-spam check failed. Please reload the page and try again."
            )
        if not errors:
            limited = self._shaqra_rate_limited(ROUTE_KEY, mobile=values["mobile"])
            if limited:
                errors["form"] = limited
        if errors:
            return request.render(
                "shaqra_volunteer.volunteer_signup", self._signup_values(values, errors)
            )
        Volunteer = (
            request.env["shaqra.volunteer"]
            .sudo()
            # The visitor does not wait for e-mails: they go through the mail queue.
            .with_context(
                active_test=False, shaqra_public_signup=True, mail_notify_force_send=False
            )
        )
        if not Volunteer.search_count([("national_id", "=", values["national_id"])]):
            vals = {
                "name": values["name"],
                "national_id": values["national_id"],
                "mobile": values["mobile"],
                "email": values["email"],
                "city": values["city"] or False,
                "gender": values["gender"] or False,
                "skill_ids": [(6, 0, values["skill_ids"])],
            }
            try:
                with request.env.cr.savepoint():
                    Volunteer.create(vals)
            except (UserError, ValidationError) as error:
                errors["form"] = str(error.args[0])
                return request.render(
                    "shaqra_volunteer.volunteer_signup", self._signup_values(values, errors)
                )
            self._shaqra_record_submission(ROUTE_KEY, mobile=values["mobile"])
        # The same answer whether the person was already registered or not:
        # the page tells nobody who volunteers (E2).
        return request.render("shaqra_volunteer.volunteer_signup_thanks", {})

    @http.route("/volunteer/opportunities", type="http", auth="public", website=True, sitemap=True)
    def volunteer_opportunities(self, **kw):
        opportunities = (
            request.env["shaqra.volunteer.opportunity"]
            .sudo()
            .search([("is_published", "=", True)], order="date_start, id")
        )
        opportunities = opportunities.filtered(lambda o: o._is_open())
        return request.render(
            "shaqra_volunteer.volunteer_opportunities", {"opportunities": opportunities}
        )

    @http.route("/volunteer/certificate/<string:code>", type="http", auth="public", website=True)
    def volunteer_certificate_check(self, code, **kw):
        """Anyone can check a certificate's code: the name and the approved hours."""
        code = (code or "").strip()[:64]
        if "\x00" in code:
            # Cannot be a certificate's code (and cannot reach the database).
            code = "-"
        volunteer = request.env["shaqra.volunteer"].sudo().with_context(active_test=False)
        if code:
            volunteer = volunteer.search([("certificate_code", "=", code)], limit=1)
        return request.render(
            "shaqra_volunteer.volunteer_certificate_check",
            {"volunteer": volunteer if code else volunteer.browse(), "code": code},
        )
