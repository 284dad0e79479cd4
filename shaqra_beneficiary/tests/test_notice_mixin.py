from datetime import date, timedelta
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import ShaqraTermsCommon

MEETING_DAY = (date.today() + timedelta(days=7)).isoformat()


@tagged("post_install", "-at_install")
class TestNoticeMixin(ShaqraTermsCommon):
    """Notices about any record, to any person, with the proof of their
    channel (policy A1-A6, C5, E3, E2)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Notice = cls.env["shaqra.notification"]
        cls.rights = cls.env["shaqra.data.rights.request"].create(
            {"beneficiary_id": cls.beneficiary.id, "kind": "restrict", "reason": "Privacy"}
        )
        cls.RightsClass = type(cls.env["shaqra.data.rights.request"])

    def _public_notice(self, channel, **vals):
        """A notice about the data rights request to a person without a contact."""
        return self.Notice.create(
            {
                "res_model": self.rights._name,
                "res_id": self.rights.id,
                "channel": channel,
                "kind": "acknowledgement",
                "subject": "We received your complaint",
                "body": "<p>Your complaint is registered.</p>",
                "recipient_name": "Nourah Al-Qahtani",
                **vals,
            }
        )

    # --- source and recipient -------------------------------------------------

    def test_c5_request_notice_is_about_its_request_and_for_its_beneficiary(self):
        request = self._complete_request()
        notice = request.notification_ids
        self.assertEqual(len(notice), 1)
        self.assertEqual((notice.res_model, notice.res_id), ("shaqra.request", request.id))
        self.assertEqual(notice.partner_id, self.beneficiary.partner_id)
        self.assertEqual(notice.kind, "completion")

    def test_c5_notice_without_source_is_refused(self):
        base = {"channel": "letter", "subject": "No source", "body": "<p>x</p>"}
        for vals in (
            {},
            {"res_model": self.rights._name},
            {"res_model": "no.such.model", "res_id": 1},
            {"res_model": self.rights._name, "res_id": 999999999},
            {"res_model": "shaqra.notice.mixin", "res_id": 1},
        ):
            with self.subTest(vals=vals):
                with self.assertRaises(UserError), self.cr.savepoint():
                    self.Notice.with_user(self.user_manager).create({**base, **vals})
        self.assertFalse(self.Notice.search([("subject", "=", "No source")]))
        # Given only the beneficiary, the notice is about their file.
        notice = self.Notice.with_user(self.user_manager).create(
            {**base, "beneficiary_id": self.beneficiary.id}
        )
        self.assertEqual(
            (notice.res_model, notice.res_id), (self.beneficiary._name, self.beneficiary.id)
        )

    def test_a_agreement_notice_is_about_the_agreement_and_listed_on_its_request(self):
        agreement = self._approved_agreement()
        notices = agreement.notification_ids
        self.assertTrue(notices)
        self.assertEqual(set(notices.mapped("res_model")), {"shaqra.beneficiary.agreement"})
        self.assertEqual(set(notices.mapped("res_id")), {agreement.id})
        self.assertEqual(agreement.notification_count, len(notices))
        self.assertEqual(notices.request_id, agreement.request_id)
        self.assertLessEqual(
            notices, self.Notice.search([("request_id", "=", agreement.request_id.id)])
        )
        action = agreement.action_view_notifications()
        self.assertEqual(self.Notice.search(action["domain"]), notices)

    def test_a_data_rights_answer_goes_out_through_the_mixin(self):
        self.rights.answer = "Your file is restricted."
        with patch.object(
            self.RightsClass, "_shaqra_notice_delivered", autospec=True
        ) as delivered:
            self.rights.with_user(self.user_manager).action_accept()
        notice = self.rights.notification_id
        self.assertEqual(self.rights.notification_ids, notice)
        self.assertEqual((notice.res_model, notice.res_id), (self.rights._name, self.rights.id))
        # A letter waits for the liaison officer: not delivered, hook not called.
        self.assertEqual(notice.state, "pending")
        self.assertTrue(notice.activity_ids)
        delivered.assert_not_called()

    # --- delivery per channel ---------------------------------------------------

    def test_a_each_channel_keeps_its_proof_for_a_non_request_source(self):
        self.beneficiary.email = "fatimah@example.com"
        cases = {
            "email": ({}, lambda n: self.beneficiary.partner_id in n.mail_message_id.partner_ids),
            "portal": ({}, lambda n: n.mail_message_id.model == self.rights._name),
            "letter": ({}, lambda n: n.letter_number.startswith("OUT/") and n.attachment_id),
            "fax": (
                {"fax_number": "+966 11 622 0000", "fax_reference": "TX-9"},
                lambda n: n.fax_reference == "TX-9" and n.attachment_id,
            ),
            "whatsapp": ({}, lambda n: n.whatsapp_url.startswith("https://wa.me/966559876001")),
            "meeting": (
                {},
                lambda n: n.calendar_event_id.res_id == self.rights.id
                and self.beneficiary.partner_id in n.calendar_event_id.partner_ids,
            ),
            "volunteer": (
                {"volunteer_name": "Abdullah"},
                lambda n: n.volunteer_name == "Abdullah",
            ),
        }
        for channel, (proof, check) in cases.items():
            with self.subTest(channel=channel):
                notice = self.rights._shaqra_notice_create(
                    "settlement", f"Settlement {channel}", "<p>Agreed.</p>", channel=channel
                )
                self.assertEqual(notice.partner_id, self.beneficiary.partner_id)
                if channel == "meeting":
                    notice.meeting_start = f"{MEETING_DAY} 08:00:00"
                with patch.object(
                    self.RightsClass, "_shaqra_notice_delivered", autospec=True
                ) as delivered:
                    notice.with_user(self.user_manager)._deliver(proof)
                delivered.assert_called_once()
                self.assertEqual(delivered.call_args.args[0], self.rights)
                self.assertEqual(delivered.call_args.args[1], notice)
                self.assertEqual(notice.state, "sent")
                self.assertEqual(notice.author_id, self.user_manager)
                self.assertTrue(check(notice))

    def test_a_notify_delivers_automatic_channels_and_leaves_others_pending(self):
        self.beneficiary.email = "fatimah@example.com"
        sent = self.rights._shaqra_notify("acknowledgement", "Received", "<p>x</p>", "email")
        self.assertEqual(sent.state, "sent")
        self.assertFalse(sent.activity_ids)
        pending = self.rights._shaqra_notify("acknowledgement", "Received", "<p>x</p>", "letter")
        self.assertEqual(pending.state, "pending")
        self.assertEqual(len(pending.activity_ids), 1)

    def test_a5_email_to_a_person_without_contact_goes_to_email_to(self):
        notice = self._public_notice("email", email_to="nourah@example.com")
        self.assertFalse(notice.partner_id)
        notice.with_user(self.user_manager)._deliver()
        message = notice.mail_message_id
        self.assertEqual(notice.state, "sent")
        self.assertEqual((message.model, message.res_id), (self.rights._name, self.rights.id))
        self.assertFalse(message.partner_ids)
        mail = self.env["mail.mail"].sudo().search([("mail_message_id", "=", message.id)])
        self.assertEqual(mail.email_to, "nourah@example.com")
        self.assertIn("Your complaint is registered.", mail.body_html)

    def test_a5_email_without_any_address_waits(self):
        notice = self._public_notice("email")
        self.assertFalse(notice._shaqra_is_automatic())
        with self.assertRaises(UserError):
            notice._deliver()
        self.assertEqual(notice.state, "pending")

    def test_a3_whatsapp_to_a_person_without_contact_uses_the_mobile(self):
        notice = self._public_notice("whatsapp", mobile="0551234567")
        notice.with_user(self.user_manager)._deliver()
        self.assertTrue(notice.whatsapp_url.startswith("https://wa.me/966551234567?text="))
        self.assertTrue(notice.whatsapp_used_on)

    def test_a2_letter_to_a_person_without_beneficiary_names_the_recipient(self):
        notice = self._public_notice("letter")
        notice.with_user(self.user_manager)._deliver()
        self.assertTrue(notice.attachment_id)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("shaqra_beneficiary.shaqra_notification_letter_report", notice.ids)[
                0
            ]
            .decode()
        )
        self.assertIn("Nourah Al-Qahtani", html)
        self.assertIn(notice.letter_number, html)

    def test_a_portal_needs_a_contact(self):
        notice = self._public_notice("portal", email_to="nourah@example.com")
        self.assertFalse(notice._shaqra_is_automatic())
        with self.assertRaises(UserError):
            notice._deliver()

    def test_e3_request_decision_notice_still_moves_the_request_once(self):
        request = self._complete_request()
        self._approve(request)
        self.assertEqual(request.stage_key, "decided")
        notice = request.notification_ids.filtered(lambda n: n.kind == "decision")
        self.assertEqual(notice.state, "pending")
        request_class = type(request)
        original = request_class._shaqra_notice_delivered
        calls = []

        def spy(record, delivered_notice):
            calls.append((record, delivered_notice))
            return original(record, delivered_notice)

        with patch.object(request_class, "_shaqra_notice_delivered", spy):
            notice.with_user(self.officer_user)._deliver()
        self.assertEqual(calls, [(request, notice)])
        self.assertEqual(request.stage_key, "notified")

    # --- evidence ----------------------------------------------------------------

    def test_e3_source_and_recipient_are_frozen(self):
        notice = self._public_notice("letter", email_to="nourah@example.com")
        other = self.env["shaqra.data.rights.request"].create(
            {"beneficiary_id": self.other_beneficiary().id, "kind": "restrict"}
        )
        manager_notice = notice.with_user(self.user_manager)
        for vals in ({"res_id": other.id}, {"res_model": "shaqra.request"}):
            with self.subTest(vals=vals):
                with self.assertRaises(UserError), self.cr.savepoint():
                    manager_notice.write(vals)
        manager_notice._deliver()
        for vals in (
            {"partner_id": self.user_portal.partner_id.id},
            {"email_to": "someone@example.com"},
            {"mobile": "0550000000"},
            {"recipient_name": "Someone"},
        ):
            with self.subTest(vals=vals):
                with self.assertRaises(UserError), self.cr.savepoint():
                    manager_notice.write(vals)
        self.assertEqual((notice.res_model, notice.res_id), (self.rights._name, self.rights.id))
        self.assertEqual(notice.email_to, "nourah@example.com")
        self.assertFalse(notice.partner_id)

    def other_beneficiary(self):
        return self.env["shaqra.beneficiary"].create(
            {"name": "Someone Else", "national_id": "2345678904", "mobile": "0551112223"}
        )

    # --- access (E2) ---------------------------------------------------------------

    def test_e2_notice_of_another_record_follows_that_record(self):
        registrar = new_test_user(
            self.env, "t_notice_registrar", groups="shaqra_beneficiary.group_reception"
        )
        stranger = new_test_user(
            self.env, "t_notice_stranger", groups="shaqra_beneficiary.group_reception"
        )
        own = (
            self.env["shaqra.beneficiary"]
            .with_user(registrar)
            .create({"name": "Registered Here", "national_id": "1234567897"})
            .sudo()
        )
        own.preferred_channel = "letter"
        rights = self.env["shaqra.data.rights.request"].create(
            {"beneficiary_id": own.id, "kind": "restrict"}
        )
        notice = rights._shaqra_notice_create("acknowledgement", "Received", "<p>x</p>")
        self.assertTrue(rights.with_user(registrar).has_access("read"))
        self.assertEqual(notice.with_user(registrar).read(["subject"])[0]["subject"], "Received")
        self.assertFalse(rights.with_user(stranger).has_access("read"))
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            notice.with_user(stranger).read(["subject"])
        self.assertFalse(
            self.Notice.with_user(stranger).search([("res_model", "=", rights._name)])
        )
        # Making a notice about a record one may not open is refused.
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.Notice.with_user(stranger).create(
                {
                    "res_model": rights._name,
                    "res_id": rights.id,
                    "channel": "letter",
                    "subject": "Forged",
                    "body": "<p>x</p>",
                }
            )

    def test_e2_portal_users_read_only_delivered_notices_addressed_to_them(self):
        other_portal = new_test_user(self.env, "t_notice_portal2", groups="base.group_portal")
        notice = self._public_notice("portal", partner_id=self.user_portal.partner_id.id)
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            notice.with_user(self.user_portal).read(["subject"])
        notice.with_user(self.user_manager)._deliver()
        self.assertEqual(
            self.Notice.with_user(self.user_portal).search([]),
            notice,
        )
        self.assertFalse(self.Notice.with_user(other_portal).search([]))
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            notice.with_user(other_portal).read(["subject"])

    # --- the wizard from any source ---------------------------------------------------

    def test_c5_pending_notice_of_another_record_is_delivered_from_the_wizard(self):
        notice = self.rights._shaqra_notice_create("acknowledgement", "Received", "<p>x</p>")
        self.assertEqual((notice.channel, notice.state), ("letter", "pending"))
        context = notice.with_user(self.user_manager).action_deliver()["context"]
        wizard = (
            self.env["shaqra.notification.wizard"]
            .with_user(self.user_manager)
            .with_context(**context)
            .create({})
        )
        self.assertEqual(wizard.notification_id, notice)
        with patch.object(
            self.RightsClass, "_shaqra_notice_delivered", autospec=True
        ) as delivered:
            wizard.action_send()
        delivered.assert_called_once()
        self.assertEqual(notice.state, "sent")
        self.assertTrue(notice.letter_number)
        self.assertFalse(notice.activity_ids)

    def test_c3_recipient_values_are_checked(self):
        for vals in (
            {"email_to": "not-an-email"},
            {"mobile": "<b>0551234567</b>"},
            {"recipient_name": "x" * 5000},
        ):
            with self.subTest(vals=list(vals)):
                with self.assertRaises(UserError), self.cr.savepoint():
                    self._public_notice("email", **vals)

    def test_c5_wizard_notifies_from_any_source_record(self):
        wizard = (
            self.env["shaqra.notification.wizard"]
            .with_user(self.user_manager)
            .with_context(active_model=self.rights._name, active_id=self.rights.id)
            .create({"subject": "Your data request", "body": "<p>Received.</p>"})
        )
        self.assertEqual((wizard.res_model, wizard.res_id), (self.rights._name, self.rights.id))
        self.assertEqual(wizard.partner_id, self.beneficiary.partner_id)
        self.assertEqual(wizard.channel, "letter")
        wizard.action_send()
        notice = self.rights.notification_ids
        self.assertEqual(len(notice), 1)
        self.assertEqual(notice.state, "sent")
        self.assertTrue(notice.letter_number)
        self.assertFalse(notice.request_id)
