from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError


class ShaqraCommitteeMeeting(models.Model):
    """Complaints on the agenda of the follow-up committee (policy D1).

    Uses the agenda extension point of the base: complaints waiting for the
    committee are loaded with its requests, a meeting is not closed while a
    complaint on its agenda is undecided, and the outcomes are applied when
    the minutes are approved.
    """

    _inherit = "shaqra.committee.meeting"

    complaint_decision_ids = fields.One2many(
        "shaqra.complaint.decision", "meeting_id", string="Complaints", copy=False
    )
    complaint_count = fields.Integer(compute="_compute_complaint_count")

    @api.depends("complaint_decision_ids")
    def _compute_complaint_count(self):
        for meeting in self:
            meeting.complaint_count = len(meeting.complaint_decision_ids)

    def _agenda_load(self):
        super()._agenda_load()
        for meeting in self:
            added, skipped = meeting._agenda_load_complaints()
            meeting._agenda_report(added, skipped)

    def _agenda_load_complaints(self):
        """Put the complaints waiting for this committee on the agenda (D1).

        Returns the names of the complaints added and ``(name, reason)`` of
        those skipped.
        """
        self.ensure_one()
        added, skipped = [], []
        if self.state not in ("draft", "in_progress"):
            return added, skipped
        # A complaint waits for one meeting at a time: not one already on the
        # agenda of an open meeting without a decision there.
        pending = (
            self.env["shaqra.complaint.decision"]
            .sudo()
            .search(
                [
                    ("meeting_id.state", "in", ("draft", "in_progress")),
                    ("outcome", "=", False),
                    ("complaint_id.committee_id", "=", self.committee_id.id),
                ]
            )
        )
        complaints = self.env["shaqra.complaint"].search(
            [
                ("committee_id", "=", self.committee_id.id),
                ("stage_id.is_committee", "=", True),
                (
                    "id",
                    "not in",
                    (pending.complaint_id | self.complaint_decision_ids.complaint_id).ids,
                ),
            ]
        )
        for complaint in complaints:
            try:
                with self.env.cr.savepoint():
                    self.write(
                        {
                            "complaint_decision_ids": [
                                Command.create({"complaint_id": complaint.id})
                            ]
                        }
                    )
            except (UserError, ValidationError) as error:
                skipped.append((complaint.name, error.args[0]))
            else:
                added.append(complaint.name)
        return added, skipped

    def _agenda_undecided_items(self):
        items = super()._agenda_undecided_items()
        return items + self.complaint_decision_ids.filtered(
            lambda line: not line.outcome
        ).complaint_id.sudo().mapped("name")

    def _agenda_on_approved(self):
        result = super()._agenda_on_approved()
        self.complaint_decision_ids._apply_outcome()
        return result

    def _agenda_item_count(self):
        return super()._agenda_item_count() + len(self.complaint_decision_ids)


class ShaqraCommitteeMeetingClaims(models.Model):
    """Compensation claims on the agenda of the investigation committee (C7, C8)."""

    _inherit = "shaqra.committee.meeting"

    committee_type = fields.Selection(related="committee_id.committee_type")
    claim_finding_ids = fields.One2many(
        "shaqra.compensation.finding", "meeting_id", string="Compensation Claims", copy=False
    )

    def _agenda_load(self):
        super()._agenda_load()
        for meeting in self:
            added, skipped = meeting._agenda_load_claims()
            if added or skipped:
                meeting._agenda_report(added, skipped)

    def _agenda_load_claims(self):
        self.ensure_one()
        added, skipped = [], []
        if (
            self.state not in ("draft", "in_progress")
            or self.committee_id.committee_type != "investigation"
        ):
            return added, skipped
        pending = (
            self.env["shaqra.compensation.finding"]
            .sudo()
            .search(
                [
                    ("meeting_id.state", "in", ("draft", "in_progress")),
                    ("recorded_on", "=", False),
                    ("claim_id.committee_id", "=", self.committee_id.id),
                ]
            )
        )
        claims = self.env["shaqra.compensation.claim"].search(
            [
                ("committee_id", "=", self.committee_id.id),
                ("state", "=", "investigation"),
                ("id", "not in", (pending.claim_id | self.claim_finding_ids.claim_id).ids),
            ]
        )
        for claim in claims:
            try:
                with self.env.cr.savepoint():
                    self.write({"claim_finding_ids": [Command.create({"claim_id": claim.id})]})
            except (UserError, ValidationError) as error:
                skipped.append((claim.name, error.args[0]))
            else:
                added.append(claim.name)
        return added, skipped

    def _agenda_undecided_items(self):
        items = super()._agenda_undecided_items()
        return items + self.claim_finding_ids.filtered(
            lambda line: not line.recorded_on
        ).claim_id.sudo().mapped("name")

    def _agenda_on_approved(self):
        result = super()._agenda_on_approved()
        self.claim_finding_ids._apply_finding()
        return result

    def _agenda_item_count(self):
        return super()._agenda_item_count() + len(self.claim_finding_ids)
