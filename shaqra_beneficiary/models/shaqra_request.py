from odoo import api, fields, models
from odoo.exceptions import UserError

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

    def _compute_access_url(self):
        super()._compute_access_url()
        for request in self:
            request.access_url = f"/my/requests/{request.id}"

    # --- Signature declaration and portal helpers (policy C4, C6, E2) ---------

    signature_declaration = fields.Text(
        compute="_compute_signature_declaration",
        help="What the beneficiary declares by signing (policy C4); the same text "
        "on the back office and on the portal.",
    )

    def _compute_signature_declaration(self):
        declaration = self._get_signature_declaration()
        for request in self:
            request.signature_declaration = declaration

    @api.model
    def _get_signature_declaration(self):
        """The one text of the C4 declaration, shared by back office and portal."""
        return self.env._(
            "I declare that all the data and information provided in this request "
            "are correct, and I bear direct responsibility for them."
        )

    def _portal_can_sign(self):
        """The beneficiary signs once, before the request goes to the committee."""
        self.ensure_one()
        return not self.signature and self.stage_key in ("received", "completeness")

    def _portal_can_upload(self):
        """Documents can be added while the request is being received (C2, C3)."""
        self.ensure_one()
        return self.stage_key in ("received", "completeness")

    def _portal_stage_steps(self):
        """The pipeline as the beneficiary follows it: done, current, to come."""
        self.ensure_one()
        stages = self.env["shaqra.request.stage"].sudo().search([("key", "!=", "cancelled")])
        if self.stage_key == "cancelled":
            stages |= self.stage_id
        steps = []
        passed = True
        for stage in stages:
            if stage == self.stage_id:
                steps.append((stage, "current"))
                passed = False
            else:
                steps.append((stage, "done" if passed else "todo"))
        return steps

    def _portal_state_badge(self):
        """Bootstrap colour of the stage badge shown to the beneficiary."""
        self.ensure_one()
        return {
            "received": "info",
            "completeness": "warning",
            "awaiting_committee": "primary",
            "committee_review": "primary",
            "decided": "success",
            "notified": "success",
            "closed": "secondary",
            "cancelled": "danger",
        }.get(self.stage_key, "secondary")

    def _notify_liaison_officer_of_portal_request(self):
        """Policy F1, F2: the liaison officer learns at once of a portal request."""
        for request in self:
            officer_user = request.liaison_user_id
            if officer_user:
                # The officer follows the request: the beneficiary's portal
                # messages reach them (F2).
                request.message_subscribe(partner_ids=officer_user.partner_id.ids)
                request.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=officer_user.id,
                    summary=self.env._("New request from the portal"),
                    note=self.env._(
                        "%(beneficiary)s applied for %(service)s on the portal: check "
                        "the documents and the signature.",
                        beneficiary=request.beneficiary_id.name,
                        service=request.service_type_id.name,
                    ),
                )
            else:
                request.message_post(
                    body=self.env._(
                        "Request received from the portal, but no liaison officer is "
                        "assigned to the beneficiary's category and the service's field."
                    ),
                    message_type="comment",
                    subtype_xmlid="mail.mt_note",
                )
