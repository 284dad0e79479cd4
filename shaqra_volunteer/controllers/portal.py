import datetime
import logging

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.shaqra_beneficiary.tools import validation

_logger = logging.getLogger(__name__)

MESSAGES = ("hours", "applied", "delivered", "withdrawn")


class ShaqraVolunteerPortal(CustomerPortal):
    """The volunteer's own portal page (/my/volunteer): profile, agreement,
    opportunities, applications, notices to deliver (A6), hours, certificate.

    Every action is checked against the volunteer of the logged-in user:
    nobody reaches another volunteer's records.
    """

    def _shaqra_volunteer(self):
        """The logged-in user's own volunteer file (empty when they are none)."""
        user = request.env.user
        if user._is_public():
            return request.env["shaqra.volunteer"].sudo().browse()
        return (
            request.env["shaqra.volunteer"]
            .sudo()
            .search([("partner_id", "=", user.partner_id.id)], limit=1)
        )

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "shaqra_volunteer_count" in counters:
            values["shaqra_volunteer_count"] = len(self._shaqra_volunteer())
        return values

    def _shaqra_volunteer_values(self, volunteer, error=None, message=None):
        env = request.env
        values = self._prepare_portal_layout_values()
        lang = env.lang or env.user.lang or "en_US"
        direction = env["res.lang"]._get_data(code=lang).direction or "ltr"
        policy = volunteer._volunteer_policy()
        applied = volunteer.assignment_ids.opportunity_id
        opportunities = (
            env["shaqra.volunteer.opportunity"]
            .sudo()
            .search([("is_published", "=", True), ("id", "not in", applied.ids)])
            .filtered(lambda o: o._is_open())
        )
        notices = (
            env["shaqra.notification"]
            .sudo()
            .search([("volunteer_id", "=", volunteer.id), ("state", "=", "pending")])
        )
        values.update(
            {
                "html_data": {"lang": lang.replace("_", "-"), "dir": direction},
                "page_name": "shaqra_volunteer",
                "volunteer": volunteer,
                "policy": policy,
                "agreement": volunteer._volunteer_acknowledgement(policy),
                "opportunities": opportunities if volunteer.state == "active" else [],
                "assignments": volunteer.assignment_ids,
                "open_assignments": volunteer.assignment_ids.filtered(
                    lambda a: a.state in ("accepted", "done")
                ),
                "notices": notices,
                "hours": volunteer.hours_ids,
                "error": error,
                "message": message if message in MESSAGES else None,
                "today": datetime.date.today().isoformat(),
                "how_options": env["shaqra.notification"]
                ._fields["volunteer_how"]
                ._description_selection(env),
            }
        )
        return values

    def _shaqra_render(self, volunteer, error=None, message=None):
        return request.render(
            "shaqra_volunteer.portal_my_volunteer",
            self._shaqra_volunteer_values(volunteer, error=error, message=message),
        )

    def _shaqra_volunteer_or_404(self):
        volunteer = self._shaqra_volunteer()
        if not volunteer:
            raise NotFound()
        return volunteer

    @http.route(["/my/volunteer"], type="http", auth="user", website=True)
    def portal_my_volunteer(self, message=None, **kw):
        return self._shaqra_render(self._shaqra_volunteer_or_404(), message=message)

    @http.route(["/my/volunteer/hours"], type="http", auth="user", website=True, methods=["POST"])
    def portal_my_volunteer_hours(self, date=None, hours=None, activity=None, **kw):
        """The volunteer logs their own hours and sends them for approval."""
        volunteer = self._shaqra_volunteer_or_404()
        env = request.env
        try:
            day = datetime.date.fromisoformat(validation.latin_digits((date or "").strip()))
            amount = float(validation.latin_digits((hours or "").strip()).replace(",", "."))
        except ValueError:
            return self._shaqra_render(
                volunteer, error=env._("Give a date and a number of hours, e.g. 2.5.")
            )
        assignment = env["shaqra.volunteer.assignment"].sudo()
        raw = (kw.get("assignment_id") or "").strip()
        if raw:
            try:
                assignment = assignment.browse(int(raw)).exists()
            except ValueError:
                assignment = assignment.browse()
            if not assignment or assignment.volunteer_id != volunteer:
                return self._shaqra_render(
                    volunteer, error=env._("Choose one of your own assignments.")
                )
        try:
            with env.cr.savepoint():
                line = (
                    env["shaqra.volunteer.hours"]
                    .sudo()
                    .create(
                        {
                            "volunteer_id": volunteer.id,
                            "assignment_id": assignment.id or False,
                            "date": day,
                            "hours": amount,
                            "activity": (activity or "").strip(),
                        }
                    )
                )
                if line.assignment_id.state not in ("accepted", "done", False):
                    raise UserError(
                        env._("Log hours only on an assignment you were accepted for.")
                    )
                line.action_submit()
        except (AccessError, UserError, ValidationError) as error:
            return self._shaqra_render(volunteer, error=str(error.args[0]))
        return request.redirect("/my/volunteer?message=hours")

    @http.route(
        ["/my/volunteer/apply/<int:opportunity_id>"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_volunteer_apply(self, opportunity_id, motivation=None, **kw):
        volunteer = self._shaqra_volunteer_or_404()
        env = request.env
        opportunity = env["shaqra.volunteer.opportunity"].sudo().browse(opportunity_id).exists()
        if not opportunity or not opportunity._is_open():
            raise NotFound()
        if volunteer.state != "active":
            return self._shaqra_render(
                volunteer, error=env._("Only an active volunteer can apply to an opportunity.")
            )
        if opportunity in volunteer.assignment_ids.opportunity_id:
            return self._shaqra_render(
                volunteer, error=env._("You have already applied to this opportunity.")
            )
        motivation = (motivation or "").strip()[: validation.MAX_TEXT_LENGTH] or False
        try:
            with env.cr.savepoint():
                env["shaqra.volunteer.assignment"].sudo().create(
                    {
                        "volunteer_id": volunteer.id,
                        "opportunity_id": opportunity.id,
                        "motivation": motivation,
                    }
                )
        except (AccessError, UserError, ValidationError) as error:
            return self._shaqra_render(volunteer, error=str(error.args[0]))
        return request.redirect("/my/volunteer?message=applied")

    @http.route(
        ["/my/volunteer/assignment/<int:assignment_id>/withdraw"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_volunteer_withdraw(self, assignment_id, **kw):
        volunteer = self._shaqra_volunteer_or_404()
        assignment = request.env["shaqra.volunteer.assignment"].sudo().browse(assignment_id)
        if not assignment.exists() or assignment.volunteer_id != volunteer:
            raise NotFound()
        try:
            with request.env.cr.savepoint():
                assignment.with_user(request.env.user).sudo().action_cancel()
        except (AccessError, UserError) as error:
            return self._shaqra_render(volunteer, error=str(error.args[0]))
        return request.redirect("/my/volunteer?message=withdrawn")

    @http.route(
        ["/my/volunteer/notice/<int:notice_id>/confirm"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_volunteer_confirm(self, notice_id, how=None, note=None, **kw):
        """The volunteer confirms they delivered the notice (A6): only then is it delivered."""
        volunteer = self._shaqra_volunteer_or_404()
        notice = request.env["shaqra.notification"].sudo().browse(notice_id)
        if not notice.exists() or notice.volunteer_id != volunteer:
            raise NotFound()
        try:
            with request.env.cr.savepoint():
                notice.sudo(False).with_user(request.env.user)._volunteer_confirm(how, note)
        except (AccessError, UserError, ValidationError) as error:
            return self._shaqra_render(volunteer, error=str(error.args[0]))
        return request.redirect("/my/volunteer?message=delivered")

    @http.route(["/my/volunteer/certificate"], type="http", auth="user", website=True)
    def portal_my_volunteer_certificate(self, **kw):
        volunteer = self._shaqra_volunteer_or_404()
        pdf, _type = (
            request.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf(
                "shaqra_volunteer.action_report_volunteer_certificate", volunteer.ids
            )
        )
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", str(len(pdf))),
                ("Content-Disposition", 'attachment; filename="certificate.pdf"'),
            ],
        )
