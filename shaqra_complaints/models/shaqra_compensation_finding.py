from odoo import api, fields, models
from odoo.exceptions import UserError


class ShaqraCompensationFinding(models.Model):
    """A compensation claim on the agenda of an investigation committee (C7, C8).

    The committee records the harm, its extent and its causes, whether the
    association caused the fault and the amount it assesses; the findings are
    part of the printed minutes, and the claim is established when the minutes
    are approved by quorum and say the association caused the fault.
    """

    _name = "shaqra.compensation.finding"
    _inherit = ["shaqra.evidence.mixin"]
    _description = "Compensation Claim Finding"
    _order = "meeting_id, sequence, id"
    _rec_name = "claim_id"

    sequence = fields.Integer(default=10)
    meeting_id = fields.Many2one(
        "shaqra.committee.meeting", required=True, ondelete="cascade", index=True
    )
    committee_id = fields.Many2one(related="meeting_id.committee_id", store=True)
    meeting_state = fields.Selection(related="meeting_id.state", string="Meeting Status")
    claim_id = fields.Many2one(
        "shaqra.compensation.claim", required=True, ondelete="restrict", index=True
    )
    currency_id = fields.Many2one(related="claim_id.currency_id")
    harm = fields.Text()
    harm_extent = fields.Text(string="Extent of the Harm")
    harm_causes = fields.Text(string="Causes of the Harm")
    association_at_fault = fields.Boolean(
        string="Association Caused the Fault",
        help="The committee finds that the association caused the fault and the harm.",
    )
    amount_assessed = fields.Monetary()
    recorded_by_id = fields.Many2one("res.users", string="Recorded By", readonly=True)
    recorded_on = fields.Datetime(readonly=True)
    applied = fields.Boolean(readonly=True, copy=False)

    _evidence_fields = ("recorded_by_id", "recorded_on", "applied")
    _FINDING_FIELDS = frozenset(
        {"harm", "harm_extent", "harm_causes", "association_at_fault", "amount_assessed"}
    )

    _sql_constraints = [
        (
            "meeting_claim_unique",
            "unique(meeting_id, claim_id)",
            "A claim is on a meeting's agenda once.",
        ),
        ("amount_assessed_positive", "check(amount_assessed >= 0)", "Amounts cannot be negative."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        for line in lines:
            if line.meeting_id.state not in ("draft", "in_progress"):
                raise UserError(self.env._("Claims can be added only to a meeting not yet held."))
            line.meeting_id._check_member()
            claim = line.claim_id.sudo()
            if claim.state != "investigation" or claim.committee_id != line.committee_id:
                raise UserError(
                    self.env._(
                        "Claim %(claim)s is not waiting for this committee.", claim=claim.name
                    )
                )
        found = lines.filtered(lambda line: line._is_recorded())
        if found:
            found._record_finding()
        return lines

    def write(self, vals):
        if not self._evidence_allowed():
            extra = set(vals) - self._FINDING_FIELDS - {"sequence"} - set(self._evidence_fields)
            if extra:
                raise UserError(
                    self.env._(
                        "An agenda item cannot be moved to another claim or meeting: take it "
                        "off the agenda and add the other claim instead."
                    )
                )
            closed = self.filtered(
                lambda line: line.meeting_id.state not in ("draft", "in_progress")
            )
            if closed:
                raise UserError(
                    self.env._(
                        "Meeting %(meeting)s is closed: its findings are the minutes the members "
                        "approve and can no longer be changed (policy C8).",
                        meeting=closed[0].meeting_id.name,
                    )
                )
        found = self._FINDING_FIELDS & set(vals)
        if found and not self._evidence_allowed():
            self._check_can_record()
        result = super().write(vals)
        if found and not self._evidence_allowed():
            self._record_finding()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_unrecorded_only(self):
        if self.filtered("recorded_on"):
            raise UserError(self.env._("A claim with findings cannot be taken off the agenda."))
        if self.filtered(lambda line: line.meeting_id.state not in ("draft", "in_progress")):
            raise UserError(self.env._("The agenda of a held meeting can no longer be changed."))

    def _is_recorded(self):
        self.ensure_one()
        return bool((self.harm or "").strip() and (self.harm_causes or "").strip())

    def _check_can_record(self):
        for line in self:
            if line.meeting_id.state != "in_progress":
                raise UserError(
                    self.env._(
                        "Findings are recorded while the meeting is in progress (meeting "
                        "%(meeting)s).",
                        meeting=line.meeting_id.name,
                    )
                )
            if not line.committee_id._is_member():
                raise UserError(
                    self.env._(
                        "Only the members of committee %(committee)s record its findings.",
                        committee=line.committee_id.name,
                    )
                )

    def _record_finding(self):
        self._check_can_record()
        self._evidence_write(
            {"recorded_by_id": self.env.user.id, "recorded_on": fields.Datetime.now()}
        )

    def _apply_finding(self):
        """Called when the minutes are approved: a fault found establishes the claim."""
        for line in self.filtered(lambda line: line.recorded_on and not line.applied):
            claim = line.claim_id.sudo()
            line._evidence_write({"applied": True})
            if claim.state != "investigation":
                continue
            if line.association_at_fault:
                claim.action_establish()
            else:
                claim.message_post(
                    body=self.env._(
                        "The approved minutes of meeting %(meeting)s do not find that the "
                        "association caused the fault.",
                        meeting=line.meeting_id.name,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
