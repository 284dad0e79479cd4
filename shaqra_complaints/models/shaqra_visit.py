from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.shaqra_beneficiary.tools.hijri import format_gregorian, format_hijri

VISIT_TYPES = [
    ("field_survey", "Field survey"),
    ("supervisory", "Supervisory office visit"),
    ("interview", "Interview"),
]
# The questionnaire seeded for each type of visit (short, in Arabic).
VISIT_SURVEYS = {
    "field_survey": "shaqra_complaints.survey_visit_field_survey",
    "supervisory": "shaqra_complaints.survey_visit_supervisory",
    "interview": "shaqra_complaints.survey_visit_interview",
}
# A visit's photos: images only, each at most this size.
PHOTO_MAX_SIZE = 5 * 1024 * 1024
VISIT_DURATION = timedelta(hours=1)


class ShaqraVisit(models.Model):
    """A field survey of a beneficiary (G2), a supervisory visit of an office
    (G3) or an interview of a beneficiary (G4), with its findings, a score and
    follow-up actions as activities with owners and due dates."""

    _name = "shaqra.visit"
    _description = "Field Survey, Supervisory Visit or Interview"
    _inherit = ["mail.thread", "mail.activity.mixin", "shaqra.evidence.mixin"]
    _order = "date desc, id desc"
    # Done is recorded by the action that closes the visit (G2-G4).
    _evidence_fields = ("state", "done_by_id", "done_on")
    _evidence_frozen_fields = (
        "visit_type",
        "date",
        "date_planned",
        "beneficiary_id",
        "department_id",
        "visitor_id",
        "findings",
        "score",
        "photo_ids",
    )

    name = fields.Char(compute="_compute_name")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    visit_type = fields.Selection(VISIT_TYPES, string="Type", required=True, tracking=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    date_planned = fields.Datetime(
        string="Planned For",
        tracking=True,
        help="The day and time of the visit: the visitor's calendar shows it.",
    )
    beneficiary_id = fields.Many2one(
        "shaqra.beneficiary", string="Beneficiary", index="btree_not_null", tracking=True
    )
    department_id = fields.Many2one(
        "hr.department", string="Office / Department Visited", tracking=True
    )
    visitor_id = fields.Many2one(
        "hr.employee",
        string="Visitor",
        required=True,
        default=lambda self: self.env.user.employee_id,
        tracking=True,
    )
    visitor_user_id = fields.Many2one(
        related="visitor_id.user_id", string="Visitor User", store=True, index=True
    )
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        required=True,
        default="planned",
        readonly=True,
        tracking=True,
    )
    findings = fields.Html()
    score = fields.Integer(help="The visitor's overall score, from 0 to 100.", tracking=True)
    calendar_event_id = fields.Many2one(
        "calendar.event",
        string="Calendar Event",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    survey_id = fields.Many2one(
        "survey.survey",
        string="Questionnaire",
        compute="_compute_survey_id",
        store=True,
        readonly=False,
        precompute=True,
        groups="survey.group_survey_user",
    )
    survey_title = fields.Char(
        string="Questionnaire Title", compute="_compute_survey_title", compute_sudo=True
    )
    user_input_ids = fields.One2many(
        "survey.user_input",
        "shaqra_visit_id",
        string="Questionnaire Answers",
        readonly=True,
        groups="survey.group_survey_user",
    )
    survey_state = fields.Selection(
        [("none", "Not started"), ("in_progress", "In progress"), ("done", "Completed")],
        string="Questionnaire Status",
        compute="_compute_survey_state",
        compute_sudo=True,
    )
    photo_ids = fields.Many2many(
        "ir.attachment",
        "shaqra_visit_photo_rel",
        "visit_id",
        "attachment_id",
        string="Photos",
        help="Photos taken during the visit: images only, at most 5 MB each. "
        "Other documents go in the chatter.",
    )
    done_by_id = fields.Many2one("res.users", string="Done By", readonly=True, copy=False)
    done_on = fields.Datetime(string="Done On", readonly=True, copy=False)

    _sql_constraints = [
        ("score_range", "CHECK(score >= 0 AND score <= 100)", "The score is between 0 and 100.")
    ]

    @api.depends("visit_type", "beneficiary_id", "department_id", "date")
    @api.depends_context("lang")
    def _compute_name(self):
        labels = dict(self._fields["visit_type"]._description_selection(self.env))
        for visit in self:
            subject = visit.beneficiary_id.name or visit.department_id.name or ""
            visit.name = " - ".join(
                part
                for part in (labels.get(visit.visit_type, ""), subject, str(visit.date or ""))
                if part
            )

    @api.constrains("visit_type", "beneficiary_id", "department_id")
    def _check_subject(self):
        for visit in self:
            if visit.visit_type == "supervisory" and not visit.department_id:
                raise ValidationError(
                    self.env._("A supervisory visit needs the office or department visited.")
                )
            if visit.visit_type in ("field_survey", "interview") and not visit.beneficiary_id:
                raise ValidationError(
                    self.env._("A field survey or an interview needs the beneficiary.")
                )

    @api.constrains("photo_ids")
    def _check_photos(self):
        for visit in self:
            for photo in visit.sudo().photo_ids:
                if not (photo.mimetype or "").startswith("image/"):
                    raise ValidationError(
                        self.env._(
                            "%(file)s is not a photo: only images can be added as "
                            "photos; put other documents in the chatter.",
                            file=photo.name,
                        )
                    )
                if photo.file_size > PHOTO_MAX_SIZE:
                    raise ValidationError(
                        self.env._(
                            "The photo %(file)s is larger than %(size)s MB.",
                            file=photo.name,
                            size=PHOTO_MAX_SIZE // (1024 * 1024),
                        )
                    )

    @api.depends("visit_type")
    def _compute_survey_id(self):
        for visit in self:
            xmlid = VISIT_SURVEYS.get(visit.visit_type)
            visit.survey_id = self.env.ref(xmlid, raise_if_not_found=False) if xmlid else False

    @api.depends("survey_id.title")
    def _compute_survey_title(self):
        for visit in self:
            visit.survey_title = visit.survey_id.title or ""

    @api.depends("user_input_ids.state")
    def _compute_survey_state(self):
        for visit in self:
            answers = visit.user_input_ids
            if answers.filtered(lambda a: a.state == "done"):
                visit.survey_state = "done"
            elif answers:
                visit.survey_state = "in_progress"
            else:
                visit.survey_state = "none"

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    def _date_of(self, value):
        """The local day of a planned datetime."""
        return fields.Datetime.context_timestamp(self, fields.Datetime.to_datetime(value)).date()

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("date_planned") and not vals.get("date"):
                vals["date"] = self._date_of(vals["date_planned"])
        visits = super().create(vals_list)
        visits._sync_calendar_event()
        return visits

    def write(self, vals):
        if vals.get("date_planned") and "date" not in vals:
            vals = dict(vals, date=self._date_of(vals["date_planned"]))
        result = super().write(vals)
        if {"date", "date_planned", "visitor_id", "state", "visit_type"} & set(vals):
            self._sync_calendar_event()
        return result

    def unlink(self):
        events = self.sudo().calendar_event_id
        result = super().unlink()
        events.unlink()
        return result

    def _evidence_is_frozen(self):
        return self.state == "done"

    def _sync_calendar_event(self):
        """The visit in the visitor's calendar while it is planned (G2-G4):
        created or moved with the visit, removed when it is cancelled."""
        Event = self.env["calendar.event"].sudo()
        model_id = self.env["ir.model"]._get_id(self._name)
        for visit in self:
            event = visit.sudo().calendar_event_id
            if visit.state == "cancelled":
                if event:
                    visit.sudo().calendar_event_id = False
                    event.unlink()
                continue
            if visit.state != "planned" and not event:
                continue
            partner = visit.visitor_id.user_id.partner_id or visit.visitor_id.work_contact_id
            vals = {
                "name": visit.name,
                "user_id": visit.visitor_id.user_id.id or self.env.uid,
                "partner_ids": [fields.Command.set(partner.ids)],
                "res_model_id": model_id,
                "res_id": visit.id,
            }
            if visit.date_planned:
                vals.update(
                    allday=False,
                    start=visit.date_planned,
                    stop=visit.date_planned + VISIT_DURATION,
                )
            else:
                vals.update(allday=True, start_date=visit.date, stop_date=visit.date)
            if event:
                event.write(vals)
            else:
                visit.sudo().calendar_event_id = Event.create(vals)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_done(self):
        """Close the visit: who closed it and when are recorded, and what was
        found can no longer change."""
        for visit in self:
            if visit.state != "planned":
                raise UserError(
                    self.env._(
                        "Only a planned visit can be marked as done: %(visit)s.", visit=visit.name
                    )
                )
        self.check_access("write")
        self._evidence_write(
            {"state": "done", "done_by_id": self.env.uid, "done_on": fields.Datetime.now()}
        )
        return True

    def action_cancel(self):
        for visit in self:
            if visit.state != "planned":
                raise UserError(
                    self.env._(
                        "Only a planned visit can be cancelled: %(visit)s.", visit=visit.name
                    )
                )
        self.check_access("write")
        self._evidence_write({"state": "cancelled"})
        return True

    def action_fill_questionnaire(self):
        """Open the visit's questionnaire to fill it in (on a phone in the
        field): the answer is linked to the visit."""
        self.ensure_one()
        self.check_access("write")
        visit = self.sudo()
        if visit.state != "planned":
            raise UserError(self.env._("The questionnaire is filled in before the visit is done."))
        if not visit.survey_id:
            raise UserError(self.env._("Choose the visit's questionnaire first."))
        answer = visit.user_input_ids.filtered(
            lambda a: a.survey_id == visit.survey_id and a.state != "done"
        )[:1]
        if not answer:
            if visit.user_input_ids.filtered(lambda a: a.survey_id == visit.survey_id):
                raise UserError(
                    self.env._("The questionnaire of this visit is already filled in.")
                )
            answer = visit.survey_id._create_answer(
                user=self.env.user, check_attempts=False, shaqra_visit_id=visit.id
            )
        return {"type": "ir.actions.act_url", "url": answer.get_start_url(), "target": "self"}

    def action_print_report(self):
        self.ensure_one()
        return self.env.ref("shaqra_complaints.shaqra_visit_report").report_action(self)

    # ------------------------------------------------------------
    # REPORT
    # ------------------------------------------------------------

    def _report_dates(self):
        """Hijri and Gregorian dates of the visit and of its closing."""
        self.ensure_one()
        done = (
            fields.Datetime.context_timestamp(self, self.done_on).date() if self.done_on else False
        )
        today = fields.Date.context_today(self)
        return {
            "visit_hijri": format_hijri(self.date, "ar"),
            "visit_gregorian": format_gregorian(self.date, "ar"),
            "done_hijri": format_hijri(done, "ar"),
            "done_gregorian": format_gregorian(done, "ar"),
            "printed_hijri": format_hijri(today, "ar"),
            "printed_gregorian": format_gregorian(today, "ar"),
        }

    def _report_answers(self):
        """(question, answer) of the visit's completed questionnaire."""
        self.ensure_one()
        answers = self.sudo().user_input_ids.filtered(lambda a: a.state == "done")[:1]
        rows = []
        for line in answers.user_input_line_ids.filtered(lambda ln: not ln.skipped).sorted(
            lambda ln: (ln.question_id.sequence, ln.id)
        ):
            value = line._get_answer_value()
            rows.append((line.question_id.title, str(value) if value not in (False, None) else ""))
        return rows

    def _report_followups(self):
        """The follow-up actions still open: what, who, by when."""
        self.ensure_one()
        return self.sudo().activity_ids.sorted("date_deadline")


class ShaqraBeneficiary(models.Model):
    _inherit = "shaqra.beneficiary"

    visit_ids = fields.One2many(
        "shaqra.visit", "beneficiary_id", string="Visits", groups="base.group_user"
    )
    visit_count = fields.Integer(
        string="Visit Count", compute="_compute_visit_count", groups="base.group_user"
    )

    def _compute_visit_count(self):
        counts = dict(
            self.env["shaqra.visit"]._read_group(
                [("beneficiary_id", "in", self.ids)], ["beneficiary_id"], ["__count"]
            )
        )
        for beneficiary in self:
            beneficiary.visit_count = counts.get(beneficiary, 0)

    def action_view_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "shaqra_complaints.shaqra_visit_action"
        )
        action["domain"] = [("beneficiary_id", "=", self.id)]
        action["context"] = {
            "default_beneficiary_id": self.id,
            "default_visit_type": "field_survey",
        }
        return action
