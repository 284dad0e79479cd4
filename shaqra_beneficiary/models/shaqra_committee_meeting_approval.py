from odoo import api, fields, models
from odoo.exceptions import UserError


class ShaqraCommitteeMeetingApproval(models.Model):
    """One member's approval of a meeting's minutes, dated (policy C8).

    Evidence: an approval is created only by the *Approve Minutes* action
    (``shaqra.committee.meeting.action_approve``), for the member pressing
    it and at that moment; it is never typed in, changed or deleted.
    """

    _name = "shaqra.committee.meeting.approval"
    _inherit = ["shaqra.evidence.mixin"]
    _description = "Approval of Committee Minutes"
    _order = "date, id"

    meeting_id = fields.Many2one(
        "shaqra.committee.meeting", required=True, ondelete="cascade", index=True, readonly=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Member",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)

    _evidence_fields = ("meeting_id", "user_id", "date")

    _sql_constraints = [
        (
            "meeting_user_unique",
            "unique(meeting_id, user_id)",
            "A member approves the minutes of a meeting once.",
        ),
    ]

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self._evidence_allowed():
            raise UserError(
                self.env._(
                    "The minutes are approved only with the Approve Minutes button of the "
                    "meeting, by the member pressing it, at that moment (policy C8)."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            raise UserError(
                self.env._("An approval of the minutes is evidence and cannot be changed.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(
                self.env._("An approval of the minutes is evidence and cannot be deleted.")
            )
