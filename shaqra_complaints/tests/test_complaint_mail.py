from email.message import EmailMessage

from odoo.tests import tagged

from odoo.addons.mail.tests.common import MailCommon


@tagged("post_install", "-at_install")
class TestComplaintMailGateway(MailCommon):
    """Policy D1: complaints by e-mail and by fax-to-e-mail, open to everyone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.shaqra_service_calendar_id = cls.env.ref(
            "shaqra_beneficiary.resource_calendar_shaqra"
        )
        cls.alias = cls.env.ref("shaqra_complaints.mail_alias_complaints")
        cls.alias.alias_domain_id = cls.mail_alias_domain
        cls.to = f"complaints@{cls.alias_domain}"
        cls.env["ir.config_parameter"].set_param(
            "shaqra_complaints.fax_gateway_emails", "fax@gateway.example, other@gateway.example"
        )

    def _process(self, email_from, subject, body, attachment=None):
        message = EmailMessage()
        message["From"] = email_from
        message["To"] = self.to
        message["Subject"] = subject
        message["Message-Id"] = f"<{subject.replace(' ', '-')}@example.com>"
        message.set_content(body)
        if attachment:
            name, content, mimetype = attachment
            maintype, subtype = mimetype.split("/")
            message.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
        self.env["mail.thread"].sudo().message_process(False, message.as_string())
        return self.env["shaqra.complaint"].search([], order="id desc", limit=1)

    def test_d1_email_from_unknown_sender_creates_complaint(self):
        partners = self.env["res.partner"].search_count([])
        with self.mock_mail_gateway():
            complaint = self._process(
                "Noura Saleh <noura@example.net>",
                "Late aid",
                "My aid was not paid this month.",
                ("receipt.pdf", b"%PDF-1.4 receipt", "application/pdf"),
            )
        self.assertEqual(complaint.channel, "email")
        self.assertEqual(complaint.complainant_email, "noura@example.net")
        self.assertEqual(complaint.complainant_name, "Noura Saleh")
        self.assertIn("not paid", complaint.description)
        self.assertRegex(complaint.name, r"^SHK-\d{4}-\d{5}$")
        self.assertFalse(complaint.partner_id)
        self.assertEqual(self.env["res.partner"].search_count([]), partners)
        self.assertIn("receipt.pdf", complaint.message_ids.attachment_ids.mapped("name"))
        # Acknowledged by e-mail with the tracking number.
        self.assertTrue(complaint.date_acknowledged)
        self.assertTrue(
            self.env["mail.mail"]
            .sudo()
            .search([("email_to", "=", "noura@example.net")])
            .filtered(lambda m: complaint.name in (m.body_html or ""))
        )

    def test_d1_email_matches_existing_partner_only(self):
        partner = self.env["res.partner"].create(
            {"name": "Known Person", "email": "known@example.net"}
        )
        with self.mock_mail_gateway():
            complaint = self._process("known@example.net", "Known sender", "Text")
        self.assertEqual(complaint.partner_id, partner)
        self.assertEqual(complaint.complainant_name, "Known Person")

    def test_d1_fax_gateway_sets_fax_channel_and_reply_activity(self):
        with self.mock_mail_gateway():
            complaint = self._process(
                "Fax Gateway <fax@gateway.example>",
                "Fax from 0112223333",
                "See the scanned page.",
                ("fax-page-1.pdf", b"%PDF-1.4 fax", "application/pdf"),
            )
        self.assertEqual(complaint.channel, "fax")
        self.assertFalse(complaint.complainant_email)
        self.assertIn("fax-page-1.pdf", complaint.message_ids.attachment_ids.mapped("name"))
        fax_reply = self.env.ref("shaqra_complaints.mail_activity_type_complaint_fax_reply")
        self.assertIn(fax_reply, complaint.activity_ids.activity_type_id)
