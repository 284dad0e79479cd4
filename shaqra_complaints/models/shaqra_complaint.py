from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import email_normalize, html2plaintext, is_html_empty
from odoo.tools.mail import parse_contact_from_email

from odoo.addons.shaqra_beneficiary.models.shaqra_deadline_mixin import DEADLINE_EVIDENCE_FIELDS
from odoo.addons.shaqra_beneficiary.models.shaqra_ethics_concern_mixin import (
    ETHICS_KIND,
    ETHICS_KIND_LABEL,
)
from odoo.addons.shaqra_beneficiary.tools.hijri import format_gregorian, format_hijri
from odoo.addons.shaqra_beneficiary.tools.signature import check_signature_image

# The key that lets the complaint's own actions move it to another stage: a
# Python object, so a JSON-RPC client cannot put it in its context.
_STAGE_TOKEN = object()

FAX_GATEWAY_PARAM = "shaqra_complaints.fax_gateway_emails"
ACTIVITY_ANSWER = "shaqra_complaints.mail_activity_type_complaint_answer"
ACTIVITY_REMINDER = "shaqra_complaints.mail_activity_type_complaint_reminder"
ACTIVITY_ESCALATION = "shaqra_complaints.mail_activity_type_complaint_escalation"
ACTIVITY_FAX_REPLY = "shaqra_complaints.mail_activity_type_complaint_fax_reply"

KINDS = [
    ("complaint", "Complaint"),
    ("dispute", "Dispute"),
    ("support", "Support request"),
    ("inquiry", "Inquiry"),
    (ETHICS_KIND, ETHICS_KIND_LABEL),
]
# Support requests and inquiries take the short path, without the committee;
# so do ethics concerns, which management alone handles (policy E4).
SHORT_PATH_KINDS = ("support", "inquiry", ETHICS_KIND)
# Only a complaint or an ethics concern may be made without a name (D1, E4).
ANONYMOUS_KINDS = ("complaint", ETHICS_KIND)

CHANNELS = [
    ("website", "Website"),
    ("fax", "Fax"),
    ("email", "E-mail"),
    ("portal", "Portal"),
    ("meeting", "In person"),
    ("letter", "Letter"),
    ("whatsapp", "WhatsApp"),
    ("phone", "Phone"),
]

SLA_STATES = [
    ("on_track", "On track"),
    ("at_risk", "At risk"),
    ("breached", "Breached"),
]

OUTCOMES = [
    ("upheld", "Upheld"),
    ("partially_upheld", "Partially upheld"),
    ("rejected", "Rejected"),
    ("settled", "Settled amicably"),
    ("withdrawn", "Withdrawn"),
    ("referred", "Referred to a compensation claim"),
]

# The SLA seen by management, from the deadline mixin's state.
SLA_BY_DEADLINE_STATE = {
    "none": "on_track",
    "on_time": "on_track",
    "met": "on_track",
    "due_soon": "at_risk",
    "overdue": "breached",
    "breached": "breached",
}

SETTLEMENT_STATES = [
    ("proposed", "Proposed"),
    ("accepted", "Accepted"),
    ("refused", "Refused"),
]


class ShaqraComplaint(models.Model):
    """A complaint, dispute, support request or inquiry (policy D1-D3)."""

    _name = "shaqra.complaint"
    _description = "Complaint"
    _inherit = [
        "portal.mixin",
        "rating.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "shaqra.liaison.access.mixin",
        "shaqra.deadline.mixin",
        "shaqra.notice.mixin",
        "shaqra.evidence.mixin",
        "shaqra.ethics.concern.mixin",
    ]
    _order = "id desc"
    _check_company_auto = True
    _mail_post_access = "read"

    # The working-day clock (shaqra.deadline.mixin) runs from the receipt.
    _deadline_start_field = "date_received"
    _deadline_activity_answer = ACTIVITY_ANSWER
    _deadline_activity_reminder = ACTIVITY_REMINDER
    _deadline_activity_escalation = ACTIVITY_ESCALATION

    _evidence_fields = (
        *DEADLINE_EVIDENCE_FIELDS,
        "date_received",
        "date_acknowledged",
        "date_ack_due",
        "outcome",
        "outcome_reason",
        "decision_meeting_id",
        "decided_by_id",
        "decision_date",
        "settlement_state",
        "settlement_signature",
        "settlement_signed_by",
        "settlement_signed_on",
        "settlement_signed_ip",
        "settlement_signed_ua",
        "settlement_proposed_on",
        "claim_id",
    )

    @api.model
    def _default_stage_id(self):
        return self.env["shaqra.complaint.stage"]._by_key("received")

    name = fields.Char(
        string="Tracking Number", required=True, readonly=True, copy=False, default="/", index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    kind = fields.Selection(KINDS, required=True, default="complaint", tracking=True)
    channel = fields.Selection(
        CHANNELS, string="Intake Channel", required=True, default="meeting", tracking=True
    )
    date_received = fields.Datetime(
        string="Received On", required=True, default=fields.Datetime.now, readonly=True, copy=False
    )
    # The complainant
    is_anonymous = fields.Boolean(
        string="Anonymous",
        help="The complainant did not give a name (complaints only).",
    )
    beneficiary_id = fields.Many2one(
        "shaqra.beneficiary", tracking=True, index=True, ondelete="restrict", check_company=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Complainant Contact",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
    )
    complainant_name = fields.Char(tracking=True)
    complainant_mobile = fields.Char(tracking=True)
    complainant_email = fields.Char(tracking=True)
    # The subject
    description = fields.Text(required=True)
    service_type_id = fields.Many2one(
        "shaqra.service.type", string="Service", ondelete="restrict", check_company=True
    )
    request_id = fields.Many2one(
        "shaqra.request", string="Request Concerned", ondelete="restrict", check_company=True
    )
    employee_concerned_id = fields.Many2one(
        "hr.employee",
        string="Employee Concerned",
        ondelete="restrict",
        tracking=True,
        help="The complaint is about this employee: they never see it (policy D2).",
    )
    employee_concerned_user_id = fields.Many2one(
        related="employee_concerned_id.user_id", store=True, string="Employee Concerned User"
    )
    # Policy E4: the base's ethics-concern extension point reads the employee
    # concerned under its own names; here they are the complaint's fields.
    concerned_employee_id = fields.Many2one(
        related="employee_concerned_id", readonly=False, string="Employee Concerned (Ethics)"
    )
    concerned_user_id = fields.Many2one(related="employee_concerned_user_id", store=False)
    field_id = fields.Many2one(
        "shaqra.work.field",
        string="Field of Work",
        compute="_compute_field_id",
        store=True,
        readonly=False,
        index=True,
    )
    category_id = fields.Many2one(
        "shaqra.beneficiary.category",
        compute="_compute_category_id",
        store=True,
        readonly=False,
        index=True,
    )
    # The pipeline
    stage_id = fields.Many2one(
        "shaqra.complaint.stage",
        required=True,
        tracking=True,
        index=True,
        default=_default_stage_id,
        group_expand="_read_group_stage_ids",
        ondelete="restrict",
        copy=False,
    )
    stage_key = fields.Selection(related="stage_id.key", store=True)
    is_final = fields.Boolean(related="stage_id.is_final")
    committee_id = fields.Many2one(
        "shaqra.committee",
        compute="_compute_committee_id",
        store=True,
        readonly=False,
        tracking=True,
        check_company=True,
        domain=[("committee_type", "=", "follow_up")],
    )
    # The clock (acknowledgement, then answer)
    date_ack_due = fields.Date(string="Acknowledgement Due", copy=False, readonly=True)
    date_acknowledged = fields.Datetime(
        string="Acknowledged On", copy=False, readonly=True, tracking=True
    )
    sla_state = fields.Selection(
        SLA_STATES,
        string="SLA",
        compute="_compute_sla_state",
        search="_search_sla_state",
    )
    # The outcome (follow-up committee, D1)
    outcome = fields.Selection(OUTCOMES, copy=False, tracking=True)
    outcome_reason = fields.Text(copy=False)
    decision_meeting_id = fields.Many2one(
        "shaqra.committee.meeting", string="Decided in Meeting", copy=False, readonly=True
    )
    decided_by_id = fields.Many2one("res.users", string="Decided By", copy=False, readonly=True)
    claim_id = fields.Many2one(
        "shaqra.compensation.claim", string="Compensation Claim", copy=False, readonly=True
    )
    decision_date = fields.Datetime(copy=False, readonly=True)
    resolution = fields.Html(
        string="Answer", help="The answer given on a support request or an inquiry."
    )
    resume_stage_key = fields.Char(copy=False, readonly=True)
    settled_rate = fields.Float(
        string="Settlement Rate (%)",
        compute="_compute_settled_rate",
        store=True,
        aggregator="avg",
        help="100 for a complaint settled amicably, 0 for another decided one.",
    )
    # Amicable settlement (D3)
    settlement_terms = fields.Html(copy=False, tracking=True)
    settlement_state = fields.Selection(SETTLEMENT_STATES, copy=False, tracking=True)
    settlement_proposed_on = fields.Datetime(copy=False, readonly=True)
    settlement_signature = fields.Image(
        copy=False, attachment=True, max_width=1024, max_height=1024, readonly=True
    )
    settlement_signed_by = fields.Char(copy=False, readonly=True, tracking=True)
    settlement_signed_on = fields.Datetime(copy=False, readonly=True, tracking=True)
    settlement_signed_ip = fields.Char(copy=False, readonly=True)
    settlement_signed_ua = fields.Char(string="Signed from Device", copy=False, readonly=True)

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    @api.depends("beneficiary_id")
    def _compute_partner_id(self):
        for complaint in self:
            if complaint.beneficiary_id:
                complaint.partner_id = complaint.beneficiary_id.partner_id

    @api.depends("service_type_id", "request_id")
    def _compute_field_id(self):
        for complaint in self:
            field = complaint.service_type_id.field_id or complaint.request_id.field_id
            if field:
                complaint.field_id = field

    @api.depends("beneficiary_id")
    def _compute_category_id(self):
        for complaint in self:
            if complaint.beneficiary_id:
                complaint.category_id = complaint.beneficiary_id.category_id

    @api.depends("kind", "category_id", "field_id", "beneficiary_id", "employee_concerned_id")
    def _compute_liaison_officer_id(self):
        Assignment = self.env["shaqra.liaison.assignment"].sudo()
        for complaint in self:
            if complaint.kind == ETHICS_KIND:
                # Policy E4: management alone handles an ethics concern.
                complaint.liaison_officer_id = False
                continue
            assignment = Assignment._find(
                complaint.category_id, complaint.field_id, complaint.company_id
            )
            officer = (
                assignment.employee_id
                or complaint.beneficiary_id.liaison_officer_id
                or complaint.liaison_officer_id
            )
            if officer and officer == complaint.employee_concerned_id:
                # Policy D2: never handled by the employee it is about.
                officer = assignment.backup_employee_id - complaint.employee_concerned_id
            complaint.liaison_officer_id = officer

    @api.depends("kind", "company_id")
    def _compute_committee_id(self):
        for complaint in self:
            if complaint.committee_id or complaint.kind in SHORT_PATH_KINDS:
                continue
            complaint.committee_id = (
                self.env["shaqra.committee"]
                .sudo()
                .search(
                    [
                        ("committee_type", "=", "follow_up"),
                        ("company_id", "in", [complaint.company_id.id, False]),
                    ],
                    limit=1,
                )
                .id
            )

    @api.depends("deadline_state")
    def _compute_sla_state(self):
        for complaint in self:
            complaint.sla_state = SLA_BY_DEADLINE_STATE[complaint.deadline_state or "none"]

    @api.model
    def _search_sla_state(self, operator, value):
        """The SLA is the deadline mixin's state in three words: searched through it."""
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(self.env._("The SLA can only be searched for given values."))
        values = {value} if isinstance(value, str) else set(value or ())
        if operator in ("!=", "not in"):
            values = {key for key, _label in SLA_STATES} - values
        states = [state for state, sla in SLA_BY_DEADLINE_STATE.items() if sla in values]
        return [("deadline_state", "in", states)] if states else [(0, "=", 1)]

    @api.depends("outcome")
    def _compute_settled_rate(self):
        for complaint in self:
            complaint.settled_rate = 100.0 if complaint.outcome == "settled" else 0.0

    def _compute_access_url(self):
        super()._compute_access_url()
        for complaint in self:
            complaint.access_url = f"/my/complaints/{complaint.id}"

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.sudo().search([]).with_env(stages.env)

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "stage_id" in vals and not self.env.su:
                vals.pop("stage_id")
            if vals.get("name", "/") == "/":
                vals["name"] = self._next_tracking_number(vals.get("date_received"))
        complaints = super().create(vals_list)
        complaints._check_complainant()
        complaints._deadline_start()
        complaints._acknowledge()
        return complaints

    def write(self, vals):
        if (
            "stage_id" in vals
            and not self.env.su
            and self.env.context.get("shaqra_complaint_stage_move") is not _STAGE_TOKEN
        ):
            raise UserError(
                self.env._(
                    "A complaint moves from stage to stage only by its buttons (screening, "
                    "committee, settlement, resolution), so that every step leaves its trace."
                )
            )
        if "name" in vals and not self.env.su and any(c.name != vals["name"] for c in self):
            raise UserError(self.env._("The tracking number of a complaint never changes."))
        final = self.filtered("is_final")
        if final and not self.env.su and set(vals) - self._FINAL_WRITABLE:
            raise UserError(
                self.env._(
                    "Complaint %(complaint)s is closed: it can no longer be changed.",
                    complaint=final[0].name,
                )
            )
        result = super().write(vals)
        if {"is_anonymous", "kind", "complainant_name", "complainant_email"} & set(vals):
            self._check_complainant()
        return result

    # What may still change on a closed complaint (mail bookkeeping, rating).
    _FINAL_WRITABLE = frozenset(
        {
            "activity_ids",
            "message_follower_ids",
            "message_main_attachment_id",
            "rating_ids",
            "access_token",
        }
    )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        # Policy D1: the register of tracking numbers has no gaps.
        if not self.env.su:
            raise UserError(
                self.env._(
                    "A complaint is never deleted: cancel it instead (its tracking number "
                    "stays in the register)."
                )
            )

    def _check_complainant(self):
        for complaint in self:
            if complaint.is_anonymous and complaint.kind not in ANONYMOUS_KINDS:
                raise ValidationError(
                    self.env._(
                        "Only a complaint may be made anonymously: a support request, an "
                        "inquiry or a dispute needs the name of the person to answer."
                    )
                )
            if not complaint.is_anonymous and not (
                complaint.beneficiary_id
                or complaint.partner_id
                or (complaint.complainant_name or "").strip()
                or (complaint.complainant_email or "").strip()
                or (complaint.complainant_mobile or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Give the complainant's name, mobile or e-mail (or mark the complaint "
                        "anonymous)."
                    )
                )

    @api.model
    def _next_tracking_number(self, date=None):
        """The next gap-free tracking number of the year (e.g. SHK-2026-00001).

        The sequence is ``no_gap`` with one date range per year, so the
        numbers of a year follow each other without holes and restart at 1
        on the first complaint of the next year (policy D1: the register).
        """
        moment = fields.Datetime.to_datetime(date) or fields.Datetime.now()
        tz = self.env.company._shaqra_service_calendar().tz or "Asia/Riyadh"
        day = fields.Datetime.context_timestamp(self.with_context(tz=tz), moment).date()
        return (
            self.env["ir.sequence"]
            .sudo()
            .with_context(ir_sequence_date=day)
            .next_by_code("shaqra.complaint")
            or "/"
        )

    # ------------------------------------------------------------
    # STAGES
    # ------------------------------------------------------------

    def _stage(self, key):
        return self.env["shaqra.complaint.stage"]._by_key(key)

    def _move_to(self, key):
        stage = self._stage(key)
        self.with_context(shaqra_complaint_stage_move=_STAGE_TOKEN).write({"stage_id": stage.id})
        if stage.pauses_clock:
            self._deadline_pause()
        else:
            self.filtered("date_paused")._deadline_resume()
        if stage.is_resolved:
            self.filtered(lambda c: not c.date_answered)._deadline_stop()

    def _check_stage(self, keys, action):
        wrong = self.filtered(lambda c: c.stage_key not in keys)
        if wrong:
            raise UserError(
                self.env._(
                    "%(action)s is not possible for complaint %(complaint)s in stage %(stage)s.",
                    action=action,
                    complaint=wrong[0].name,
                    stage=wrong[0].stage_id.name,
                )
            )

    def action_screen(self):
        """Start screening a received complaint."""
        self._check_stage(("received",), self.env._("Screening"))
        self._move_to("screening")
        return True

    def action_wait_complainant(self):
        """Ask the complainant for more: the clock is paused meanwhile."""
        self._check_stage(("received", "screening", "follow_up"), self.env._("Waiting"))
        for complaint in self:
            complaint.resume_stage_key = complaint.stage_key
        self._move_to("waiting")
        return True

    def action_resume(self):
        """The complainant answered: the clock runs again where it stopped."""
        self._check_stage(("waiting",), self.env._("Resuming"))
        for complaint in self:
            complaint._move_to(complaint.resume_stage_key or "screening")
        return True

    def action_send_to_committee(self):
        """Policy D1: complaints and disputes go to the follow-up committee."""
        self._check_stage(("received", "screening"), self.env._("Sending to the committee"))
        for complaint in self:
            if complaint.kind in SHORT_PATH_KINDS:
                raise UserError(
                    self.env._(
                        "%(complaint)s is answered directly, without the committee (support "
                        "requests, inquiries and ethics concerns).",
                        complaint=complaint.name,
                    )
                )
            if not complaint.committee_id:
                raise UserError(
                    self.env._(
                        "Choose the follow-up committee of complaint %(complaint)s first.",
                        complaint=complaint.name,
                    )
                )
        self._move_to("follow_up")
        return True

    def action_resolve(self):
        """Answer a support request or an inquiry directly (the short path)."""
        self._check_stage(("received", "screening"), self.env._("Resolving"))
        for complaint in self:
            if complaint.kind not in SHORT_PATH_KINDS:
                raise UserError(
                    self.env._(
                        "Complaint %(complaint)s is decided by the follow-up committee "
                        "(policy D1), not resolved directly.",
                        complaint=complaint.name,
                    )
                )
            if is_html_empty(complaint.resolution):
                raise UserError(
                    self.env._(
                        "Write the answer given to the complainant of %(complaint)s first.",
                        complaint=complaint.name,
                    )
                )
        self._move_to("resolved")
        for complaint in self:
            complaint._complaint_notify(
                "decision",
                self.env._("Answer to %(complaint)s", complaint=complaint.name),
                complaint.resolution,
            )
        return True

    def action_close(self):
        self._check_stage(("resolved",), self.env._("Closing"))
        self._move_to("closed")
        self._send_rating_request()
        return True

    def _send_rating_request(self):
        """G1: the complainant rates the handling of a closed complaint by e-mail."""
        template = self.env.ref(
            "shaqra_complaints.mail_template_complaint_rating", raise_if_not_found=False
        )
        for complaint in self.filtered(
            lambda c: not c.is_anonymous and c._rating_get_partner().email
        ):
            complaint.sudo().rating_send_request(template, force_send=False)

    def action_cancel(self):
        if not self.env.su and not self.env.user.has_group("shaqra_beneficiary.group_manager"):
            raise AccessError(
                self.env._("Only a manager cancels a complaint: its number stays in the register.")
            )
        finals = self.filtered("is_final")
        if finals:
            raise UserError(
                self.env._("Complaint %(complaint)s is already closed.", complaint=finals[0].name)
            )
        self._move_to("cancelled")
        self.activity_unlink([ACTIVITY_ANSWER, ACTIVITY_REMINDER, ACTIVITY_ESCALATION])
        return True

    # ------------------------------------------------------------
    # SLA: working-day clock (shaqra.deadline.mixin names)
    # ------------------------------------------------------------

    def _sla_rule(self):
        self.ensure_one()
        return self.env["shaqra.complaint.sla"].sudo()._for_kind(self.kind, self.company_id)

    def _deadline_working_days(self):
        self.ensure_one()
        return self._sla_rule().answer_days or 15

    def _deadline_reminder_date(self, deadline, start_day):
        """At risk N working days before the deadline, N per kind (the targets)."""
        self.ensure_one()
        days = self._sla_rule().reminder_days
        if not days or not deadline:
            return False
        reminder = self._deadline_calendar().shaqra_working_days_before(deadline, days)
        return reminder if reminder and reminder > start_day else False

    def _deadline_responsible_user(self):
        self.ensure_one()
        user = self.liaison_user_id
        if not user or user == self.employee_concerned_user_id:
            user = self._deadline_escalation_user()
        return user

    def _deadline_escalation_user(self):
        """Management is alerted; never the employee the complaint is about (D2)."""
        self.ensure_one()
        user = super()._deadline_escalation_user()
        if user and user == self.employee_concerned_user_id:
            user = (
                self.env.ref("shaqra_beneficiary.group_manager")
                .sudo()
                .users.filtered(lambda u: u.active and not u.share and u.id != 1 and u != user)
                .sorted("id")[:1]
            )
        return user

    @api.model
    def _deadline_open_domain(self):
        return [("stage_id.is_final", "=", False)]

    def _deadline_start(self):
        """The clock starts at the receipt; the acknowledgement is due first."""
        super()._deadline_start()
        for complaint in self:
            start_day = complaint._deadline_local_date(complaint.date_received)
            complaint._evidence_write(
                {
                    "date_ack_due": complaint._deadline_calendar().shaqra_add_working_days(
                        start_day, complaint._sla_rule().acknowledge_days or 1
                    )
                }
            )

    def _deadline_summary(self, kind, user=None):
        self.ensure_one()
        if kind == "answer":
            return self.env._(
                "Answer complaint %(complaint)s before its deadline", complaint=self.name
            )
        if kind == "reminder":
            return self.env._(
                "Reminder: the answer to %(complaint)s is due on %(date)s",
                complaint=self.name,
                date=self.date_deadline,
            )
        if kind in ("escalation", "overdue_note"):
            return self.env._(
                "Complaint %(complaint)s passed its answer deadline of %(date)s",
                complaint=self.name,
                date=self.date_deadline,
            )
        return self.env._("The complaint was answered.")

    # ------------------------------------------------------------
    # NOTICES (shaqra.notice.mixin, INTERFACES.md section 2)
    # ------------------------------------------------------------

    def _shaqra_notice_recipient(self):
        """The complainant: the beneficiary on their agreed channel, else the
        contact or the name/e-mail/mobile given, on the channel the complaint
        came by (a fax is answered by fax)."""
        self.ensure_one()
        complaint = self.sudo()
        beneficiary = complaint.beneficiary_id
        partner = complaint.partner_id or beneficiary.partner_id
        email = complaint.complainant_email or partner.email or ""
        mobile = (
            complaint.complainant_mobile
            or beneficiary.whatsapp_number
            or partner.mobile
            or partner.phone
            or ""
        )
        if beneficiary:
            channel = beneficiary.preferred_channel
        elif complaint.channel == "fax":
            channel = "fax"
        elif complaint.channel == "portal" and partner.user_ids:
            channel = "portal"
        elif complaint.channel in ("letter", "whatsapp"):
            channel = complaint.channel
        elif email:
            channel = "email"
        elif mobile:
            channel = "whatsapp"
        else:
            channel = "letter"
        if beneficiary and beneficiary.liaison_user_id == complaint.employee_concerned_user_id:
            # Policy D2: the notice is not routed to the officer it is about.
            beneficiary = self.env["shaqra.beneficiary"]
        return {
            "partner": partner,
            "beneficiary": beneficiary,
            "channel": channel,
            "name": complaint.complainant_name or partner.name or "",
            "email": email,
            "mobile": mobile,
        }

    def _shaqra_notice_responsible_user(self):
        """Who delivers a notice that a person must deliver (fax, letter, ...)."""
        self.ensure_one()
        return self._deadline_responsible_user()

    def _complaint_notify(self, kind, subject, body):
        """Tell the complainant over their channel (a logged notice, delivered at
        once by e-mail or on the portal, else pending with an activity); an
        anonymous complainant without contact details is told through the
        status page only. Returns the notices."""
        self.ensure_one()
        if self.is_anonymous and not (self.complainant_email or self.complainant_mobile):
            return self.env["shaqra.notification"]
        return self._shaqra_notify(kind, subject, body)

    def _acknowledge(self):
        """Policy D2: the complainant gets the tracking number at once."""
        for complaint in self:
            body = Markup("<p>%s</p>") % self.env._(
                "We received your %(kind)s and registered it under number %(number)s. "
                "We will answer by %(date)s at the latest.",
                kind=dict(self._fields["kind"]._description_selection(self.env))[complaint.kind],
                number=complaint.name,
                date=complaint.date_deadline,
            )
            complaint._complaint_notify(
                "acknowledgement",
                self.env._("We received %(complaint)s", complaint=complaint.name),
                body,
            )

    def _shaqra_notice_delivered(self, notice):
        """The acknowledgement is given when its notice is delivered (any channel)."""
        super()._shaqra_notice_delivered(notice)
        if notice.kind == "acknowledgement" and not self.date_acknowledged:
            self.sudo()._evidence_write(
                {"date_acknowledged": notice.date or fields.Datetime.now()}
            )
            self.sudo().activity_feedback(
                [ACTIVITY_FAX_REPLY],
                feedback=self.env._("Acknowledgement given."),
            )

    # ------------------------------------------------------------
    # MAIL GATEWAY (e-mail and fax-to-e-mail intake)
    # ------------------------------------------------------------

    @api.model
    def _fax_gateway_emails(self):
        value = self.env["ir.config_parameter"].sudo().get_param(FAX_GATEWAY_PARAM) or ""
        return {
            email_normalize(part) for part in value.replace(";", ",").split(",") if part.strip()
        } - {False}

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A complaint by e-mail (or by fax through a fax-to-e-mail gateway).

        Never refused for an unknown sender and never creates a contact: an
        existing contact is linked only when its e-mail matches exactly.
        """
        email_from = msg_dict.get("email_from") or ""
        name, normalized = parse_contact_from_email(email_from)
        normalized = email_normalize(normalized) or ""
        is_fax = normalized and normalized in self._fax_gateway_emails()
        body = html2plaintext(msg_dict.get("body") or "").strip()
        subject = (msg_dict.get("subject") or "").strip()
        values = dict(custom_values or {})
        values.update(
            {
                "name": "/",
                "kind": values.get("kind") or "complaint",
                "channel": "fax" if is_fax else "email",
                "description": body or subject or self.env._("(no text: see the attachments)"),
            }
        )
        if is_fax:
            values["complainant_name"] = subject or self.env._("Fax complainant")
        else:
            partner = (
                self.env["res.partner"]
                .sudo()
                .search([("email_normalized", "=", normalized)], limit=1)
                if normalized
                else self.env["res.partner"]
            )
            beneficiary = (
                self.env["shaqra.beneficiary"]
                .sudo()
                .search([("partner_id", "=", partner.id)], limit=1)
                if partner
                else self.env["shaqra.beneficiary"]
            )
            values.update(
                complainant_email=normalized or email_from,
                complainant_name=name or partner.name or normalized,
                partner_id=partner.id or False,
                beneficiary_id=beneficiary.id or False,
            )
        complaint = self.create(values)
        if is_fax:
            user = complaint._deadline_responsible_user()
            if user:
                complaint.activity_schedule(
                    ACTIVITY_FAX_REPLY,
                    date_deadline=complaint.date_ack_due,
                    summary=self.env._(
                        "Reply by fax to %(complaint)s (acknowledgement with its number)",
                        complaint=complaint.name,
                    ),
                    user_id=user.id,
                )
        return complaint

    def _message_get_suggested_recipients(self):
        recipients = super()._message_get_suggested_recipients()
        if self.complainant_email and not self.partner_id and not self.is_anonymous:
            recipients.append(
                {
                    "email": self.complainant_email,
                    "name": self.complainant_name,
                    "reason": self.env._("Complainant"),
                }
            )
        return recipients

    # ------------------------------------------------------------
    # SETTLEMENT (D3)
    # ------------------------------------------------------------

    def _propose_settlement(self, terms, meeting=None):
        """The committee proposes amicable terms; the complainant signs or refuses."""
        for complaint in self:
            complaint.with_context(shaqra_complaint_stage_move=_STAGE_TOKEN).write(
                {"settlement_terms": terms, "stage_id": self._stage("settlement").id}
            )
            complaint._evidence_write(
                {
                    "settlement_state": "proposed",
                    "settlement_proposed_on": fields.Datetime.now(),
                    "settlement_signature": False,
                    "settlement_signed_by": False,
                    "settlement_signed_on": False,
                    "settlement_signed_ip": False,
                    "settlement_signed_ua": False,
                }
            )
            complaint._complaint_notify(
                "settlement",
                self.env._("Settlement proposal for %(complaint)s", complaint=complaint.name),
                Markup("<p>%s</p>%s")
                % (
                    self.env._(
                        "The follow-up committee proposes the following settlement. You may "
                        "accept it by signing it (on the portal, by the link of your "
                        "complaint, or at the association) or refuse it."
                    ),
                    terms or "",
                ),
            )

    def _check_settlement_open(self):
        self.ensure_one()
        if self.settlement_state != "proposed" or not self.stage_id.is_settlement:
            raise UserError(
                self.env._(
                    "There is no settlement proposal waiting for the complainant on %(complaint)s.",
                    complaint=self.name,
                )
            )

    def _settlement_sign(self, signature, name, ip=None, ua=None):
        """Policy D3: the settlement is accepted only by the complainant's signature.

        Called by the portal/public status page (with the complainant's IP
        address and browser) and by the "signed at reception" wizard.
        """
        self.ensure_one()
        self._check_settlement_open()
        name = (name or "").strip()
        if not name:
            raise UserError(self.env._("Write the name of the person who signs the settlement."))
        check_signature_image(self.env, signature)
        now = fields.Datetime.now()
        self._evidence_write(
            {
                "settlement_signature": signature,
                "settlement_signed_by": name,
                "settlement_signed_on": now,
                "settlement_signed_ip": (ip or "")[:64] or False,
                "settlement_signed_ua": (ua or "")[:512] or False,
                "settlement_state": "accepted",
                "outcome": "settled",
            }
        )
        self._move_to("resolved")
        self._attach_settlement_pdf()
        self.message_post(
            body=self.env._(
                "%(person)s signed the settlement of %(complaint)s: it is accepted.",
                person=name,
                complaint=self.name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return True

    def _settlement_refuse(self, reason=None):
        """The complainant refuses: the complaint goes back to the committee."""
        self.ensure_one()
        self._check_settlement_open()
        self._evidence_write({"settlement_state": "refused"})
        self._move_to("follow_up")
        self.message_post(
            body=self.env._(
                "The complainant refused the settlement of %(complaint)s: back to the "
                "follow-up committee. %(reason)s",
                complaint=self.name,
                reason=reason or "",
            ),
            subtype_xmlid="mail.mt_note",
        )
        return True

    def action_refuse_settlement(self):
        for complaint in self:
            complaint._settlement_refuse()
        return True

    def action_open_settlement_sign(self):
        self.ensure_one()
        self._check_settlement_open()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Settlement signed at reception"),
            "res_model": "shaqra.complaint.settlement.sign",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_complaint_id": self.id,
                "default_signed_by": self.complainant_name or self.partner_id.name,
            },
        }

    def _attach_settlement_pdf(self):
        self.ensure_one()
        report = self.env.ref("shaqra_complaints.shaqra_complaint_settlement_report")
        pdf, _type = report.sudo()._render_qweb_pdf(report.report_name, self.ids)
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": self.env._("Settlement %(complaint)s.pdf", complaint=self.name),
                    "raw": pdf,
                    "mimetype": "application/pdf",
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        )
        self.message_post(
            body=self.env._("The signed settlement is attached."),
            attachment_ids=attachment.ids,
            subtype_xmlid="mail.mt_note",
        )
        return attachment

    def _settlement_dates(self):
        self.ensure_one()
        day = fields.Datetime.context_timestamp(
            self.with_context(tz=self._deadline_calendar().tz or "Asia/Riyadh"),
            self.settlement_signed_on or fields.Datetime.now(),
        )
        return {"hijri": format_hijri(day, "ar"), "gregorian": format_gregorian(day, "ar")}

    # ------------------------------------------------------------
    # COMMITTEE OUTCOME (D1)
    # ------------------------------------------------------------

    def _open_compensation_claim(self, line):
        """The committee referred the complaint to a compensation claim: a draft claim."""
        self.ensure_one()
        if self.claim_id:
            return self.claim_id
        claim = (
            self.env["shaqra.compensation.claim"]
            .sudo()
            .create(
                {
                    "complaint_id": self.id,
                    "company_id": self.company_id.id,
                    "beneficiary_id": self.beneficiary_id.id,
                    "harm_description": self.description,
                    "user_id": (self.officer_user_ids[:1] or self.env.user).id,
                }
            )
        )
        self._evidence_write({"claim_id": claim.id})
        self.message_post(
            body=self.env._(
                "Referred to compensation claim %(claim)s by meeting %(meeting)s.",
                claim=claim.name,
                meeting=line.meeting_id.name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return claim

    def _apply_committee_outcome(self, line):
        """Apply the decision of an approved meeting's minutes on this complaint."""
        self.ensure_one()
        self._evidence_write(
            {
                "decision_meeting_id": line.meeting_id.id,
                "decided_by_id": line.decided_by_id.id,
                "decision_date": line.decision_date,
                "outcome_reason": line.reason,
            }
        )
        if line.outcome == "settled":
            self._propose_settlement(line.settlement_terms, line.meeting_id)
            return
        self._evidence_write({"outcome": line.outcome})
        self._move_to("resolved")
        if line.outcome == "referred":
            self._open_compensation_claim(line)
        outcome_label = dict(self._fields["outcome"]._description_selection(self.env))[
            line.outcome
        ]
        self._complaint_notify(
            "decision",
            self.env._("Decision on %(complaint)s", complaint=self.name),
            Markup("<p>%s</p><p>%s</p>")
            % (
                self.env._(
                    "The follow-up committee decided on your %(complaint)s: %(outcome)s.",
                    complaint=self.name,
                    outcome=outcome_label,
                ),
                line.reason or "",
            ),
        )

    # ------------------------------------------------------------
    # MANAGEMENT
    # ------------------------------------------------------------

    @api.model
    def _cron_weekly_digest(self):
        """G5: a weekly digest of the complaints to management."""
        template = self.env.ref("shaqra_complaints.mail_template_complaint_digest")
        managers = (
            self.env.ref("shaqra_beneficiary.group_manager")
            .sudo()
            .users.filtered(lambda u: u.active and not u.share and u.email and u.id != 1)
        )
        if not managers:
            return False
        template.sudo().send_mail(
            self.env.company.id,
            email_values={"email_to": ",".join(managers.mapped("email_formatted"))},
        )
        return True

    @api.model
    def _digest_values(self):
        """Figures of the weekly digest (the open complaints and the last 7 days)."""
        Complaint = self.sudo()
        since = fields.Datetime.subtract(fields.Datetime.now(), days=7)
        open_domain = [("stage_id.is_final", "=", False), ("date_answered", "=", False)]
        answered = Complaint.search([("date_answered", ">=", since)])
        settled = answered.filtered(lambda c: c.outcome == "settled")
        decided = answered.filtered("outcome")
        return {
            "received": Complaint.search_count([("date_received", ">=", since)]),
            "open": Complaint.search_count(open_domain),
            "at_risk": Complaint.search_count([*open_domain, ("sla_state", "=", "at_risk")]),
            "breached": Complaint.search_count([*open_domain, ("sla_state", "=", "breached")]),
            "answered": len(answered),
            "avg_days": round(sum(answered.mapped("working_days_taken")) / len(answered), 1)
            if answered
            else 0,
            "settlement_rate": round(100 * len(settled) / len(decided)) if decided else 0,
        }
