from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .shaqra_request import DECISIONS

# The largest amount a committee may approve on one request unless the
# system parameter below says otherwise (company currency). A sanity bound
# against typing errors, far above any aid the association gives, and low
# enough for the decision letter to spell the amount in Arabic words.
MAX_APPROVED_AMOUNT = 10_000_000
MAX_APPROVED_AMOUNT_PARAM = "shaqra_beneficiary.max_approved_amount"


class ShaqraCommitteeDecision(models.Model):
    """One request on a meeting's agenda and the committee's decision on it.

    Policy C5: putting a request awaiting the committee on the agenda moves
    it to *Committee review*. Recording the decision applies it at once:

    - ``approved`` / ``rejected``: the request goes to *Decided*, with who
      decided, in which meeting and when; the decision notice follows
      (C5, E3).
    - ``more_info``: the request goes back to *Completeness check* and its
      15-working-day clock (C6) is cleared: ``date_complete`` and
      ``date_deadline`` are emptied, because C6 counts from the day the
      request *is complete* and the committee has found that it is not.
      When the missing information is verified and the request reaches
      *Awaiting committee* again, a new clock of 15 working days starts
      from that new completion day.

    A decision is recorded and changed only while its meeting is in
    progress, by a member of the meeting's committee, and while the request
    is still in *Committee review* or *Decided* (policy C8). Who recorded it
    and when (``decided_by_id``, ``decision_date``) are evidence set by the
    decision itself; a decided line stays on the agenda; once the meeting
    is closed the agenda and its decisions are frozen.
    """

    _name = "shaqra.committee.decision"
    _inherit = ["shaqra.evidence.mixin"]
    _description = "Committee Decision"
    _order = "meeting_id, sequence, id"
    _rec_name = "request_id"

    sequence = fields.Integer(default=10)
    meeting_id = fields.Many2one(
        "shaqra.committee.meeting", required=True, ondelete="cascade", index=True
    )
    committee_id = fields.Many2one(related="meeting_id.committee_id", store=True)
    meeting_state = fields.Selection(related="meeting_id.state", string="Meeting Status")
    request_id = fields.Many2one(
        "shaqra.request",
        required=True,
        ondelete="restrict",
        index=True,
        domain="[('committee_id', '=', committee_id), ('stage_key', '=', 'awaiting_committee')]",
    )
    beneficiary_id = fields.Many2one(related="request_id.beneficiary_id")
    service_type_id = fields.Many2one(related="request_id.service_type_id")
    decision = fields.Selection(DECISIONS)
    reason = fields.Text()
    currency_id = fields.Many2one(related="request_id.currency_id")
    approved_amount = fields.Monetary()
    decided_by_id = fields.Many2one("res.users", string="Recorded By", readonly=True)
    decision_date = fields.Datetime(readonly=True)

    _evidence_fields = ("decided_by_id", "decision_date")
    # What a client may write on an agenda line (the rest is related or evidence).
    _WRITABLE_FIELDS = frozenset(
        {"sequence", "decision", "reason", "approved_amount", "request_id", "meeting_id"}
    )

    _sql_constraints = [
        (
            "meeting_request_unique",
            "unique(meeting_id, request_id)",
            "A request is on a meeting's agenda once.",
        ),
        (
            "approved_amount_positive",
            "check(approved_amount >= 0)",
            "The approved amount cannot be negative.",
        ),
    ]

    @api.constrains("decision", "reason", "approved_amount")
    def _check_decision(self):
        for line in self:
            if line.decision in ("rejected", "more_info") and not (line.reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "Give the reason of the decision on request %(request)s: the "
                        "beneficiary is told why.",
                        request=line.request_id.name,
                    )
                )
            if line.decision != "approved" and line.approved_amount:
                raise ValidationError(
                    self.env._(
                        "Only an approved request can have an approved amount (request "
                        "%(request)s).",
                        request=line.request_id.name,
                    )
                )
            line._check_approved_amount_value(line.approved_amount)

    @api.model
    def _max_approved_amount(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(MAX_APPROVED_AMOUNT_PARAM, MAX_APPROVED_AMOUNT)
        )
        try:
            value = float(value)
        except (TypeError, ValueError):
            value = MAX_APPROVED_AMOUNT
        return value if value > 0 else MAX_APPROVED_AMOUNT

    @api.model
    def _check_approved_amount_value(self, amount):
        """An approved amount is zero (no money: a service in kind) or a
        positive amount up to the limit: never negative, never absurd."""
        if not amount:
            return
        try:
            amount = float(amount)
        except (TypeError, ValueError):
            amount = float("nan")
        if amount != amount:  # not a number (NaN)
            raise ValidationError(self.env._("The approved amount must be a number."))
        currency = self.env.company.currency_id
        limit = self._max_approved_amount()
        # Formatted outside the translated calls (the term extractor cannot
        # read f-strings inside them).
        shown_amount = f"{amount:,.2f}"
        shown_limit = f"{limit:,.0f}"
        if amount < 0:
            raise ValidationError(
                self.env._(
                    "The approved amount cannot be negative (%(amount)s).",
                    amount=shown_amount,
                )
            )
        if amount > limit:
            raise ValidationError(
                self.env._(
                    "The approved amount %(amount)s is above the limit of %(limit)s %(currency)s "
                    "for one request: check the amount.",
                    amount=shown_amount,
                    limit=shown_limit,
                    currency=currency.name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_approved_amount_value(vals.get("approved_amount"))
        lines = super().create(vals_list)
        for line in lines:
            request = line.request_id
            if line.meeting_id.state not in ("draft", "in_progress"):
                raise UserError(
                    self.env._("Requests can be added only to a meeting not yet held.")
                )
            line.meeting_id._check_member()
            if request.committee_id != line.committee_id:
                raise UserError(
                    self.env._(
                        "Request %(request)s is for committee %(committee)s, not this one.",
                        request=request.name,
                        committee=request.committee_id.name or "-",
                    )
                )
            if request.stage_key != "awaiting_committee":
                raise UserError(
                    self.env._(
                        "Request %(request)s is not awaiting the committee (it is in "
                        "%(stage)s): only complete, signed requests go on the agenda.",
                        request=request.name,
                        stage=request.stage_id.name,
                    )
                )
        lines.request_id.sudo().write(
            {
                "stage_id": self.env.ref(
                    "shaqra_beneficiary.shaqra_request_stage_committee_review"
                ).id
            }
        )
        lines.filtered("decision")._apply_decision()
        return lines

    def write(self, vals):
        if not self.env.su:
            # Access rights and record rules first: a clear "no access" for
            # those who may not write decisions at all.
            self.check_access("write")
            self._check_write_allowed(vals)
        if "approved_amount" in vals:
            self._check_approved_amount_value(vals["approved_amount"])
        decided = {"decision", "reason", "approved_amount"} & set(vals)
        if decided:
            self._check_can_decide()
            if "decision" in vals and not vals["decision"] and self.filtered("decision_date"):
                raise UserError(
                    self.env._(
                        "A recorded decision cannot be cleared: record the decision the "
                        "committee took instead."
                    )
                )
        result = super().write(vals)
        if decided:
            self.filtered("decision")._apply_decision()
        return result

    def _check_write_allowed(self, vals):
        """Policy C8: an agenda line is not moved, and a closed meeting's
        agenda and decisions are what the members approve: frozen."""
        computed = set(vals) - self._WRITABLE_FIELDS - set(self._evidence_fields)
        if computed:
            raise UserError(
                self.env._(
                    "%(fields)s of an agenda item come from its request and meeting and "
                    "cannot be written.",
                    fields=", ".join(
                        self._fields[name]._description_string(self.env)
                        if name in self._fields
                        else name
                        for name in sorted(computed)
                    ),
                )
            )
        for field_name in ("request_id", "meeting_id"):
            if field_name in vals and any(
                line[field_name].id != (vals[field_name] or False) for line in self
            ):
                raise UserError(
                    self.env._(
                        "An agenda item cannot be moved to another request or meeting: "
                        "take it off the agenda and add the other request instead."
                    )
                )
        closed = self.filtered(lambda line: line.meeting_id.state not in ("draft", "in_progress"))
        if closed and not self._evidence_allowed():
            raise UserError(
                self.env._(
                    "Meeting %(meeting)s is closed: its agenda and decisions are the minutes "
                    "the members approve and can no longer be changed (policy C8).",
                    meeting=closed[0].meeting_id.name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_undecided_only(self):
        if self.filtered(lambda line: line.decision or line.decision_date):
            raise UserError(self.env._("A decided request cannot be taken off the agenda."))
        closed = self.filtered(lambda line: line.meeting_id.state not in ("draft", "in_progress"))
        if closed:
            raise UserError(
                self.env._(
                    "Meeting %(meeting)s is closed: its agenda can no longer be changed.",
                    meeting=closed[0].meeting_id.name,
                )
            )
        self.meeting_id._check_member()

    def unlink(self):
        review = self.request_id.filtered(lambda r: r.stage_key == "committee_review")
        result = super().unlink()
        review.sudo().write(
            {
                "stage_id": self.env.ref(
                    "shaqra_beneficiary.shaqra_request_stage_awaiting_committee"
                ).id
            }
        )
        return result

    def _check_can_decide(self):
        # Policy C5: a decision may change until its notice was delivered.
        Request = self.env["shaqra.request"]
        decision_open_stages = Request._stage("committee_review") | Request._stage("decided")
        for line in self:
            if line.meeting_id.state != "in_progress":
                raise UserError(
                    self.env._(
                        "Decisions are recorded while the meeting is in progress (meeting "
                        "%(meeting)s is %(state)s).",
                        meeting=line.meeting_id.name,
                        state=dict(
                            line.meeting_id._fields["state"]._description_selection(self.env)
                        )[line.meeting_id.state],
                    )
                )
            if not line.committee_id._is_member():
                raise UserError(
                    self.env._(
                        "Only the members of committee %(committee)s record its decisions.",
                        committee=line.committee_id.name,
                    )
                )
            if line.decision_date and line.request_id.stage_id not in decision_open_stages:
                raise UserError(
                    self.env._(
                        "The decision on request %(request)s can no longer be changed: the "
                        "request has moved on to %(stage)s.",
                        request=line.request_id.name,
                        stage=line.request_id.stage_id.name,
                    )
                )

    def _apply_decision(self):
        """Move each request as its decision says (C5, C6); see the class doc."""
        self._check_can_decide()
        now = fields.Datetime.now()
        decided = self.env.ref("shaqra_beneficiary.shaqra_request_stage_decided")
        completeness = self.env.ref("shaqra_beneficiary.shaqra_request_stage_completeness")
        for line in self:
            line._evidence_write({"decided_by_id": self.env.user.id, "decision_date": now})
            vals = {
                "decision": line.decision,
                "decision_reason": line.reason,
                "approved_amount": line.approved_amount,
                "decision_meeting_id": line.meeting_id.id,
                "decided_by_id": self.env.user.id,
                "decision_date": now,
            }
            if line.decision == "more_info":
                vals.update(
                    stage_id=completeness.id,
                    date_complete=False,
                    date_deadline=False,
                    date_reminder=False,
                    is_overdue=False,
                    is_escalated=False,
                )
            else:
                vals["stage_id"] = decided.id
            # Membership of the committee was checked above; the committee
            # decides on requests that record rules may hide from a member.
            request = line.request_id.sudo()
            request.write(vals)
            if line.decision == "more_info":
                # The clock stopped: its answer and reminder activities go too.
                request.activity_unlink(
                    [
                        "shaqra_beneficiary.mail_activity_type_request_answer",
                        "shaqra_beneficiary.mail_activity_type_request_reminder",
                    ]
                )
            request.message_post(
                body=self.env._(
                    "Committee %(committee)s decided in meeting %(meeting)s: %(decision)s.",
                    committee=line.committee_id.name,
                    meeting=line.meeting_id.name,
                    decision=dict(request._fields["decision"]._description_selection(self.env))[
                        line.decision
                    ],
                )
            )
            request._shaqra_notify_automatically("decision")
