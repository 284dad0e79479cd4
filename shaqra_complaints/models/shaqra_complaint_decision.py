from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import is_html_empty

from .shaqra_complaint import OUTCOMES


class ShaqraComplaintDecision(models.Model):
    """A complaint on the agenda of a follow-up committee meeting (policy D1).

    The outcome is recorded while the meeting is in progress by a member of
    the committee (who and when are evidence); it is applied to the
    complaint when the minutes are approved: an amicable settlement is
    proposed to the complainant (D3), any other outcome answers the
    complaint.
    """

    _name = "shaqra.complaint.decision"
    _inherit = ["shaqra.evidence.mixin"]
    _description = "Complaint Decision"
    _order = "meeting_id, sequence, id"
    _rec_name = "complaint_id"

    sequence = fields.Integer(default=10)
    meeting_id = fields.Many2one(
        "shaqra.committee.meeting", required=True, ondelete="cascade", index=True
    )
    committee_id = fields.Many2one(related="meeting_id.committee_id", store=True)
    meeting_state = fields.Selection(related="meeting_id.state", string="Meeting Status")
    complaint_id = fields.Many2one(
        "shaqra.complaint", required=True, ondelete="restrict", index=True
    )
    kind = fields.Selection(related="complaint_id.kind")
    outcome = fields.Selection(OUTCOMES)
    reason = fields.Text()
    settlement_terms = fields.Html()
    decided_by_id = fields.Many2one("res.users", string="Recorded By", readonly=True)
    decision_date = fields.Datetime(readonly=True)
    applied = fields.Boolean(readonly=True, copy=False)

    _evidence_fields = ("decided_by_id", "decision_date", "applied")
    _WRITABLE_FIELDS = frozenset({"sequence", "outcome", "reason", "settlement_terms"})

    _sql_constraints = [
        (
            "meeting_complaint_unique",
            "unique(meeting_id, complaint_id)",
            "A complaint is on a meeting's agenda once.",
        ),
    ]

    @api.constrains("outcome", "reason", "settlement_terms")
    def _check_outcome(self):
        for line in self:
            if line.outcome and not (line.reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "Give the reason of the decision on %(complaint)s: the complainant "
                        "is told why.",
                        complaint=line.complaint_id.name,
                    )
                )
            if line.outcome == "settled" and is_html_empty(line.settlement_terms):
                raise ValidationError(
                    self.env._(
                        "Write the settlement terms proposed to the complainant of "
                        "%(complaint)s.",
                        complaint=line.complaint_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        for line in lines:
            if line.meeting_id.state not in ("draft", "in_progress"):
                raise UserError(
                    self.env._("Complaints can be added only to a meeting not yet held.")
                )
            line.meeting_id._check_member()
            complaint = line.complaint_id.sudo()
            if complaint.committee_id != line.committee_id or not complaint.stage_id.is_committee:
                raise UserError(
                    self.env._(
                        "Complaint %(complaint)s is not waiting for this committee.",
                        complaint=complaint.name,
                    )
                )
        lines.filtered("outcome")._record_outcome()
        return lines

    def write(self, vals):
        if not self.env.su and not self._evidence_allowed():
            self.check_access("write")
            extra = set(vals) - self._WRITABLE_FIELDS - set(self._evidence_fields)
            if extra:
                raise UserError(
                    self.env._(
                        "An agenda item cannot be moved to another complaint or meeting: take "
                        "it off the agenda and add the other complaint instead."
                    )
                )
            closed = self.filtered(
                lambda line: line.meeting_id.state not in ("draft", "in_progress")
            )
            if closed:
                raise UserError(
                    self.env._(
                        "Meeting %(meeting)s is closed: its agenda and decisions are the "
                        "minutes the members approve and can no longer be changed (policy C8).",
                        meeting=closed[0].meeting_id.name,
                    )
                )
        decided = {"outcome", "reason", "settlement_terms"} & set(vals)
        if decided and not self._evidence_allowed():
            self._check_can_decide()
        result = super().write(vals)
        if decided and not self._evidence_allowed():
            self.filtered("outcome")._record_outcome()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_undecided_only(self):
        if self.filtered(lambda line: line.outcome or line.decision_date):
            raise UserError(self.env._("A decided complaint cannot be taken off the agenda."))
        if self.filtered(lambda line: line.meeting_id.state not in ("draft", "in_progress")):
            raise UserError(self.env._("The agenda of a held meeting can no longer be changed."))

    def _check_can_decide(self):
        for line in self:
            if line.meeting_id.state != "in_progress":
                raise UserError(
                    self.env._(
                        "Decisions are recorded while the meeting is in progress (meeting "
                        "%(meeting)s).",
                        meeting=line.meeting_id.name,
                    )
                )
            if not line.committee_id._is_member():
                raise UserError(
                    self.env._(
                        "Only the members of committee %(committee)s record its decisions.",
                        committee=line.committee_id.name,
                    )
                )

    def _record_outcome(self):
        self._check_can_decide()
        self._evidence_write(
            {"decided_by_id": self.env.user.id, "decision_date": fields.Datetime.now()}
        )

    def _apply_outcome(self):
        """Called when the minutes are approved: the outcome reaches the complaint."""
        for line in self.filtered(lambda line: line.outcome and not line.applied):
            line.complaint_id.sudo()._apply_committee_outcome(line)
            line._evidence_write({"applied": True})
