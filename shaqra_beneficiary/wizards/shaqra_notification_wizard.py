from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.shaqra_notification import NOTICE_KINDS
from ..tools.channels import CHANNELS


class ShaqraNotificationWizard(models.TransientModel):
    """Notify a person over the agreed channel (policy C5, A1-A6, E3).

    Opened by the contract button ``shaqra.request.action_notify_beneficiary``
    (or from a pending notice, or from any record with notices:
    ``active_model``/``active_id`` of a ``shaqra.notice.mixin`` record):
    pre-filled with the recipient's preferred channel and the subject and
    body fitting the record; sending logs a ``shaqra.notification`` with
    the proof of its channel.
    """

    _name = "shaqra.notification.wizard"
    _description = "Notify Beneficiary"

    request_id = fields.Many2one("shaqra.request", readonly=True)
    notification_id = fields.Many2one(
        "shaqra.notification", string="Pending Notice", readonly=True
    )
    res_model = fields.Char(string="Source Model", readonly=True)
    res_id = fields.Many2oneReference(
        string="Source Record", model_field="res_model", readonly=True
    )
    beneficiary_id = fields.Many2one("shaqra.beneficiary", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Recipient", readonly=True)
    recipient_name = fields.Char(readonly=True)
    email_to = fields.Char(string="Recipient E-mail", readonly=True)
    mobile = fields.Char(string="Recipient Mobile", readonly=True)
    channel = fields.Selection(CHANNELS, required=True)
    kind = fields.Selection(NOTICE_KINDS, string="Notice", required=True, default="other")
    subject = fields.Char(required=True)
    body = fields.Html(required=True)
    email = fields.Char(related="partner_id.email", readonly=True)
    whatsapp_number = fields.Char(string="WhatsApp Number")
    fax_number = fields.Char()
    fax_reference = fields.Char(string="Transmission Reference")
    meeting_start = fields.Datetime(string="Meeting On")
    volunteer_partner_id = fields.Many2one("res.partner", string="Delivered By (Volunteer)")
    volunteer_name = fields.Char(string="Volunteer Name")

    @api.model
    @api.model
    def _action_open(self, **defaults):
        """The wizard in a dialog, pre-filled with ``defaults`` (e.g. ``request_id``)."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Notify Beneficiary"),
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": {f"default_{name}": value for name, value in defaults.items()},
        }

    def _source_from_context(self):
        """The record the wizard was opened on, when it has notices."""
        model_name = self.env.context.get("active_model")
        record_id = self.env.context.get("active_id")
        if (
            not model_name
            or not isinstance(record_id, int)
            or model_name not in self.env
            or not hasattr(self.env[model_name], "_shaqra_notice_recipient")
        ):
            return None
        return self.env[model_name].browse(record_id).exists()

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        notice = self.env["shaqra.notification"].browse(values.get("notification_id"))
        request = self.env["shaqra.request"].browse(values.get("request_id"))
        source = None
        if not notice and not request:
            source = self._source_from_context()
            if source is not None and source._name == "shaqra.request":
                request, source = source, None
                values["request_id"] = request.id
        if request and not notice:
            # Deliver the automatic notice waiting for a person rather than
            # log the same notice twice (C5).
            kind = request._shaqra_notice_kind()
            notice = request.notification_ids.filtered(
                lambda n: n.state == "pending" and n.kind == kind
            )[:1]
            values["notification_id"] = notice.id
        elif source and not notice:
            source.check_access("read")
            notice = source.notification_ids.filtered(lambda n: n.state == "pending")[:1]
            values["notification_id"] = notice.id
        if notice:
            if notice.state != "pending":
                raise UserError(self.env._("This notice has already been dealt with."))
            values.update(
                request_id=notice.request_id.id,
                res_model=notice.res_model,
                res_id=notice.res_id,
                beneficiary_id=notice.beneficiary_id.id,
                partner_id=notice.partner_id.id,
                recipient_name=notice.recipient_name,
                email_to=notice.email_to,
                mobile=notice.mobile,
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
                res_model=request._name,
                res_id=request.id,
                beneficiary_id=beneficiary.id,
                partner_id=beneficiary.partner_id.id,
                channel=beneficiary.preferred_channel,
                kind=kind,
                whatsapp_number=beneficiary.whatsapp_number or beneficiary.mobile,
                fax_number=beneficiary.fax_number,
                **request._shaqra_notice_content(kind),
            )
        elif source:
            recipient = source._shaqra_notice_recipient()
            beneficiary = recipient.get("beneficiary") or self.env["shaqra.beneficiary"]
            partner = recipient.get("partner") or self.env["res.partner"]
            values.update(
                res_model=source._name,
                res_id=source.id,
                beneficiary_id=beneficiary.id,
                partner_id=partner.id,
                recipient_name=False if partner else recipient.get("name") or False,
                email_to=False if partner else recipient.get("email") or False,
                mobile=False if partner else recipient.get("mobile") or False,
                channel=recipient.get("channel") or "email",
                whatsapp_number=recipient.get("mobile") or False,
                fax_number=beneficiary.fax_number,
            )
        return values

    def _source_record(self):
        """The record the notice is about (request or other source)."""
        self.ensure_one()
        if self.request_id:
            return self.request_id
        if self.res_model and self.res_model in self.env and self.res_id:
            return self.env[self.res_model].browse(self.res_id)
        return self.beneficiary_id

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
        source = self._source_record()
        if not source:
            raise UserError(self.env._("Open the notice from the record it is about."))
        source.check_access("read")
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
        company = (
            source.company_id
            if "company_id" in source._fields
            else self.beneficiary_id.company_id or self.env.company
        )
        new_vals = {
            "request_id": self.request_id.id,
            "res_model": source._name,
            "res_id": source.id,
            "beneficiary_id": self.beneficiary_id.id,
            "partner_id": self.partner_id.id,
            "recipient_name": self.recipient_name,
            "email_to": self.email_to,
            "mobile": self.mobile,
            "company_id": (company or self.env.company).id,
        }
        if notice:
            new_vals = {
                "request_id": notice.request_id.id,
                "res_model": notice.res_model,
                "res_id": notice.res_id,
                "beneficiary_id": notice.beneficiary_id.id,
                "partner_id": notice.partner_id.id,
                "recipient_name": notice.recipient_name,
                "email_to": notice.email_to,
                "mobile": notice.mobile,
                "company_id": notice.company_id.id,
            }
        draft = Notice.new({**vals, **new_vals})
        draft._check_deliverable(proof)
        if notice:
            notice.write(vals)
        else:
            notice = Notice.create({**vals, **new_vals})
        notice._deliver(proof)
        if notice.channel == "whatsapp":
            return {"type": "ir.actions.act_url", "url": notice.whatsapp_url, "target": "new"}
        return {"type": "ir.actions.act_window_close"}
