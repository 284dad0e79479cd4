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
        result = super()._agenda_load()
        self._agenda_load_complaints()
        return result

    def _agenda_load_complaints(self):
        """Put the complaints waiting for this committee on the agenda."""
        added = self.env["shaqra.complaint"]
        for meeting in self:
            if meeting.state not in ("draft", "in_progress"):
                continue
            on_agenda = (
                self.env["shaqra.complaint.decision"]
                .sudo()
                .search(
                    [
                        ("meeting_id.state", "in", ("draft", "in_progress")),
                        ("complaint_id.committee_id", "=", meeting.committee_id.id),
                    ]
                )
                .filtered(lambda line: not line.outcome or line.complaint_id.stage_id.is_committee)
            )
            complaints = self.env["shaqra.complaint"].search(
                [
                    ("committee_id", "=", meeting.committee_id.id),
                    ("stage_id.is_committee", "=", True),
                    ("id", "not in", on_agenda.complaint_id.ids),
                ]
            )
            for complaint in complaints:
                try:
                    with self.env.cr.savepoint():
                        meeting.write(
                            {
                                "complaint_decision_ids": [
                                    Command.create({"complaint_id": complaint.id})
                                ]
                            }
                        )
                        added |= complaint
                except (UserError, ValidationError):
                    continue
        return added

    def _agenda_undecided_items(self):
        items = super()._agenda_undecided_items()
        for meeting in self:
            items += meeting.complaint_decision_ids.filtered(
                lambda line: not line.outcome
            ).complaint_id.mapped("name")
        return items

    def _agenda_on_approved(self):
        result = super()._agenda_on_approved()
        self.complaint_decision_ids._apply_outcome()
        return result

    def _agenda_item_count(self):
        return super()._agenda_item_count() + len(self.complaint_decision_ids)
