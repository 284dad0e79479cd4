from urllib.parse import quote

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import html2plaintext

from ..tools import phone, validation
from ..tools.channels import CHANNELS
from ..tools.hijri import format_gregorian, format_hijri

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
# What a notice is about and who it is for: fixed once it is made (E3).
SOURCE_FIELDS = {"request_id", "beneficiary_id", "company_id", "res_model", "res_id"}
# The recipient, frozen once the notice is delivered (E3).
RECIPIENT_FIELDS = ("partner_id", "recipient_name", "email_to", "mobile")

NOTICE_KINDS = [
    ("completion", "Request sent to the committee"),
    ("decision", "Decision"),
    ("acknowledgement", "Acknowledgement of receipt"),
    ("settlement", "Settlement"),
    ("other", "Other"),
]


class ShaqraNotification(models.Model):
    """A notice sent to a person, with its proof (policy C5, A, E3).

    A notice is about a source record (``res_model``/``res_id``: a request,
    an agreement, a data rights request, a complaint, a claim, a volunteer
    task; the request also in ``request_id``) and goes to its recipient:
    a contact (``partner_id``, by default the beneficiary's) or, for a
    member of the public without one, ``recipient_name``, ``email_to`` and
    ``mobile``. Every message is logged here with its channel, date,
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
    deleted. Each channel delivers in its own ``_deliver_<channel>``
    method; once delivered, :meth:`_after_delivery` tells the source
    record (``_shaqra_notice_delivered``), e.g. a decided request becomes
    *notified*.
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
    # The source and the recipient are evidence of what was sent to whom.
    _evidence_frozen_fields = ("res_model", "res_id", *RECIPIENT_FIELDS)

    request_id = fields.Many2one(
        "shaqra.request", index=True, ondelete="cascade", check_company=True
    )
    res_model = fields.Char(string="Source Model", index=True, readonly=True)
    res_id = fields.Many2oneReference(
        string="Source Record", model_field="res_model", index=True, readonly=True
    )
    beneficiary_id = fields.Many2one(
        "shaqra.beneficiary", index=True, ondelete="cascade", check_company=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Recipient",
        index=True,
        ondelete="restrict",
        help="The contact the notice is for; by default the beneficiary's.",
    )
    recipient_name = fields.Char(help="The name of a recipient who is not recorded as a contact.")
    email_to = fields.Char(
        string="Recipient E-mail", help="The e-mail address of a recipient without a contact."
    )
    mobile = fields.Char(
        string="Recipient Mobile", help="The mobile number of a recipient without a contact."
    )
    source_readable_by = fields.Many2one(
        "res.users",
        string="Source Readable By",
        compute="_compute_source_access",
        search="_search_source_readable_by",
        help="Technical: notices whose source record the given user may read (record rules).",
    )
    source_writable_by = fields.Many2one(
        "res.users",
        string="Source Writable By",
        compute="_compute_source_access",
        search="_search_source_writable_by",
        help="Technical: notices whose source record the given user may change (record rules).",
    )
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

    # ------------------------------------------------------------
    # COMPUTES AND CONSTRAINTS
    # ------------------------------------------------------------

    @api.depends_context("uid")
    def _compute_source_access(self):
        """The current user, on the notices whose source they may read/change
        (record rules check a record in Python, searches in SQL)."""
        user = self.env.user
        readable, writable = set(), set()
        for model_name in set(self.sudo().mapped("res_model")):
            if not model_name or model_name not in self.env:
                continue
            notices = self.sudo().filtered(lambda n, m=model_name: n.res_model == m)
            sources = self.env[model_name].with_user(user).browse(set(notices.mapped("res_id")))
            sources = sources.exists()
            for mode, ids in (("read", readable), ("write", writable)):
                allowed = sources._filtered_access(mode)
                ids.update((model_name, source_id) for source_id in allowed.ids)
        for notice in self:
            key = (notice.sudo().res_model, notice.sudo().res_id)
            notice.source_readable_by = user if key in readable else False
            notice.source_writable_by = user if key in writable else False

    def _search_source_access(self, operator, value, mode):
        """Notices whose source record the user ``value`` may ``mode``.

        For record rules (policy E2): a notice about a complaint, a claim
        or a volunteer task is read by whoever may read that record, and
        made or changed by whoever may change it.
        """
        if operator != "=" or not isinstance(value, int):
            raise UserError(self.env._("Unsupported search on the source of a notice."))
        user = self.env["res.users"].browse(value)
        self.flush_model(["res_model"])
        self.env.cr.execute(
            "SELECT DISTINCT res_model FROM shaqra_notification WHERE res_model IS NOT NULL"
        )
        domains = []
        for (model_name,) in self.env.cr.fetchall():
            if model_name not in self.env:
                continue
            Source = self.env[model_name].with_user(user)
            if not Source.has_access(mode):
                continue
            rule_domain = self.env["ir.rule"].with_user(user)._compute_domain(model_name, mode)
            readable = Source.sudo().with_context(active_test=False)._search(rule_domain or [])
            domains.append([("res_model", "=", model_name), ("res_id", "in", readable)])
        return expression.OR(domains) if domains else expression.FALSE_DOMAIN

    def _search_source_readable_by(self, operator, value):
        return self._search_source_access(operator, value, "read")

    def _search_source_writable_by(self, operator, value):
        return self._search_source_access(operator, value, "write")

    @api.constrains("subject", "whatsapp_number", "recipient_name", "email_to", "mobile")
    def _check_values(self):
        """Policy A, C3: a subject of sane length, a WhatsApp number of digits."""
        for notice in self:
            validation.check_length(notice, "subject", notice.subject, validation.MAX_CHAR_LENGTH)
            validation.check_phone(notice, "whatsapp_number", notice.whatsapp_number)
            validation.check_length(
                notice, "recipient_name", notice.recipient_name, validation.MAX_CHAR_LENGTH
            )
            validation.check_email(notice, "email_to", notice.email_to)
            validation.check_phone(notice, "mobile", notice.mobile)

    @api.model
    def _prepare_source_vals(self, vals):
        """Complete ``vals`` of a new notice with its source and recipient.

        A notice made for a request is about that request; any other notice
        names its source record (``res_model``/``res_id``). The recipient is
        the beneficiary's contact unless another one is given.
        """
        validation.check_vals_types(self, vals)
        if vals.get("request_id"):
            request = self.env["shaqra.request"].browse(vals["request_id"])
            if not vals.get("res_model"):
                vals["res_model"] = "shaqra.request"
                vals["res_id"] = request.id
            beneficiary_id = request.sudo().beneficiary_id.id
            if not vals.get("beneficiary_id"):
                vals["beneficiary_id"] = beneficiary_id
            elif vals["beneficiary_id"] != beneficiary_id:
                raise UserError(
                    self.env._("A notice about a request is for the beneficiary of that request.")
                )
        if not vals.get("res_model") and vals.get("beneficiary_id"):
            # A notice about the beneficiary's file itself (an interview, a
            # reminder to renew a document) is about that file.
            vals["res_model"] = "shaqra.beneficiary"
            vals["res_id"] = vals["beneficiary_id"]
        model_name = vals.get("res_model")
        if not model_name or not vals.get("res_id"):
            raise UserError(
                self.env._(
                    "A notice is always about a record: give its request, or the model and "
                    "record it is about."
                )
            )
        if model_name not in self.env or self.env[model_name]._abstract:
            raise UserError(
                self.env._(
                    "A notice cannot be about %(model)s: it is not a kind of record.",
                    model=model_name,
                )
            )
        source = (
            self.env[model_name].browse(vals["res_id"])
            if isinstance(vals["res_id"], int)
            else self.env[model_name]
        )
        if not source.sudo().exists():
            raise UserError(self.env._("The record this notice is about does not exist."))
        if not self.env.su:
            # Notices only about a record the user may open (E2).
            source.check_access("read")
        beneficiary = self.env["shaqra.beneficiary"].browse(vals.get("beneficiary_id"))
        if beneficiary and not self.env.su:
            beneficiary.check_access("read")
        if not vals.get("partner_id"):
            vals["partner_id"] = beneficiary.partner_id.id
        if not vals.get("whatsapp_number"):
            partner = self.env["res.partner"].browse(vals.get("partner_id"))
            vals["whatsapp_number"] = (
                beneficiary.whatsapp_number
                or beneficiary.mobile
                or vals.get("mobile")
                or partner.mobile
                or False
            )
        return vals

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("state") == "pending":
                # A new notice is always to deliver; saying so forges nothing.
                del vals["state"]
            if not self._evidence_allowed():
                # Evidence first, so that a forged delivery is called what it is.
                self._evidence_check_vals(vals, creating=True)
            self._prepare_source_vals(vals)
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
            if changed & SOURCE_FIELDS:
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

    def _evidence_is_frozen(self):
        return self.state == "sent"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        if self.filtered(lambda n: n.state == "sent"):
            raise UserError(self.env._("A delivered notice cannot be deleted (policy E3)."))

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _channel_label(self, channel):
        """The label of ``channel`` in the user's language."""
        return dict(self._fields["channel"]._description_selection(self.env))[channel]

    def _recipient_display(self):
        """The name of whom the notice is for, for messages and the letter."""
        self.ensure_one()
        return (
            self.sudo().partner_id.name
            or self.recipient_name
            or self.sudo().beneficiary_id.name
            or self.email_to
            or self.mobile
            or ""
        )

    def _recipient_email(self):
        self.ensure_one()
        return self.sudo().partner_id.email or self.email_to or False

    def _notice_source(self):
        """The record the notice is about (empty when it is gone)."""
        self.ensure_one()
        if not self.res_model or self.res_model not in self.env or not self.res_id:
            return self.env["shaqra.request"]
        return self.env[self.res_model].browse(self.res_id).exists()

    def _notice_thread(self):
        """Where the notice is posted: its request, else its source, else the
        beneficiary's file, else the notice itself."""
        self.ensure_one()
        if self.request_id:
            return self.request_id
        source = self._notice_source()
        if source and hasattr(source, "message_post"):
            return source
        return self.beneficiary_id or self

    def _whatsapp_text(self):
        self.ensure_one()
        return html2plaintext(self.body or "").strip()

    def _build_whatsapp_url(self):
        self.ensure_one()
        digits = phone.whatsapp_digits(self.whatsapp_number or self.mobile)
        if len(digits) < 8:
            raise UserError(
                self.env._(
                    "Beneficiary %(name)s has no valid WhatsApp number.",
                    name=self._recipient_display(),
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

    def _shaqra_is_automatic(self):
        """Whether the notice goes out without a person (A5): on the portal
        to a contact, or by e-mail to a known address."""
        self.ensure_one()
        if self.channel == "portal":
            return bool(self.partner_id)
        return self.channel == "email" and bool(self._recipient_email())

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
        if channel == "email" and not self._recipient_email():
            raise UserError(
                self.env._(
                    "Beneficiary %(name)s has no e-mail address.", name=self._recipient_display()
                )
            )
        if channel == "portal" and not self.partner_id:
            raise UserError(
                self.env._(
                    "%(name)s has no account on the portal: choose another channel.",
                    name=self._recipient_display(),
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
        :data:`DELIVERY_PROOF_FIELDS`. Each channel delivers in
        ``_deliver_<channel>(proof)``, which returns the proof to record;
        then the source record is told (:meth:`_after_delivery`).
        """
        proof = {
            name: value for name, value in (proof or {}).items() if name in DELIVERY_PROOF_FIELDS
        }
        for notice in self:
            notice._check_deliverable(proof)
            channel = notice.channel
            vals = {
                "state": "sent",
                "date": fields.Datetime.now(),
                "author_id": self.env.uid,
                **proof,
            }
            vals.update(getattr(notice, f"_deliver_{channel}")(dict(vals)))
            notice._evidence_write(vals)
            notice.activity_feedback(
                ["mail.mail_activity_data_todo"], feedback=self.env._("Notice delivered.")
            )
            if channel not in AUTOMATIC_CHANNELS:
                notice._notice_thread().message_post(
                    body=self.env._(
                        "Notice %(subject)s delivered by %(channel)s.",
                        subject=notice.subject,
                        channel=self._channel_label(channel),
                    )
                )
            notice._after_delivery()
        return True

    def _deliver_email(self, proof):
        """E-mail (A5): posted on the source's thread to the recipient's
        contact, or mailed to ``email_to``; the proof is the message."""
        self.ensure_one()
        thread = self._notice_thread()
        partner = self.sudo().partner_id
        message = thread.message_post(
            body=self.body,
            subject=self.subject,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=partner.ids,
        )
        if not partner:
            # A person without a contact: the same message, mailed to the
            # address they gave, with what only the addressee may see (e.g. a
            # private link) added to the mail alone, never to the chatter.
            source = self._notice_source()
            extra = (
                source._shaqra_notice_mail_extra(self)
                if source and hasattr(source, "_shaqra_notice_mail_extra")
                else ""
            )
            self.env["mail.mail"].sudo().create(
                {
                    "mail_message_id": message.id,
                    "email_to": self.email_to,
                    "body_html": self.body + extra if extra else self.body,
                    "auto_delete": False,
                }
            )
        return {"mail_message_id": message.id}

    def _deliver_portal(self, proof):
        """Website / portal (A5): the message published on the source."""
        self.ensure_one()
        message = self._notice_thread().message_post(
            body=self.body,
            subject=self.subject,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=[],
        )
        return {"mail_message_id": message.id}

    def _deliver_whatsapp(self, proof):
        """WhatsApp (A3): the click-to-chat link, opened now."""
        self.ensure_one()
        return {"whatsapp_url": self._build_whatsapp_url(), "whatsapp_used_on": proof["date"]}

    def _deliver_letter(self, proof):
        """Letter (A2): numbered, dated the day it goes out, and its PDF."""
        self.ensure_one()
        # The letter is dated the day it goes out (A2), not the day the
        # notice was prepared.
        letter_vals = {"date": proof["date"]}
        if not self.letter_number:
            # The letter carries its outgoing number (A2).
            letter_vals["letter_number"] = self.env["ir.sequence"].next_by_code(
                "shaqra.notification.letter"
            )
        self._evidence_write(letter_vals)
        return {"attachment_id": self._render_letter().id}

    def _deliver_fax(self, proof):
        """Fax (A4): the number, the transmission reference and the PDF sent."""
        self.ensure_one()
        self._evidence_write(
            {
                "date": proof["date"],
                **{name: proof[name] for name in ("fax_number", "fax_reference") if name in proof},
            }
        )
        return {"attachment_id": self._render_letter().id}

    def _deliver_meeting(self, proof):
        """Meeting (A1): the calendar event with the recipient."""
        self.ensure_one()
        thread = self._notice_thread()
        start = self.meeting_start
        attendees = self.sudo().partner_id | self.env.user.partner_id
        event = self.env["calendar.event"].create(
            {
                "name": self.subject,
                "start": start,
                "stop": fields.Datetime.add(start, hours=1),
                "user_id": self.env.uid,
                "partner_ids": [(4, partner.id) for partner in attendees],
                "description": self.body,
                "res_model_id": self.env["ir.model"]._get_id(thread._name),
                "res_id": thread.id,
            }
        )
        return {"calendar_event_id": event.id}

    def _deliver_volunteer(self, proof):
        """Volunteer (A6): who delivered it, given in ``proof``."""
        self.ensure_one()
        return {}

    def _after_delivery(self):
        """Tell the source record its notice was delivered (e.g. E3: a
        decided request is now *notified*)."""
        for notice in self:
            source = notice._notice_source()
            if source and hasattr(source, "_shaqra_notice_delivered"):
                source._shaqra_notice_delivered(notice)

    def _schedule_delivery_activity(self):
        """A person must deliver this notice: ask the liaison officer (F1)."""
        for notice in self:
            source = notice.sudo()._notice_source()
            user = (
                notice.request_id.liaison_user_id
                or notice.beneficiary_id.liaison_user_id
                or (
                    source._shaqra_notice_responsible_user()
                    if hasattr(source, "_shaqra_notice_responsible_user")
                    else self.env["res.users"]
                )
                or self.env.user
            )
            notice.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=user.id,
                summary=self.env._(
                    "Deliver the notice to %(name)s by %(channel)s",
                    name=notice._recipient_display(),
                    channel=self._channel_label(notice.channel),
                ),
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_deliver(self):
        """Open the notice wizard to deliver this pending notice."""
        self.ensure_one()
        return self.env["shaqra.notification.wizard"]._action_open(notification_id=self.id)

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
