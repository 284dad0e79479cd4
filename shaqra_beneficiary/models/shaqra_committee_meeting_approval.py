from odoo import fields, models


class ShaqraCommitteeMeetingApproval(models.Model):
    """One member's approval of a meeting's minutes, dated (policy C8)."""

    _name = "shaqra.committee.meeting.approval"
    _description = "Approval of Committee Minutes"
    _order = "date, id"

    meeting_id = fields.Many2one(
        "shaqra.committee.meeting", required=True, ondelete="cascade", index=True
    )
    user_id = fields.Many2one(
        "res.users", string="Member", required=True, default=lambda self: self.env.user
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)

    _sql_constraints = [
        (
            "meeting_user_unique",
            "unique(meeting_id, user_id)",
            "A member approves the minutes of a meeting once.",
        ),
    ]
