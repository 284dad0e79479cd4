from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.shaqra_beneficiary import CHANNELS
from ..models.shaqra_notification import NOTICE_KINDS


class ShaqraNotificationWizard(models.TransientModel):
    """Notify a beneficiary over the agreed channel (policy C5, A1-A6, E3).

    Opened by the contract button ``shaqra.request.action_notify_beneficiary``
    (or from a pending notice): pre-filled with the beneficiary's preferred
    channel and an Arabic subject and body fitting the request; sending
    logs a ``shaqra.notification`` with the proof of its channel.
    """

    _name = "shaqra.notification.wizard"
    _description = "Notify Beneficiary"

    request_id = fields.Many2one("shaqra.request", readonly=True)
    notification_id = fields.Many2one(
        "shaqra.notification", string="Pending Notice", readonly=True
    )
    beneficiary_id = fields.Many2one("shaqra.beneficiary", required=True, readonly=True)
    channel = fields.Selection(CHANNELS, required=True)
    kind = fields.Selection(NOTICE_KINDS, string="Notice", required=True, default="other")
    subject = fields.Char(required=True)
    body = fields.Html(required=True)
    email = fields.Char(related="beneficiary_id.email", readonly=True)
    whatsapp_number = fields.Char(string="WhatsApp Number")
    fax_number = fields.Char()
    fax_reference = fields.Char(string="Transmission Reference")
    meeting_start = fields.Datetime(string="Meeting On")
    volunteer_partner_id = fields.Many2one("res.partner", string="Delivered By (Volunteer)")
    volunteer_name = fields.Char(string="Volunteer Name")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        notice = self.env["shaqra.notification"].browse(values.get("notification_id"))
        request = self.env["shaqra.request"].browse(values.get("request_id"))
        if request and not notice:
            # Deliver the automatic notice waiting for a person rather than
            # log the same notice twice (C5).
            kind = request._shaqra_notice_kind()
            notice = request.notification_ids.filtered(
                lambda n: n.state == "pending" and n.kind == kind
            )[:1]
            values["notification_id"] = notice.id
        if notice:
            if notice.state != "pending":
                raise UserError(self.env._("This notice has already been dealt with."))
            values.update(
                request_id=notice.request_id.id,
                beneficiary_id=notice.beneficiary_id.id,
                channel=notice.channel,
                kind=notice.kind,
                subject=notice.subject,
                body=notice.body,
                whatsapp_number=notice.whatsapp_number,
                fax_number=notice.fax_number or notice.beneficiary_id.fax_number,
            )
        elif request:
            beneficiary = request.beneficiary_id
            kind = request._shaqra_notice_kind()
            values.update(
                beneficiary_id=beneficiary.id,
                channel=beneficiary.preferred_channel,
                kind=kind,
                whatsapp_number=beneficiary.whatsapp_number or beneficiary.mobile,
                fax_number=beneficiary.fax_number,
                **request._shaqra_notice_content(kind),
            )
        return values

    @api.onchange("meeting_start")
    def _onchange_meeting_start(self):
        """Say at once, on the field, that a meeting cannot be in the past."""
        if self.meeting_start and self.meeting_start < fields.Datetime.now():
            return {
                "warning": {
                    "title": self.env._("Meeting in the past"),
                    "message": self._meeting_in_past_message(),
                }
            }
        return None

    def _meeting_in_past_message(self):
        return self.env._(
            "The meeting date is in the past: choose the day and time the beneficiary is "
            "invited to come."
        )

    def action_send(self):
        """Log the notice and deliver it over the chosen channel.

        What the person delivering gives (fax reference, volunteer) is
        recorded by the delivery itself as its proof; nothing is written
        unless the notice can be delivered.
        """
        self.ensure_one()
        if self.channel == "meeting":
            if not self.meeting_start:
                raise UserError(self.env._("Give the date and time of the meeting."))
            if self.meeting_start < fields.Datetime.now():
                raise UserError(self._meeting_in_past_message())
        # Notices only about a file the user may open (E2).
        (self.request_id or self.beneficiary_id).check_access("read")
        vals = {
            "channel": self.channel,
            "kind": self.kind,
            "subject": self.subject,
            "body": self.body,
            "whatsapp_number": self.whatsapp_number,
            "meeting_start": self.meeting_start,
        }
        proof = {
            "fax_number": self.fax_number,
            "fax_reference": self.fax_reference,
            "volunteer_partner_id": self.volunteer_partner_id.id,
            "volunteer_name": (self.volunteer_name or "").strip() or False,
        }
        Notice = self.env["shaqra.notification"]
        notice = self.notification_id
        if notice and notice.state != "pending":
            raise UserError(self.env._("This notice has already been dealt with."))
        # Check first on a draft of the notice: a refused delivery logs nothing.
        draft = Notice.new(
            {
                **vals,
                "request_id": (notice.request_id or self.request_id).id,
                "beneficiary_id": (notice.beneficiary_id or self.beneficiary_id).id,
                "company_id": (self.request_id or self.beneficiary_id).company_id.id,
            }
        )
        draft._check_deliverable(proof)
        if notice:
            notice.write(vals)
        else:
            notice = Notice.create(
                {
                    **vals,
                    "request_id": self.request_id.id,
                    "beneficiary_id": self.beneficiary_id.id,
                    "company_id": (self.request_id or self.beneficiary_id).company_id.id,
                }
            )
        notice._deliver(proof)
        if notice.channel == "whatsapp":
            return {"type": "ir.actions.act_url", "url": notice.whatsapp_url, "target": "new"}
        return {"type": "ir.actions.act_window_close"}
