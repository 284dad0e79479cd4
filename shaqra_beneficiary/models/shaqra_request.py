import logging
from datetime import datetime

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools import validation
from ..tools.hijri import format_gregorian, format_hijri
from ..tools.signature import check_signature_image
from .shaqra_beneficiary import CHANNELS
from .shaqra_deadline_mixin import DEADLINE_EVIDENCE_FIELDS, ESCALATION_BATCH_SIZE

# Proof, inside the server, that reception found a returning beneficiary by
# the exact national ID (policy C1, E2). A Python object: it cannot travel in a
# JSON-RPC context.
_NATIONAL_ID_TOKEN = object()

_logger = logging.getLogger(__name__)

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
    _inherit = [
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "shaqra.liaison.access.mixin",
        "shaqra.evidence.mixin",
        "shaqra.deadline.mixin",
        "shaqra.notice.mixin",
    ]
    _order = "id desc"
    _check_company_auto = True

    # Policy C3-C6, E3: set only by the actions that do the thing (signing,
    # completion, the committee's decision, the deadline check), never typed.
    _evidence_fields = (
        "signed_by",
        "signed_on",
        "date_complete",
        *DEADLINE_EVIDENCE_FIELDS,
        "decision",
        "decision_reason",
        "approved_amount",
        "decision_meeting_id",
        "decided_by_id",
        "decision_date",
    )
    # Policy C3-C5: what the committee decided on cannot be re-pointed.
    _evidence_frozen_fields = ("beneficiary_id", "service_type_id", "committee_id", "company_id")

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
    stage_is_intake = fields.Boolean(related="stage_id.is_intake")
    stage_is_committee = fields.Boolean(related="stage_id.is_committee")
    stage_is_answered = fields.Boolean(related="stage_id.is_answered")
    stage_is_final = fields.Boolean(related="stage_id.is_final")
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
    signed_by = fields.Char(
        string="Signed By", copy=False, tracking=True, help="Name of the person who signed."
    )
    signed_on = fields.Datetime(copy=False, readonly=True, tracking=True)
    date_complete = fields.Datetime(
        string="Completed On", copy=False, readonly=True, tracking=True
    )
    # Policy C6: the clock of shaqra.deadline.mixin, started at completion;
    # the request's own wording of its fields.
    date_deadline = fields.Date(tracking=True)
    date_reminder = fields.Date(
        help="The liaison officer is reminded on this day that the answer is due soon.",
    )
    is_escalated = fields.Boolean(
        help="Management was alerted once that this request is overdue (policy G6).",
    )
    date_answered = fields.Datetime(
        tracking=True,
        help="When the request reached the Decided stage.",
    )
    working_days_taken = fields.Integer(
        help="Working days from completion to the decision (policy C6).",
    )
    deadline_met = fields.Boolean(
        help="The decision was taken on or before the deadline (policy C6).",
    )
    is_signed = fields.Boolean(compute="_compute_is_signed")
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

    signature_declaration = fields.Text(
        compute="_compute_signature_declaration",
        help="What the beneficiary declares by signing (policy C4); the same text "
        "on the back office and on the portal.",
    )

    # Policy C5, C8: what the committee decided, in which meeting (A, E3: its notices).
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

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

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

    @api.depends("signature")
    def _compute_is_signed(self):
        for request in self:
            request.is_signed = bool(request.signature)

    @api.depends("service_type_id")
    def _compute_committee_id(self):
        for request in self:
            request.committee_id = request.service_type_id.committee_id or request.committee_id

    def _compute_signature_declaration(self):
        declaration = self._get_signature_declaration()
        for request in self:
            request.signature_declaration = declaration

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

    def _compute_access_url(self):  # pylint: disable=missing-return
        super()._compute_access_url()
        for request in self:
            request.access_url = f"/my/requests/{request.id}"

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([])

    # ------------------------------------------------------------
    # ONCHANGE
    # ------------------------------------------------------------

    @api.onchange("service_type_id")
    def _onchange_service_type_id_checklist(self):
        """Policy C2: a new request shows its service's checklist before it is
        saved, so that reception checks each item with the beneficiary there.
        A saved request keeps its checklist (its lines are evidence)."""
        for request in self.filtered(lambda r: not r._origin.id):
            request.requirement_line_ids = [Command.clear()] + [
                Command.create({"requirement_id": requirement.id})
                for requirement in request.service_type_id.requirement_ids
            ]

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        allowed = self._evidence_allowed()
        signers = []
        for vals in vals_list:
            if not allowed:
                self._check_beneficiary_readable(vals.get("beneficiary_id"))
                self._check_create_stage(vals.get("stage_id"))
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("shaqra.request") or "/"
            signers.append(self._prepare_signature_vals(vals) if vals.get("signature") else None)
        requests = super().create(vals_list)
        for request, signer in zip(requests, signers, strict=True):
            if signer is not None:
                request._record_signature(signer)
        requests.filtered(lambda r: not r.requirement_line_ids)._create_requirement_lines()
        # Policy C3, C4: created straight into a later stage (module data,
        # import), the request passes the same guard as when it is moved there.
        advanced = requests._filtered_complete_file()
        if advanced:
            advanced._check_complete()
            advanced._mark_complete()
            advanced.filtered("stage_is_answered")._mark_answered()
        return requests

    def write(self, vals):
        vals = dict(vals)
        allowed = self._evidence_allowed()
        signer = None
        if "signature" in vals:
            self._check_signature_open()
            signer = self._prepare_signature_vals(vals)
        if "beneficiary_id" in vals and not allowed:
            self._check_beneficiary_readable(vals["beneficiary_id"])
        if "stage_id" in vals:
            stage = self.env["shaqra.request.stage"].browse(vals["stage_id"])
            if not allowed:
                self._check_stage_move(stage)
            if stage._requires_complete_file():
                (self - self._filtered_complete_file())._check_complete(vals)
        result = super().write(vals)
        if signer is not None:
            for request in self:
                request._record_signature(signer)
        if "stage_id" in vals:
            self._filtered_complete_file().filtered(lambda r: not r.date_complete)._mark_complete()
            self.filtered(lambda r: r.stage_is_answered and not r.date_answered)._mark_answered()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent_to_committee(self):
        """Policy C5: a request the committee saw is evidence; cancel, not delete."""
        sent = self._filtered_complete_file()
        if sent:
            raise UserError(
                self.env._(
                    "Request %(request)s was sent to the committee: it cannot be deleted.",
                    request=sent[0].name,
                )
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_check_completeness(self):
        """Policy C2, C3: start the check, and say what is still missing."""
        completeness = self._stage("completeness")
        self.filtered(lambda r: r.stage_is_intake and r.stage_id != completeness).write(
            {"stage_id": completeness.id}
        )
        # An item of the checklist the request has no line for gets one.
        self.filtered("stage_is_intake")._create_requirement_lines()
        missing = []
        for request in self:
            items = request.requirement_line_ids.filtered(
                lambda line: line.is_mandatory and not line.is_verified
            )
            if items:
                missing.append(
                    self.env._(
                        "%(request)s: not verified yet: %(items)s",
                        request=request.name,
                        items=", ".join(items.mapped("name")),
                    )
                )
            if not request.signature:
                missing.append(
                    self.env._(
                        "%(request)s: the beneficiary has not signed yet.", request=request.name
                    )
                )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Completeness check"),
                "message": "\n".join(missing)
                or self.env._("Complete and signed: it can be sent to the committee."),
                "type": "warning" if missing else "success",
                "sticky": False,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_send_to_committee(self):
        """Policy C3-C6: send a complete, signed request to the committee."""
        self.write({"stage_id": self._stage("awaiting_committee").id})
        return True

    def action_cancel(self):
        self.write({"stage_id": self._stage("cancelled").id})
        return True

    def action_close(self):
        """Policy E3: close a request once the beneficiary was told the decision."""
        notified = self._stage("notified")
        not_notified = self.filtered(lambda r: r.stage_id != notified)
        if not_notified:
            raise UserError(
                self.env._(
                    "Request %(request)s can be closed only once the beneficiary has been "
                    "notified of the decision.",
                    request=not_notified[0].name,
                )
            )
        self._evidence_write({"stage_id": self._stage("closed").id})
        return True

    def action_open_stage_override(self):
        """A manager's documented correction of the stage (logged)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Override Stage"),
            "res_model": "shaqra.request.stage.override",
            "view_mode": "form",
            "target": "new",
            "context": {"default_request_id": self.id},
        }

    def action_reset_to_received(self):
        self.filtered(lambda r: r.stage_is_final and not r.stage_is_answered).write(
            {"stage_id": self._stage("received").id}
        )
        return True

    def action_open_recompute_deadline(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Recompute Deadline"),
            "res_model": "shaqra.request.recompute.deadline",
            "view_mode": "form",
            "target": "new",
            "context": {"default_request_id": self.id},
        }

    def action_notify_beneficiary(self):
        """Open the notice wizard on the beneficiary's agreed channel (C5, A).

        Contract button: the wizard is pre-filled with the preferred channel
        and an Arabic subject and body fitting the request's stage; sending
        logs a ``shaqra.notification`` with its proof.
        """
        self.ensure_one()
        return self.env["shaqra.notification.wizard"]._action_open(request_id=self.id)

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
        if not self.stage_is_answered or not self.decision:
            raise UserError(self.env._("The request has no committee decision yet."))
        return self.env.ref(
            "shaqra_beneficiary.shaqra_request_decision_letter_report"
        ).report_action(self)

    # ------------------------------------------------------------
    # BUSINESS: RECEIVING A COMPLETE, SIGNED REQUEST (C1-C4)
    # ------------------------------------------------------------

    def _evidence_is_frozen(self):
        """Policy C3-C5: once complete, the request is what the committee decides on."""
        return self.stage_id._requires_complete_file()

    def _filtered_complete_file(self):
        """The requests in a stage reached only complete and signed (C3, C4)."""
        return self.filtered(lambda r: r.stage_id._requires_complete_file())

    def _check_beneficiary_readable(self, beneficiary_id):
        """Policy E2: a request opens the beneficiary's file to whoever took it,
        so it is taken only for a beneficiary the user may already read, or one
        reception found by the exact national ID
        (:meth:`shaqra_create_for_national_id`)."""
        if not beneficiary_id:
            return
        match = self.env.context.get("shaqra_national_id_match")
        if isinstance(match, tuple) and match == (_NATIONAL_ID_TOKEN, beneficiary_id):
            return
        beneficiary = self.env["shaqra.beneficiary"].browse(beneficiary_id)
        try:
            beneficiary.check_access("read")
        except AccessError:
            raise AccessError(
                self.env._(
                    "You can take a request only for a beneficiary whose file you may "
                    "open. For a returning beneficiary, look them up by their exact "
                    "national ID."
                )
            ) from None

    @api.model
    def shaqra_create_for_national_id(self, national_id, vals=None):
        """Policy C1, E2: reception takes a request for a returning beneficiary.

        Reception does not see the files of beneficiaries registered by
        others. When the person is known, reception gives their exact national
        ID; the request is then taken for the beneficiary with that ID (and
        opens that file to reception). Returns the id of the new request.
        """
        found = self.env["shaqra.beneficiary"].shaqra_find_by_national_id(national_id)
        if not found:
            raise UserError(
                self.env._(
                    "No beneficiary is registered with this national ID: check the number "
                    "or register the person first."
                )
            )
        vals = dict(vals or {}, beneficiary_id=found["id"])
        request = self.with_context(
            shaqra_national_id_match=(_NATIONAL_ID_TOKEN, found["id"])
        ).create(vals)
        return request.id

    def _check_create_stage(self, stage_id):
        """Policy C3-C5: staff create a request as received; it moves on by the
        actions (send to committee, the committee's decision, the notice)."""
        stage = self.env["shaqra.request.stage"].browse(stage_id or [])
        if stage and not stage.is_intake:
            raise UserError(
                self.env._(
                    "A request cannot be created in the stage %(stage)s: create it as "
                    "received, then send it to the committee once it is complete and signed.",
                    stage=stage.name,
                )
            )

    def _check_stage_move(self, stage):
        """Policy C3-C5, E3: which stage moves staff may make themselves.

        Staff check completeness, send a complete and signed request to the
        committee, cancel a request not yet sent and reopen a cancelled one.
        *Committee review*, *Decided*, *Beneficiary notified* and *Closed*
        are reached only by the committee's decision recorded in a meeting,
        by the notice delivered and by :meth:`action_close` (which write the
        stage as evidence), or by a manager's logged override.
        """
        # Staff send a request to the committee's queue (the stage the send
        # action moves it to), cancel it while it is received and reopen it.
        by_hand = stage.is_intake or stage == self._stage("awaiting_committee")
        cancelled = stage.is_final and not stage.is_answered
        for request in self:
            if request.stage_id == stage:
                continue
            if not (by_hand or cancelled):
                raise UserError(
                    self.env._(
                        "Request %(request)s cannot be moved to %(stage)s by hand: it gets "
                        "there only through the committee's decision recorded in a meeting "
                        "and the notice delivered to the beneficiary (policy C5). A manager "
                        "can override the stage, with a reason that is logged.",
                        request=request.name,
                        stage=stage.name,
                    )
                )
            source = request.stage_id
            if not (
                source.is_intake
                or (stage.is_intake and source.is_final and not source._requires_complete_file())
            ):
                raise UserError(
                    self.env._(
                        "Request %(request)s cannot go from %(from)s back to %(stage)s: it "
                        "was sent to the committee. A manager can override the stage, with "
                        "a reason that is logged.",
                        request=request.name,
                        stage=stage.name,
                        **{"from": request.stage_id.name},
                    )
                )

    def _stage(self, key):
        return self.env["shaqra.request.stage"].search([("key", "=", key)], limit=1)

    def _create_requirement_lines(self):
        """Copy the service type's checklist onto the request (policy C2):
        the items the request has no line for yet."""
        self.env["shaqra.request.requirement"].sudo().create(
            [
                {"request_id": request.id, "requirement_id": requirement.id}
                for request in self
                for requirement in request.sudo().service_type_id.requirement_ids
                - request.sudo().requirement_line_ids.requirement_id
            ]
        )

    @api.model
    def _get_signature_declaration(self):
        """The one text of the C4 declaration, shared by back office and portal."""
        return self.env._(
            "I declare that all the data and information provided in this request "
            "are correct, and I bear direct responsibility for them."
        )

    def _check_signature_open(self):
        """Policy C4: a signature cannot be withdrawn or replaced once the
        request went to the committee on its strength."""
        locked = self._filtered_complete_file().filtered("signature")
        if locked:
            raise UserError(
                self.env._(
                    "The signature of request %(request)s cannot be removed: the request "
                    "was sent to the committee on the strength of it.",
                    request=locked[0].name,
                )
            )

    def _prepare_signature_vals(self, vals):
        """Policy C4: the signing. A real signature image is required; who
        signed and when are evidence, recorded by :meth:`_record_signature`.

        Takes ``signed_by`` (the name the signer gave) out of ``vals`` and
        returns it ('' when the signature is removed or no name was given).
        ``signed_on`` is never taken from the caller.
        """
        if not vals["signature"]:
            return False
        check_signature_image(self.env, vals["signature"])
        if self._evidence_allowed():
            vals.pop("signed_on", None)
        signer = (vals.pop("signed_by", "") or "").strip()
        validation.check_length(self, "signed_by", signer, validation.MAX_NAME_LENGTH)
        return signer

    def _record_signature(self, signer):
        """Record who signed and when, at the signing (policy C4)."""
        self.ensure_one()
        if signer is False or not self.signature:
            self._evidence_write({"signed_on": False, "signed_by": False})
            return
        self._evidence_write(
            {
                "signed_on": fields.Datetime.now(),
                "signed_by": signer or self.beneficiary_id.name,
            }
        )

    def _check_complete(self, vals=None):
        """Policy C3, C4: all mandatory items verified, and signed."""
        vals = vals or {}
        for request in self:
            # A mandatory item deleted from the checklist is still missing.
            lines = request.sudo().requirement_line_ids
            missing = lines.filtered(lambda line: line.is_mandatory and not line.is_verified)
            absent = (
                request.sudo().service_type_id.requirement_ids.filtered("is_mandatory")
                - lines.requirement_id
            )
            if missing or absent:
                raise UserError(
                    self.env._(
                        "Request %(request)s is not complete: these mandatory requirements "
                        "are not verified yet: %(items)s.",
                        request=request.name,
                        items=", ".join(missing.mapped("name") + absent.mapped("name")),
                    )
                )
            if not (vals.get("signature") if "signature" in vals else request.signature):
                raise UserError(
                    self.env._(
                        "Request %(request)s has not been signed by the beneficiary: the "
                        "beneficiary must sign that the data is correct before it goes "
                        "to the committee.",
                        request=request.name,
                    )
                )

    def _mark_complete(self):
        """Policy C6: completion starts the clock; the deadline is fixed now.

        The day of completion is the day in the association's time zone (the
        calendar's), whoever clicks: ``date_complete`` is stored in UTC.
        """
        now = fields.Datetime.now()
        for request in self:
            request._evidence_write({"date_complete": now})
            request._deadline_start()
        self._shaqra_notify_automatically("completion")

    # ------------------------------------------------------------
    # THE CLOCK OF POLICY C6 (shaqra.deadline.mixin's hooks)
    # ------------------------------------------------------------

    def _deadline_working_days(self):
        self.ensure_one()
        return self.service_type_id.response_days

    def _deadline_responsible_user(self):
        """Who answers: the liaison officer's user, else the escalation manager."""
        self.ensure_one()
        return self.liaison_user_id or self._deadline_escalation_user()

    def _deadline_escalation_user(self):
        """Policy G6: management supervises the liaison officer.

        The manager set in the settings, else the officer's manager, else any
        user of the management group.
        """
        self.ensure_one()
        return (
            self.company_id.shaqra_escalation_user_id
            or self.liaison_officer_id.parent_id.user_id
            or super()._deadline_escalation_user()
        )

    @api.model
    def _deadline_open_domain(self):
        """Policy C6: the clock of a decided, notified, closed or cancelled request is stopped."""
        return [("stage_id", "any", [("is_answered", "=", False), ("is_final", "=", False)])]

    def _deadline_summary(self, kind, user=None):
        self.ensure_one()
        if kind == "answer":
            return self.env._("Answer the request before its deadline (policy C6)")
        if kind == "reminder":
            return self.env._(
                "Reminder: the answer to this request is due on %(date)s",
                date=self.date_deadline,
            )
        if kind == "escalation":
            return self.env._(
                "Overdue request: the answer was due on %(date)s",
                date=self.date_deadline,
            )
        if kind == "overdue_note":
            return self.env._(
                "This request is overdue: the answer was due on %(date)s (policy C6). "
                "Management has been alerted: %(manager)s.",
                date=self.date_deadline,
                manager=(user and user.name) or self.env._("nobody configured"),
            )
        if kind == "done":
            return self.env._("The request was decided.")
        return super()._deadline_summary(kind, user=user)

    def _local_date(self, value):
        """The day of a UTC datetime in the association calendar's time zone."""
        return self._deadline_local_date(value)

    def _responsible_user(self):
        """Who answers the request (kept for the portal's callers)."""
        return self._deadline_responsible_user()

    def _mark_answered(self):
        """Policy C6 statistics: the request is answered when it is decided.

        The committee's decision moves the request to Decided; that moment
        stops the clock, so working days taken and whether the deadline was
        met are fixed once, here, whoever moves it there.
        """
        self._deadline_stop()

    @api.model
    def _cron_check_deadlines(self, batch_size=ESCALATION_BATCH_SIZE):
        """Policy C6, G6: daily, flag late requests and alert management once
        (the scheduled action's method; see ``_cron_deadline_check``)."""
        return self._cron_deadline_check(batch_size=batch_size)

    # ------------------------------------------------------------
    # PORTAL (C4, C6, E2, F1, F2)
    # ------------------------------------------------------------

    def _portal_can_sign(self):
        """The beneficiary signs once, before the request goes to the committee."""
        self.ensure_one()
        return not self.signature and self.stage_is_intake

    def _portal_can_upload(self):
        """Documents can be added while the request is being received (C2, C3)."""
        self.ensure_one()
        return self.stage_is_intake

    def _portal_stage_steps(self):
        """The pipeline as the beneficiary follows it: done, current, to come."""
        self.ensure_one()
        stages = self.env["shaqra.request.stage"].sudo().search([("portal_visible", "=", True)])
        if self.stage_id not in stages:
            stages = (stages | self.stage_id).sorted(lambda stage: (stage.sequence, stage.id))
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
        stage = self.stage_id
        if stage.is_final:
            return "secondary" if stage.is_answered else "danger"
        if stage.is_answered:
            return "success"
        if stage.is_committee:
            return "primary"
        if stage.is_intake:
            return "warning" if stage == self._stage("completeness") else "info"
        return "secondary"

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

    # ------------------------------------------------------------
    # NOTICES AND LETTERS (A, C5, E3)
    # ------------------------------------------------------------

    def _shaqra_notice_kind(self):
        """Which notice fits the request now: its decision, or its completion."""
        self.ensure_one()
        if self.stage_is_answered or (self.decision == "more_info" and self.stage_is_intake):
            return "decision"
        if self.stage_is_committee:
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
        for request in self:
            content = request._shaqra_notice_content(kind)
            request._shaqra_notify(kind, content["subject"], content["body"])

    def _shaqra_notice_values(self):
        """A request's notices also name it in ``request_id`` (contract)."""
        return {**super()._shaqra_notice_values(), "request_id": self.id}

    def _shaqra_notice_delivered(self, notice):
        """Policy E3: once the decision is delivered, the beneficiary has been
        told. The stage after the decision is evidence too: only this
        delivery moves the request there."""
        res = super()._shaqra_notice_delivered(notice)
        if notice.kind == "decision" and self.stage_key == "decided":
            self.sudo().write(
                {"stage_id": self.env.ref("shaqra_beneficiary.shaqra_request_stage_notified").id}
            )
        return res

    def _amount_in_words(self, amount=None):
        """The approved amount (or ``amount``) in Arabic words for letters (E3)."""
        self.ensure_one()
        amount = self.approved_amount if amount is None else amount
        return self.currency_id._shaqra_amount_in_arabic_words(amount)

    def _letter_dates(self, value=None):
        """Hijri and Gregorian dates of ``value`` (default today) for letters.

        A datetime (the decision's time, stored in UTC) is dated on the day
        it was at the association (its calendar's time zone), not in UTC.
        """
        if isinstance(value, datetime):
            value = self._local_date(value)
        day = value or fields.Date.context_today(self)
        return {"hijri": format_hijri(day, "ar"), "gregorian": format_gregorian(day, "ar")}
