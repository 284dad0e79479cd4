from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

STATES = [
    ("pending", "Pending"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
]


class ShaqraDataChangeRequest(models.Model):
    """A beneficiary's proposal to correct their contact or profile data (F3).

    Beneficiaries propose from the portal; staff approve, which applies the
    new values to the beneficiary with a trace in its chatter, or reject
    with an answer sent to the beneficiary.
    """

    _name = "shaqra.data.change.request"
    _description = "Beneficiary Data Correction"
    _inherit = ["mail.thread", "mail.activity.mixin", "shaqra.evidence.mixin"]
    _order = "state_sequence, create_date desc, id desc"
    _check_company_auto = True
    # Who answered and when, and the answer itself: set only by
    # action_approve / action_reject (policy F3).
    _evidence_fields = ("state", "reviewed_by_id", "reviewed_on")

    beneficiary_id = fields.Many2one(
        "shaqra.beneficiary",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        tracking=True,
    )
    partner_id = fields.Many2one(related="beneficiary_id.partner_id", store=True, index=True)
    company_id = fields.Many2one(related="beneficiary_id.company_id", store=True, index=True)
    liaison_user_id = fields.Many2one(
        related="beneficiary_id.liaison_user_id", store=True, string="Liaison Officer User"
    )
    line_ids = fields.One2many(
        "shaqra.data.change.request.line", "change_request_id", string="Changes", copy=True
    )
    note = fields.Text(string="Beneficiary's Comment")
    state = fields.Selection(
        STATES,
        string="Correction Status",
        required=True,
        default="pending",
        readonly=True,
        tracking=True,
        index=True,
    )
    state_sequence = fields.Integer(compute="_compute_state_sequence", store=True)
    answer = fields.Text(
        help="Sent to the beneficiary when the correction is rejected or approved."
    )
    reviewed_by_id = fields.Many2one("res.users", string="Reviewed By", readonly=True, copy=False)
    reviewed_on = fields.Datetime(readonly=True, copy=False)

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    @api.depends("state")
    def _compute_state_sequence(self):
        order = {key: sequence for sequence, (key, _label) in enumerate(STATES)}
        for change in self:
            change.state_sequence = order.get(change.state, 0)

    @api.depends("beneficiary_id", "create_date")
    def _compute_display_name(self):
        for change in self:
            change.display_name = self.env._(
                "Data correction of %(beneficiary)s (%(date)s)",
                beneficiary=change.beneficiary_id.name or "",
                date=fields.Date.to_string(change.create_date) if change.create_date else "",
            )

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # The default, stated explicitly by a client, is no forgery.
            if vals.get("state") == "pending":
                del vals["state"]
        changes = super().create(vals_list)
        for change in changes:
            if change.liaison_user_id:
                change.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=change.liaison_user_id.id,
                    summary=self.env._("Review a data correction"),
                )
        return changes

    def write(self, vals):
        # What the beneficiary asked for is theirs: staff answer it, they do
        # not rewrite it (policy F3).
        if not self.env.su:
            self.check_access("write")
        if not self.env.su and {"beneficiary_id", "line_ids", "note"} & set(vals):
            raise AccessError(
                self.env._(
                    "The beneficiary, the changes and the comment of a data correction are "
                    "what the beneficiary asked for: they cannot be changed. Reject the "
                    "correction with an answer instead."
                )
            )
        if "answer" in vals and not self.env.su:
            self._check_pending()
        return super().write(vals)

    def _check_pending(self):
        for change in self:
            if change.state != "pending":
                raise UserError(
                    self.env._("%(change)s has already been answered.", change=change.display_name)
                )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_approve(self):
        """Apply the new values to the beneficiary, with a chatter trace (F3).

        Reception staff may not edit contacts in general; the values they
        approve here are limited to the correctable fields, hence the
        checked sudo.
        """
        self.check_access("write")
        self._check_pending()
        for change in self:
            # The same rules as the beneficiary form: a value refused there
            # is refused here, and nothing is applied (policy C3, F3).
            change.beneficiary_id.sudo().write(
                {line.field_name: line._value_to_write() for line in change.line_ids}
            )
            items = Markup().join(
                Markup("<li>%s: %s → %s</li>")
                % (line.field_label, line.old_value or "-", line.new_value_display or "-")
                for line in change.line_ids
            )
            change.beneficiary_id.message_post(
                body=Markup("%s<ul>%s</ul>")
                % (
                    self.env._(
                        "Data correction requested by the beneficiary and approved by %s:",
                        self.env.user.name,
                    ),
                    items,
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
            change._evidence_write(
                {
                    "state": "approved",
                    "reviewed_by_id": self.env.user.id,
                    "reviewed_on": fields.Datetime.now(),
                }
            )
            change._notify_beneficiary(
                self.env._("Your data correction has been approved and your record updated.")
            )
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    def action_reject(self):
        """Refuse the correction; the beneficiary receives the answer (F3)."""
        self.check_access("write")
        self._check_pending()
        for change in self:
            if not change.answer:
                raise UserError(
                    self.env._(
                        "Write the answer to the beneficiary before rejecting the correction."
                    )
                )
            change._evidence_write(
                {
                    "state": "rejected",
                    "reviewed_by_id": self.env.user.id,
                    "reviewed_on": fields.Datetime.now(),
                }
            )
            change._notify_beneficiary(
                self.env._("Your data correction has been rejected: %s", change.answer)
            )
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    def _notify_beneficiary(self, body):
        """Answer the beneficiary in the thread they can read on the portal."""
        self.ensure_one()
        if self.answer and self.state == "approved":
            body = Markup("%s<br/>%s") % (body, self.answer)
        self.message_post(
            body=body,
            partner_ids=self.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
