from odoo import api, fields, models

KINDS = [
    ("complaint", "Complaint"),
    ("dispute", "Dispute"),
    ("support", "Support request"),
    ("inquiry", "Inquiry"),
]
# Support requests and inquiries take the short path, without the committee.
SHORT_PATH_KINDS = ("support", "inquiry")
# Only a complaint may be made without a name (policy D1).
ANONYMOUS_KINDS = ("complaint",)

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

SETTLEMENT_STATES = [
    ("proposed", "Proposed"),
    ("accepted", "Accepted"),
    ("refused", "Refused"),
]

# Working-day deadline (shaqra.deadline.mixin names, INTERFACES.md section 1).
DEADLINE_FIELDS = (
    "date_deadline",
    "date_reminder",
    "is_overdue",
    "is_escalated",
    "date_answered",
    "working_days_taken",
    "deadline_met",
    "date_paused",
    "paused_working_days",
)


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
        "shaqra.evidence.mixin",
    ]
    _order = "id desc"
    _check_company_auto = True
    _mail_post_access = "read"

    _evidence_fields = (
        *DEADLINE_FIELDS,
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
    date_deadline = fields.Date(
        string="Answer Due", copy=False, readonly=True, tracking=True, index=True
    )
    date_reminder = fields.Date(string="Reminder On", copy=False, readonly=True)
    is_overdue = fields.Boolean(string="Overdue", copy=False, readonly=True, index=True)
    is_escalated = fields.Boolean(string="Escalated to Management", copy=False, readonly=True)
    date_answered = fields.Datetime(string="Answered On", copy=False, readonly=True)
    working_days_taken = fields.Integer(copy=False, readonly=True, aggregator="avg")
    deadline_met = fields.Boolean(string="Answered on Time", copy=False, readonly=True)
    date_paused = fields.Datetime(string="Clock Paused Since", copy=False, readonly=True)
    paused_working_days = fields.Integer(string="Working Days Paused", copy=False, readonly=True)
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
    decision_date = fields.Datetime(copy=False, readonly=True)
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

    @api.depends("category_id", "field_id", "beneficiary_id")
    def _compute_liaison_officer_id(self):
        Assignment = self.env["shaqra.liaison.assignment"].sudo()
        for complaint in self:
            assignment = Assignment._find(
                complaint.category_id, complaint.field_id, complaint.company_id
            )
            complaint.liaison_officer_id = (
                assignment.employee_id
                or complaint.beneficiary_id.liaison_officer_id
                or complaint.liaison_officer_id
            )

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

    @api.depends("date_deadline", "date_answered", "deadline_met", "is_overdue", "date_reminder")
    @api.depends_context("tz")
    def _compute_sla_state(self):
        today = fields.Date.context_today(self)
        for complaint in self:
            if complaint.date_answered:
                complaint.sla_state = "on_track" if complaint.deadline_met else "breached"
            elif complaint.is_overdue or (
                complaint.date_deadline and complaint.date_deadline < today
            ):
                complaint.sla_state = "breached"
            elif complaint.date_reminder and complaint.date_reminder <= today:
                complaint.sla_state = "at_risk"
            else:
                complaint.sla_state = "on_track"

    @api.model
    def _search_sla_state(self, operator, value):
        from odoo.osv import expression

        if operator not in ("=", "!=", "in", "not in"):
            raise NotImplementedError(self.env._("Unsupported search on the SLA."))
        values = {value} if isinstance(value, str) else set(value or ())
        today = fields.Date.context_today(self)
        domains = {
            "breached": [
                "|",
                "&",
                ("date_answered", "!=", False),
                ("deadline_met", "=", False),
                "&",
                ("date_answered", "=", False),
                "|",
                ("is_overdue", "=", True),
                ("date_deadline", "<", today),
            ],
            "at_risk": [
                ("date_answered", "=", False),
                ("is_overdue", "=", False),
                ("date_reminder", "<=", today),
                ("date_deadline", ">=", today),
            ],
        }
        domains["on_track"] = expression.AND(
            [
                ["!", *domains["breached"]],
                ["!", *domains["at_risk"]],
            ]
        )
        domain = expression.OR([domains[v] for v in values if v in domains]) or [(0, "=", 1)]
        if operator in ("!=", "not in"):
            domain = ["!", *domain]
        return domain

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
            if vals.get("name", "/") == "/":
                vals["name"] = self._next_tracking_number(vals.get("date_received"))
        return super().create(vals_list)

    @api.model
    def _next_tracking_number(self, date=None):
        """The next gap-free tracking number of the year (e.g. SHK-2026-00001)."""
        day = fields.Date.context_today(self, fields.Datetime.to_datetime(date) or None)
        return (
            self.env["ir.sequence"]
            .sudo()
            .with_context(ir_sequence_date=day)
            .next_by_code("shaqra.complaint")
            or "/"
        )
