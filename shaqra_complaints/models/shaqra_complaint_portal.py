"""What the complainant sees and does on the status page and the portal (D1, D3, G1).

Small helpers over ``shaqra.complaint`` used by the public and portal
controllers, so that both pages show and change exactly the same things.
They run as superuser, after the controller checked the token or the owner.
"""

import datetime
from urllib.parse import urlencode

from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import consteq, email_normalize, formataddr, plaintext2html

from odoo.addons.shaqra_beneficiary.tools.hijri import format_gregorian, format_hijri

MAX_INFORMATION_LENGTH = 5000
MAX_RATING_COMMENT_LENGTH = 2000


class ShaqraComplaint(models.Model):
    _inherit = "shaqra.complaint"

    # ------------------------------------------------------------
    # ACCESS
    # ------------------------------------------------------------

    def _shaqra_status_url(self, absolute=True, **extra):
        """The complainant's private link: number and token, never the number alone."""
        self.ensure_one()
        query = urlencode({"number": self.name, "token": self._portal_ensure_token(), **extra})
        path = f"/complaint/status?{query}"
        return f"{self.get_base_url()}{path}" if absolute else path

    def _shaqra_by_number_and_token(self, number, token):
        """The complaint whose number AND token match, or an empty recordset.

        The token is compared in constant time; an unknown number and a wrong
        token give the same empty answer, so the page cannot tell them apart.
        """
        Complaint = self.sudo().browse()
        if not isinstance(number, str) or not isinstance(token, str):
            return Complaint
        number, token = number.strip(), token.strip()
        if not number or not token or len(number) > 64 or len(token) > 128:
            return Complaint
        complaint = Complaint.search([("name", "=", number)], limit=1)
        expected = complaint.access_token or "x" * 36
        if consteq(expected, token) and complaint.access_token:
            return complaint
        return Complaint

    def _shaqra_email_matches(self, email):
        """Whether ``email`` is the address on file (normalised, constant time)."""
        self.ensure_one()
        given = email_normalize(email or "") or ""
        on_file = email_normalize(self.complainant_email or "") or ""
        return bool(on_file) and consteq(given, on_file)

    def _shaqra_notice_mail_extra(self, notice):
        """Policy D2, D3: the acknowledgement mailed to a complainant without
        a contact carries the private link, so that filing sends one e-mail,
        not two; the link is never kept in the chatter or the notice log."""
        self.ensure_one()
        if notice.kind != "acknowledgement":
            return ""
        return Markup('<p>%s<br/><a href="%s">%s</a></p><p>%s</p>') % (
            self.env._("Follow it, add information and read our answers with your private link:"),
            self._shaqra_status_url(),
            self.env._("Follow my complaint"),
            self.env._(
                "Keep this e-mail and do not share the link: anyone who has it can read "
                "your complaint."
            ),
        )

    def _shaqra_status_link_mailed(self):
        """Whether the delivered acknowledgement already mailed the private link."""
        self.ensure_one()
        return bool(
            self.env["shaqra.notification"]
            .sudo()
            .search_count(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("kind", "=", "acknowledgement"),
                    ("channel", "=", "email"),
                    ("partner_id", "=", False),
                    ("state", "=", "sent"),
                ],
                limit=1,
            )
        )

    def _shaqra_send_status_link(self):
        """E-mail the tracking number and the private link to the address on file."""
        template = self.env.ref(
            "shaqra_complaints.mail_template_complaint_status_link", raise_if_not_found=False
        )
        for complaint in self.sudo().filtered("complainant_email"):
            if template:
                template.sudo().send_mail(
                    complaint.id,
                    email_layout_xmlid="mail.mail_notification_light",
                    email_values={"email_to": complaint.complainant_email, "recipient_ids": []},
                )

    # ------------------------------------------------------------
    # WHAT THE COMPLAINANT SEES
    # ------------------------------------------------------------

    def _portal_dates(self, value, lang=None):
        """Hijri and Gregorian renderings of a date, in the visitor's language."""
        if not value:
            return {"hijri": "", "gregorian": ""}
        if isinstance(value, datetime.datetime):
            value = fields.Datetime.context_timestamp(self, value).date()
        lang = lang or self.env.lang or "ar_001"
        return {
            "hijri": format_hijri(value, lang=lang),
            "gregorian": format_gregorian(value, lang),
        }

    def _portal_steps(self):
        """The stages shown to the complainant, with the current one marked."""
        self.ensure_one()
        domain = [("portal_visible", "=", True)]
        if not self.committee_id and "short_path" in self.env["shaqra.complaint.stage"]._fields:
            domain.append(("short_path", "=", True))
        stages = self.env["shaqra.complaint.stage"].sudo().search(domain)
        if self.stage_id not in stages:
            stages = (stages | self.stage_id).sorted(lambda s: (s.sequence, s.id))
        current = self.stage_id
        return [
            {
                "name": stage.name,
                "state": (
                    "current"
                    if stage == current
                    else "done"
                    if (stage.sequence, stage.id) < (current.sequence, current.id)
                    else "todo"
                ),
            }
            for stage in stages
        ]

    def _portal_public_messages(self):
        """Messages meant for the complainant: never internal notes or tracking."""
        self.ensure_one()
        return (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("message_type", "in", ("comment", "email", "email_outgoing")),
                    ("subtype_id", "!=", False),
                    ("subtype_id.internal", "=", False),
                    ("is_internal", "=", False),
                ],
                order="date asc, id asc",
            )
        )

    def _portal_public_notices(self):
        """Notices delivered to the complainant (not those still to deliver)."""
        self.ensure_one()
        if "notification_ids" not in self._fields:
            return []
        return self.sudo().notification_ids.filtered(lambda notice: notice.state == "sent")

    def _portal_can_add_information(self):
        self.ensure_one()
        return not self.stage_id.is_final

    def _portal_settlement_open(self):
        self.ensure_one()
        return self.settlement_state == "proposed" and bool(self.stage_id.is_settlement)

    def _portal_rating(self):
        """The complainant's rating once given (G1), or an empty recordset."""
        self.ensure_one()
        return self.sudo().rating_ids.filtered("consumed").sorted("id", reverse=True)[:1]

    def _portal_can_rate(self):
        self.ensure_one()
        return bool(self.stage_id.is_resolved) and not self._portal_rating()

    # ------------------------------------------------------------
    # WHAT THE COMPLAINANT DOES
    # ------------------------------------------------------------

    def _portal_author(self):
        """(author_id, email_from) of the complainant for the chatter."""
        self.ensure_one()
        if self.partner_id:
            return self.partner_id.id, self.partner_id.email_formatted or self.partner_id.name
        name = self.complainant_name or self.env._("Anonymous complainant")
        if self.complainant_email:
            return False, formataddr((name, self.complainant_email))
        return False, name

    def _portal_add_information(self, text, attachment_values):
        """Policy D1: the complainant adds information (text and files) to the file."""
        self.ensure_one()
        text = (text or "").strip()
        if not self._portal_can_add_information():
            raise UserError(self.env._("This complaint is closed: nothing can be added to it."))
        if not text and not attachment_values:
            raise UserError(self.env._("Write the information or attach a file."))
        if len(text) > MAX_INFORMATION_LENGTH:
            raise UserError(
                self.env._(
                    "The text is too long: at most %(limit)s characters.",
                    limit=MAX_INFORMATION_LENGTH,
                )
            )
        complaint = self.sudo()
        attachments = self.env["ir.attachment"].sudo()
        if attachment_values:
            attachments = attachments.create(
                [
                    # Pending like a composer's upload: message_post links them
                    # to the complaint (it ignores any other file of a visitor).
                    dict(values, res_model="mail.compose.message", res_id=0)
                    for values in attachment_values
                ]
            )
        author_id, email_from = complaint._portal_author()
        body = plaintext2html(text) if text else self.env._("The complainant added files.")
        complaint.message_post(
            body=body,
            author_id=author_id,
            email_from=email_from,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachment_ids=attachments.ids,
        )
        complaint._portal_after_information()
        return attachments

    def _portal_after_information(self):
        """Let the person in charge know (an activity), once per new information."""
        user = self.liaison_user_id or self.env["res.users"]
        if user:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=user.id,
                summary=self.env._("The complainant added information"),
            )

    def _portal_rate(self, value, comment):
        """Policy G1: the complainant rates the handling, once, 1 to 5."""
        self.ensure_one()
        try:
            value = int(value)
        except (TypeError, ValueError):
            value = 0
        if value not in (1, 2, 3, 4, 5):
            raise UserError(self.env._("Choose a rating from 1 to 5."))
        comment = (comment or "").strip()
        if len(comment) > MAX_RATING_COMMENT_LENGTH:
            raise UserError(
                self.env._(
                    "The comment is too long: at most %(limit)s characters.",
                    limit=MAX_RATING_COMMENT_LENGTH,
                )
            )
        if not self.stage_id.is_resolved:
            raise UserError(
                self.env._("You can rate the handling once the complaint is answered.")
            )
        if self._portal_rating():
            raise UserError(self.env._("You have already rated this complaint: thank you."))
        complaint = self.sudo()
        token = complaint._rating_get_access_token()
        return complaint.rating_apply(value, token=token, feedback=comment or False)
