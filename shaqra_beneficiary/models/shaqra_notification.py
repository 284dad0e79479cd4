from urllib.parse import quote

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

from ..tools import phone, validation
from ..tools.hijri import format_gregorian, format_hijri
from .shaqra_beneficiary import CHANNELS

# Channels on which the association sends without a person acting (A5).
AUTOMATIC_CHANNELS = ("email", "portal")

# What the person delivering a notice gives, recorded as proof on delivery.
DELIVERY_PROOF_FIELDS = (
    "fax_number",
    "fax_reference",
    "volunteer_partner_id",
    "volunteer_name",
)
# Bookkeeping of the mail thread, which may change on any notice.
MAIL_FIELDS = {"activity_ids", "message_follower_ids", "message_main_attachment_id"}

NOTICE_KINDS = [
    ("completion", "Request sent to the committee"),
    ("decision", "Decision"),
    ("other", "Other"),
]


class ShaqraNotification(models.Model):
    """A notice sent to a beneficiary, with its proof (policy C5, A, E3).

    Every message to a beneficiary is logged here with its channel, date,
    content and author, and with the proof its channel gives:

    - e-mail (A5): the posted ``mail.message``;
    - website / portal (A5): the message published on the request;
    - letter (A2): the outgoing letter number and its PDF;
    - fax (A4): the fax number, the PDF sent and the transmission reference;
    - WhatsApp (A3): the click-to-chat link and when it was used;
    - meeting (A1): the calendar event with the beneficiary;
    - volunteer (A6): who delivered it.

    A notice that needs a person (letter, fax, WhatsApp, meeting,
    volunteer) waits as *pending* with an activity for the liaison officer
    until it is delivered.

    Delivery is evidence (C5, E3): its status, date, author and proof are
    ``_evidence_fields``, set only by :meth:`_deliver` (and the status of a
    cancelled notice only by :meth:`action_cancel`). A delivered or
    cancelled notice no longer changes, and a delivered one is never
    deleted.
    """

    _name = "shaqra.notification"
    _description = "Beneficiary Notice"
    _inherit = ["mail.thread", "mail.activity.mixin", "shaqra.evidence.mixin"]
    _order = "date desc, id desc"
    _rec_name = "subject"
    _check_company_auto = True
    _evidence_fields = (
        "state",
        "date",
        "author_id",
        "mail_message_id",
        "letter_number",
        "attachment_id",
        "whatsapp_url",
        "whatsapp_used_on",
        "calendar_event_id",
        *DELIVERY_PROOF_FIELDS,
    )

    request_id = fields.Many2one(
        "shaqra.request", index=True, ondelete="cascade", check_company=True
    )
    beneficiary_id = fields.Many2one(
        "shaqra.beneficiary", required=True, index=True, ondelete="cascade", check_company=True
    )
    partner_id = fields.Many2one(related="beneficiary_id.partner_id")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    channel = fields.Selection(CHANNELS, required=True, tracking=True)
    kind = fields.Selection(NOTICE_KINDS, string="Notice", required=True, default="other")
    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    subject = fields.Char(required=True)
    body = fields.Html(required=True)
    author_id = fields.Many2one(
        "res.users",
        string="Sent By",
        required=True,
        default=lambda self: self.env.user,
        readonly=True,
    )
    state = fields.Selection(
        [("pending", "To deliver"), ("sent", "Delivered"), ("cancelled", "Cancelled")],
        string="Status",
        required=True,
        default="pending",
        readonly=True,
        tracking=True,
    )
    # Proof, per channel.
    mail_message_id = fields.Many2one(
        "mail.message", string="Message", readonly=True, ondelete="set null"
    )
    letter_number = fields.Char(readonly=True, copy=False, index=True)
    attachment_id = fields.Many2one(
        "ir.attachment", string="Document (PDF)", readonly=True, ondelete="set null"
    )
    fax_number = fields.Char(readonly=True)
    fax_reference = fields.Char(
        string="Transmission Reference",
        readonly=True,
        help="The reference the fax machine or service gives for the transmission.",
    )
    whatsapp_number = fields.Char(string="WhatsApp Number")
    whatsapp_url = fields.Char(string="WhatsApp Link", readonly=True)
    whatsapp_used_on = fields.Datetime(string="WhatsApp Link Used On", readonly=True)
    meeting_start = fields.Datetime(string="Meeting On")
    calendar_event_id = fields.Many2one(
        "calendar.event", string="Meeting", readonly=True, ondelete="set null"
    )
    volunteer_partner_id = fields.Many2one(
        "res.partner", string="Delivered By (Volunteer)", readonly=True
    )
    volunteer_name = fields.Char(
        string="Volunteer Name",
        readonly=True,
        help="When the volunteer is not recorded as a contact.",
    )

    @api.constrains("subject", "whatsapp_number")
    def _check_values(self):
        """Policy A, C3: a subject of sane length, a WhatsApp number of digits."""
        for notice in self:
            validation.check_length(notice, "subject", notice.subject, validation.MAX_CHAR_LENGTH)
            validation.check_phone(notice, "whatsapp_number", notice.whatsapp_number)

    @api.model_create_multi
    def create(self, vals_list):
        Beneficiary = self.env["shaqra.beneficiary"]
        for vals in vals_list:
            if vals.get("state") == "pending":
                # A new notice is always to deliver; saying so forges nothing.
                del vals["state"]
            if vals.get("request_id") and not vals.get("beneficiary_id"):
                request = self.env["shaqra.request"].browse(vals["request_id"])
                vals["beneficiary_id"] = request.beneficiary_id.id
            beneficiary = Beneficiary.browse(vals.get("beneficiary_id"))
            vals.setdefault("whatsapp_number", beneficiary.whatsapp_number or beneficiary.mobile)
        return super().create(vals_list)

    def write(self, vals):
        changed = set(vals) - MAIL_FIELDS
        if not self._evidence_allowed():
            # Evidence first, so that a forged delivery is called what it is.
            self._evidence_check_vals(vals)
            if changed and self.filtered(lambda n: n.state != "pending"):
                raise UserError(
                    self.env._(
                        "A delivered or cancelled notice is a record of what was sent: it "
                        "cannot change."
                    )
                )
            if changed & {"request_id", "beneficiary_id", "company_id"}:
                # Delivering a notice may move its request (E3): a notice
                # stays about the request and beneficiary it was made for.
                raise UserError(
                    self.env._("A notice cannot be moved to another request or beneficiary.")
                )
        elif changed - {"whatsapp_used_on"} and self.filtered(lambda n: n.state == "sent"):
            # Only the use of the WhatsApp link is logged on a delivered notice.
            raise UserError(
                self.env._("A delivered notice is a record of what was sent: it cannot change.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        if self.filtered(lambda n: n.state == "sent"):
            raise UserError(self.env._("A delivered notice cannot be deleted (policy E3)."))

    @api.model
    def _channel_label(self, channel):
        """The label of ``channel`` in the user's language."""
        return dict(self._fields["channel"]._description_selection(self.env))[channel]

    def _whatsapp_text(self):
        self.ensure_one()
        return html2plaintext(self.body or "").strip()

    def _build_whatsapp_url(self):
        self.ensure_one()
        digits = phone.whatsapp_digits(self.whatsapp_number)
        if len(digits) < 8:
            raise UserError(
                self.env._(
                    "Beneficiary %(name)s has no valid WhatsApp number.",
                    name=self.beneficiary_id.name,
                )
            )
        return f"https://wa.me/{digits}?text={quote(self._whatsapp_text(), safe='')}"

    def _render_letter(self):
        """Render the notice as a PDF and attach it (letter A2, fax A4)."""
        self.ensure_one()
        content, report_type = self.env["ir.actions.report"]._render_qweb_pdf(
            "shaqra_beneficiary.shaqra_notification_letter_report", self.ids
        )
        name = (self.letter_number or self.subject).replace("/", "-")
        return self.env["ir.attachment"].create(
            {
                "name": f"{name}.{report_type}",
                "raw": content,
                "mimetype": "application/pdf" if report_type == "pdf" else "text/html",
                "res_model": self._name,
                "res_id": self.id,
            }
        )

    def _check_deliverable(self, proof=None):
        """Refuse to deliver unless the channel's proof can be recorded.

        ``proof`` holds what the person delivering gives (fax number and
        transmission reference, volunteer); it overrides the notice's values.
        """
        self.ensure_one()
        proof = proof or {}

        def value(name):
            return proof[name] if name in proof else self[name]

        if self.state != "pending":
            raise UserError(self.env._("Only a notice to deliver can be sent."))
        channel = self.channel
        if channel == "email" and not self.partner_id.email:
            raise UserError(
                self.env._(
                    "Beneficiary %(name)s has no e-mail address.", name=self.beneficiary_id.name
                )
            )
        if channel == "fax" and not (value("fax_number") and value("fax_reference")):
            raise UserError(
                self.env._("Give the fax number and the transmission reference of the fax.")
            )
        if channel == "meeting" and not self.meeting_start:
            raise UserError(self.env._("Give the date and time of the meeting."))
        if channel == "volunteer" and not (
            value("volunteer_partner_id") or (value("volunteer_name") or "").strip()
        ):
            raise UserError(self.env._("Give the volunteer who delivers the notice."))
        if channel == "whatsapp":
            self._build_whatsapp_url()

    def _deliver(self, proof=None):
        """Send each pending notice over its channel and keep the proof.

        The only way a notice becomes delivered (C5, E3): the status, date,
        author and the proof of the channel are written here as evidence.
        ``proof`` holds what the person delivering gives, see
        :data:`DELIVERY_PROOF_FIELDS`.
        """
        proof = {
            name: value for name, value in (proof or {}).items() if name in DELIVERY_PROOF_FIELDS
        }
        for notice in self:
            notice._check_deliverable(proof)
            thread = notice.request_id or notice.beneficiary_id
            vals = {
                "state": "sent",
                "date": fields.Datetime.now(),
                "author_id": self.env.uid,
                **proof,
            }
            channel = notice.channel
            if channel in ("email", "portal"):
                message = thread.message_post(
                    body=notice.body,
                    subject=notice.subject,
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                    partner_ids=notice.partner_id.ids if channel == "email" else [],
                )
                vals["mail_message_id"] = message.id
            elif channel == "whatsapp":
                vals["whatsapp_url"] = notice._build_whatsapp_url()
                vals["whatsapp_used_on"] = vals["date"]
            elif channel in ("letter", "fax"):
                # The letter is dated the day it goes out (A2), not the day
                # the notice was prepared.
                letter_vals = {"date": vals["date"]}
                if channel == "letter" and not notice.letter_number:
                    # The letter carries its outgoing number (A2).
                    letter_vals["letter_number"] = self.env["ir.sequence"].next_by_code(
                        "shaqra.notification.letter"
                    )
                if channel == "fax":
                    letter_vals.update(
                        {
                            name: vals[name]
                            for name in ("fax_number", "fax_reference")
                            if name in vals
                        }
                    )
                notice._evidence_write(letter_vals)
                vals["attachment_id"] = notice._render_letter().id
            elif channel == "meeting":
                start = notice.meeting_start
                vals["calendar_event_id"] = (
                    self.env["calendar.event"]
                    .create(
                        {
                            "name": notice.subject,
                            "start": start,
                            "stop": fields.Datetime.add(start, hours=1),
                            "user_id": self.env.uid,
                            "partner_ids": [
                                (4, notice.partner_id.id),
                                (4, self.env.user.partner_id.id),
                            ],
                            "description": notice.body,
                            "res_model_id": self.env["ir.model"]._get_id(thread._name),
                            "res_id": thread.id,
                        }
                    )
                    .id
                )
            notice._evidence_write(vals)
            notice.activity_feedback(
                ["mail.mail_activity_data_todo"], feedback=self.env._("Notice delivered.")
            )
            if channel not in ("email", "portal"):
                thread.message_post(
                    body=self.env._(
                        "Notice %(subject)s delivered by %(channel)s.",
                        subject=notice.subject,
                        channel=self._channel_label(channel),
                    )
                )
            request = notice.request_id
            if notice.kind == "decision" and request.stage_key == "decided":
                # Policy E3: the beneficiary has been told the decision. The
                # stage after the decision is evidence too: only this
                # delivery moves the request there.
                request.sudo().write(
                    {
                        "stage_id": self.env.ref(
                            "shaqra_beneficiary.shaqra_request_stage_notified"
                        ).id
                    }
                )
        return True

    def _schedule_delivery_activity(self):
        """A person must deliver this notice: ask the liaison officer (F1)."""
        for notice in self:
            user = (
                notice.request_id.liaison_user_id
                or notice.beneficiary_id.liaison_user_id
                or self.env.user
            )
            notice.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=user.id,
                summary=self.env._(
                    "Deliver the notice to %(name)s by %(channel)s",
                    name=notice.beneficiary_id.name,
                    channel=self._channel_label(notice.channel),
                ),
            )

    def action_deliver(self):
        """Open the notice wizard to deliver this pending notice."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Notify Beneficiary"),
            "res_model": "shaqra.notification.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_notification_id": self.id},
        }

    def action_open_whatsapp(self):
        """Open the click-to-chat link again, and log that it was used."""
        self.ensure_one()
        if not self.whatsapp_url:
            raise UserError(self.env._("This notice has no WhatsApp link."))
        self.check_access("write")
        self._evidence_write({"whatsapp_used_on": fields.Datetime.now()})
        return {"type": "ir.actions.act_url", "url": self.whatsapp_url, "target": "new"}

    def action_cancel(self):
        for notice in self:
            if notice.state != "pending":
                raise UserError(self.env._("Only a notice to deliver can be cancelled."))
        self._evidence_write({"state": "cancelled"})
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    def _letter_dates(self):
        """Hijri and Gregorian dates of the notice for its letter (A2)."""
        self.ensure_one()
        day = fields.Datetime.context_timestamp(self, self.date or fields.Datetime.now())
        return {"hijri": format_hijri(day, "ar"), "gregorian": format_gregorian(day, "ar")}

    def action_print_letter(self):
        self.ensure_one()
        return self.env.ref("shaqra_beneficiary.shaqra_notification_letter_report").report_action(
            self
        )
