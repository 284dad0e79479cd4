from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError


class ShaqraRequestRecomputeDeadline(models.TransientModel):
    """Policy C6: the deadline is fixed at completion; a manager may recompute
    it after the calendar changed (a holiday added late), giving a reason that
    stays in the request's history."""

    _name = "shaqra.request.recompute.deadline"
    _description = "Recompute Request Deadline"

    request_id = fields.Many2one("shaqra.request", required=True, readonly=True)
    date_complete = fields.Datetime(related="request_id.date_complete")
    current_deadline = fields.Date(related="request_id.date_deadline", string="Current Deadline")
    new_deadline = fields.Date(compute="_compute_new_deadline")
    reason = fields.Text(required=True)

    @api.depends("request_id")
    def _compute_new_deadline(self):
        for wizard in self:
            request = wizard.request_id
            wizard.new_deadline = request._deadline_dates()[1] if request.date_complete else False

    def action_confirm(self):
        self.ensure_one()
        if not self.env.user.has_group("shaqra_beneficiary.group_manager"):
            raise UserError(self.env._("Only a manager may recompute a deadline."))
        request = self.request_id
        if not request.date_complete:
            raise UserError(
                self.env._(
                    "Request %(request)s is not complete yet: it has no deadline to recompute.",
                    request=request.name,
                )
            )
        if request.date_answered:
            raise UserError(
                self.env._(
                    "Request %(request)s has already been answered: its deadline is history.",
                    request=request.name,
                )
            )
        reason = (self.reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason for recomputing the deadline."))
        old = request.date_deadline
        new = self.new_deadline
        today = fields.Date.context_today(request)
        # The deadline is evidence (C6): the correction is logged as an override.
        request._evidence_override(
            {
                "date_deadline": new,
                "date_reminder": request._deadline_reminder_date(
                    new, request._deadline_local_date(request.date_complete)
                ),
                "is_overdue": bool(new and new < today),
            },
            reason,
        )
        request._deadline_schedule_activities()
        request.message_post(
            body=Markup("<p>%s</p>")
            % self.env._(
                "Deadline recomputed from %(old)s to %(new)s by %(user)s. Reason: %(reason)s",
                old=old,
                new=new,
                user=self.env.user.name,
                reason=reason,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return {"type": "ir.actions.act_window_close"}
