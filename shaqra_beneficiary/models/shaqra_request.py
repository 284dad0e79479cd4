from num2words import num2words

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.hijri import format_gregorian, format_hijri
from .shaqra_beneficiary import CHANNELS

# Stages a request may reach only when it is complete and signed (C3, C4).
COMPLETE_STAGE_KEYS = ("awaiting_committee", "committee_review", "decided", "notified", "closed")

DECISIONS = [
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("more_info", "More information needed"),
]


class ShaqraRequest(models.Model):
    """A beneficiary's request for a service (policy C2-C6).

    It is received complete (every mandatory requirement verified) and
    signed by the beneficiary before it goes to the committee; the moment
    it becomes complete starts the 15-working-day clock of C6.
    """

    _name = "shaqra.request"
    _description = "Service Request"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    @api.model
    def _default_stage_id(self):
        return self.env["shaqra.request.stage"].search([("key", "=", "received")], limit=1)

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/", index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    beneficiary_id = fields.Many2one(
        "shaqra.beneficiary",
        required=True,
        tracking=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    partner_id = fields.Many2one(related="beneficiary_id.partner_id", store=True)
    service_type_id = fields.Many2one(
        "shaqra.service.type",
        required=True,
        tracking=True,
        ondelete="restrict",
        check_company=True,
    )
    field_id = fields.Many2one(related="service_type_id.field_id", store=True)
    category_id = fields.Many2one(related="beneficiary_id.category_id", store=True)
    channel = fields.Selection(
        CHANNELS, string="Intake Channel", required=True, default="meeting", tracking=True
    )
    description = fields.Text()
    stage_id = fields.Many2one(
        "shaqra.request.stage",
        required=True,
        tracking=True,
        index=True,
        default=_default_stage_id,
        group_expand="_read_group_stage_ids",
        ondelete="restrict",
    )
    stage_key = fields.Selection(related="stage_id.key", store=True)
    liaison_officer_id = fields.Many2one(
        "hr.employee",
        string="Liaison Officer",
        compute="_compute_liaison_officer_id",
        store=True,
        readonly=False,
        tracking=True,
        check_company=True,
    )
    liaison_user_id = fields.Many2one(related="liaison_officer_id.user_id", store=True)
    requirement_line_ids = fields.One2many(
        "shaqra.request.requirement", "request_id", string="Requirements", copy=False
    )
    signature = fields.Image(
        copy=False,
        attachment=True,
        max_width=1024,
        max_height=1024,
        help="The beneficiary's signature that the data is correct (policy C4).",
    )
    signed_by = fields.Char(copy=False, help="Name of the person who signed.")
    signed_on = fields.Datetime(copy=False, readonly=True)
    date_complete = fields.Datetime(
        string="Completed On", copy=False, readonly=True, tracking=True
    )
    date_deadline = fields.Date(
        string="Answer Due", copy=False, readonly=True, tracking=True, index=True
    )
    is_overdue = fields.Boolean(copy=False, readonly=True, index=True)
    committee_id = fields.Many2one(
        "shaqra.committee",
        compute="_compute_committee_id",
        store=True,
        readonly=False,
        tracking=True,
        check_company=True,
    )
    decision = fields.Selection(DECISIONS, copy=False, tracking=True)
    decision_reason = fields.Text(copy=False)
    currency_id = fields.Many2one(related="company_id.currency_id")
    approved_amount = fields.Monetary(copy=False, tracking=True)
    notification_ids = fields.One2many(
        "shaqra.notification", "request_id", string="Notices", copy=False
    )

    @api.depends("beneficiary_id", "service_type_id")
    def _compute_liaison_officer_id(self):
        Assignment = self.env["shaqra.liaison.assignment"].sudo()
        for request in self:
            assignment = Assignment._find(
                request.beneficiary_id.category_id,
                request.service_type_id.field_id,
                request.company_id,
            )
            request.liaison_officer_id = (
                assignment.employee_id
                or request.beneficiary_id.liaison_officer_id
                or request.liaison_officer_id
            )

    @api.depends("service_type_id")
    def _compute_committee_id(self):
        for request in self:
            request.committee_id = request.service_type_id.committee_id or request.committee_id

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([])

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("shaqra.request") or "/"
        requests = super().create(vals_list)
        requests.filtered(lambda r: not r.requirement_line_ids)._create_requirement_lines()
        return requests

    def write(self, vals):
        if "stage_id" in vals:
            stage = self.env["shaqra.request.stage"].browse(vals["stage_id"])
            if stage.key in COMPLETE_STAGE_KEYS:
                self._check_complete()
        result = super().write(vals)
        if "stage_id" in vals:
            self.filtered(
                lambda r: r.stage_key in COMPLETE_STAGE_KEYS and not r.date_complete
            )._mark_complete()
        return result

    def _create_requirement_lines(self):
        """Copy the service type's checklist onto the request (policy C2)."""
        self.env["shaqra.request.requirement"].create(
            [
                {"request_id": request.id, "requirement_id": requirement.id}
                for request in self
                for requirement in request.service_type_id.requirement_ids
            ]
        )

    def _check_complete(self):
        """Policy C3, C4: all mandatory items verified, and signed."""
        for request in self:
            missing = request.requirement_line_ids.filtered(
                lambda line: line.is_mandatory and not line.is_verified
            )
            if missing:
                raise UserError(
                    self.env._(
                        "Request %(request)s is not complete: these mandatory requirements "
                        "are not verified yet: %(items)s.",
                        request=request.name,
                        items=", ".join(missing.mapped("name")),
                    )
                )
            if not request.signature:
                raise UserError(
                    self.env._(
                        "Request %(request)s has not been signed by the beneficiary: the "
                        "beneficiary must sign that the data is correct before it goes "
                        "to the committee.",
                        request=request.name,
                    )
                )

    def _mark_complete(self):
        """Policy C6: completion starts the clock; the deadline is fixed now."""
        now = fields.Datetime.now()
        for request in self:
            complete_day = fields.Datetime.context_timestamp(request, now).date()
            request.write(
                {
                    "date_complete": now,
                    "date_deadline": request.company_id.shaqra_deadline_for(
                        complete_day, request.service_type_id.response_days
                    ),
                }
            )
        self._shaqra_notify_automatically("completion")

    def _compute_access_url(self):  # pylint: disable=missing-return
        super()._compute_access_url()
        for request in self:
            request.access_url = f"/my/requests/{request.id}"

    # --- Committee decisions and notices (policy C5, C8, A, E3) ---------------
    decision_meeting_id = fields.Many2one(
        "shaqra.committee.meeting", string="Decided In", readonly=True, copy=False, tracking=True
    )
    decided_by_id = fields.Many2one("res.users", string="Decided By", readonly=True, copy=False)
    decision_date = fields.Datetime(readonly=True, copy=False)
    committee_decision_ids = fields.One2many(
        "shaqra.committee.decision", "request_id", string="Committee Decisions", readonly=True
    )
    notification_count = fields.Integer(compute="_compute_notification_count")
    date_deadline_hijri = fields.Char(string="Answer Due (Hijri)", compute="_compute_letter_texts")
    approved_amount_words = fields.Char(
        string="Approved Amount in Words", compute="_compute_letter_texts"
    )

    @api.depends("date_deadline", "approved_amount", "currency_id")
    def _compute_letter_texts(self):
        for request in self:
            request.date_deadline_hijri = format_hijri(request.date_deadline, "ar") or False
            request.approved_amount_words = (
                request._amount_in_words() if request.approved_amount else False
            )

    def _compute_notification_count(self):
        counts = dict(
            self.env["shaqra.notification"]._read_group(
                [("request_id", "in", self.ids)], ["request_id"], ["__count"]
            )
        )
        for request in self:
            request.notification_count = counts.get(request, 0)

    def action_notify_beneficiary(self):
        """Open the notice wizard on the beneficiary's agreed channel (C5, A).

        Contract button: the wizard is pre-filled with the preferred channel
        and an Arabic subject and body fitting the request's stage; sending
        logs a ``shaqra.notification`` with its proof.
        """
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Notify Beneficiary"),
            "res_model": "shaqra.notification.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_request_id": self.id},
        }

    def action_view_notifications(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "shaqra_beneficiary.shaqra_notification_action"
        )
        action["domain"] = [("request_id", "=", self.id)]
        action["context"] = {"default_request_id": self.id}
        return action

    def action_print_decision_letter(self):
        self.ensure_one()
        if self.stage_key not in ("decided", "notified", "closed") or not self.decision:
            raise UserError(self.env._("The request has no committee decision yet."))
        return self.env.ref(
            "shaqra_beneficiary.shaqra_request_decision_letter_report"
        ).report_action(self)

    def _shaqra_notice_kind(self):
        """Which notice fits the request now: its decision, or its completion."""
        self.ensure_one()
        if self.stage_key in ("decided", "notified", "closed") or (
            self.decision == "more_info" and self.stage_key == "completeness"
        ):
            return "decision"
        if self.stage_key in ("awaiting_committee", "committee_review"):
            return "completion"
        return "other"

    def _shaqra_notice_content(self, kind):
        """Subject and body of a notice, rendered from its Arabic mail template."""
        self.ensure_one()
        template = self.env.ref(
            f"shaqra_beneficiary.shaqra_request_mail_template_{kind}", raise_if_not_found=False
        )
        if not template:
            template = self.env.ref("shaqra_beneficiary.shaqra_request_mail_template_other")
        template = template.sudo()
        return {
            "subject": template._render_field("subject", self.ids, compute_lang=True)[self.id],
            "body": template._render_field("body_html", self.ids, compute_lang=True)[self.id],
        }

    def _shaqra_notify_automatically(self, kind):
        """Notify the beneficiary without user input where the channel allows.

        Policy C5: at completion the beneficiary is told the request goes to
        the committee and when the answer is due; at the decision, the
        decision (E3). E-mail and portal notices are sent at once; the
        channels that need a person (letter, fax, WhatsApp, meeting,
        volunteer) get a pending notice and an activity for the liaison
        officer. An e-mail notice to a beneficiary without an address waits
        the same way.
        """
        Notification = self.env["shaqra.notification"].sudo()
        for request in self:
            channel = request.beneficiary_id.preferred_channel
            notice = Notification.create(
                {
                    "request_id": request.id,
                    "channel": channel,
                    "kind": kind,
                    "company_id": request.company_id.id,
                    "author_id": self.env.uid,
                    **request._shaqra_notice_content(kind),
                }
            )
            if channel == "portal" or (channel == "email" and request.partner_id.email):
                notice._deliver()
            else:
                notice._schedule_delivery_activity()

    def _amount_in_words(self, amount=None):
        """The amount in Arabic words for letters (E3), e.g. 1500 SAR:
        "ألف و خمسمائة ريال سعودي" (num2words' spelling)."""
        self.ensure_one()
        amount = self.approved_amount if amount is None else amount
        currency = self.currency_id
        units = int(amount)
        cents = round((amount - units) * 100)
        unit_label = "ريال سعودي" if currency.name == "SAR" else currency.currency_unit_label
        words = f"{num2words(units, lang='ar')} {unit_label or currency.name}"
        if cents:
            cent_label = "هللة" if currency.name == "SAR" else currency.currency_subunit_label
            words += f" و{num2words(cents, lang='ar')} {cent_label or ''}".rstrip()
        return words

    def _letter_dates(self, value=None):
        """Hijri and Gregorian dates of ``value`` (default today) for letters."""
        day = value or fields.Date.context_today(self)
        return {"hijri": format_hijri(day, "ar"), "gregorian": format_gregorian(day, "ar")}
