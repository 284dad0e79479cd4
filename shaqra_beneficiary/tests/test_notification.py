from urllib.parse import unquote

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ShaqraCommitteeCommon
from .test_notification_evidence import MEETING_DAY


@tagged("post_install", "-at_install")
class TestNotification(ShaqraCommitteeCommon):
    """Every notice goes over the agreed channel and is logged with proof (A, C5, E3)."""

    def _decided_request(self, **beneficiary_vals):
        self.beneficiary.write(beneficiary_vals)
        request = self._complete_request()
        meeting = self._meeting(request)
        meeting.decision_ids.write({"decision": "approved", "approved_amount": 1500.0})
        return request

    def _send(self, request, **vals):
        # The liaison officer of the request's category and field sends it.
        wizard = (
            self.env["shaqra.notification.wizard"]
            .with_user(self.officer_user)
            .with_context(default_request_id=request.id)
            .create(vals)
        )
        action = wizard.action_send()
        notice = request.notification_ids.filtered(lambda n: n.author_id == self.officer_user)
        return notice, action

    def test_c5_wizard_prefilled_from_agreed_channel(self):
        request = self._decided_request(preferred_channel="whatsapp")
        wizard = (
            self.env["shaqra.notification.wizard"]
            .with_context(default_request_id=request.id)
            .create({})
        )
        self.assertEqual(wizard.channel, "whatsapp")
        self.assertEqual(wizard.kind, "decision")
        self.assertIn(request.name, wizard.subject)
        self.assertIn("الموافقة", wizard.body)
        self.assertEqual(wizard.whatsapp_number, "0559876001")

    def test_a5_email_decision_notice_sent_without_user_input(self):
        request = self._decided_request(preferred_channel="email", email="fatimah@example.com")
        notice = request.notification_ids.filtered(lambda n: n.kind == "decision")
        self.assertEqual(notice.state, "sent")
        self.assertIn(self.beneficiary.partner_id, notice.mail_message_id.partner_ids)
        self.assertIn("الموافقة على الطلب", notice.mail_message_id.body)
        self.assertEqual(request.stage_key, "notified")

    def test_a5_email_notice_posts_the_arabic_template(self):
        request = self._decided_request(preferred_channel="letter", email="fatimah@example.com")
        notice, _action = self._send(request, channel="email")
        self.assertEqual(notice.state, "sent")
        self.assertEqual(notice.channel, "email")
        self.assertTrue(notice.mail_message_id)
        self.assertIn(self.beneficiary.partner_id, notice.mail_message_id.partner_ids)
        self.assertEqual(notice.mail_message_id.res_id, request.id)
        self.assertIn("قرار اللجنة", notice.subject)
        # Policy E3: telling the decision moves the request to Notified.
        self.assertEqual(request.stage_key, "notified")

    def test_a5_email_without_address_is_refused_and_nothing_logged(self):
        request = self._decided_request(preferred_channel="email", email=False)
        before = len(request.notification_ids)
        with self.assertRaises(UserError):
            self._send(request)
        self.assertEqual(len(request.notification_ids), before)
        self.assertEqual(request.stage_key, "decided")

    def test_a5_portal_notice_is_published_on_the_request(self):
        request = self._decided_request(preferred_channel="portal")
        notice = request.notification_ids.filtered(lambda n: n.kind == "decision")
        # Sent without user input (automatic decision notice).
        self.assertEqual(notice.state, "sent")
        self.assertEqual(notice.mail_message_id.model, "shaqra.request")
        self.assertEqual(notice.mail_message_id.message_type, "comment")
        self.assertEqual(request.stage_key, "notified")

    def test_a3_whatsapp_click_to_chat_logged(self):
        request = self._decided_request(preferred_channel="whatsapp")
        notice, action = self._send(request)
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertTrue(action["url"].startswith("https://wa.me/966559876001?text="))
        self.assertEqual(notice.whatsapp_url, action["url"])
        self.assertTrue(notice.whatsapp_used_on)
        self.assertIn(request.name, unquote(action["url"]))
        self.assertIn("السلام عليكم", unquote(action["url"]))
        self.assertEqual(request.stage_key, "notified")

    def test_a2_letter_numbered_with_pdf(self):
        request = self._decided_request(preferred_channel="letter")
        notice, _action = self._send(request)
        self.assertTrue(notice.letter_number.startswith("OUT/"))
        self.assertTrue(notice.attachment_id)
        self.assertEqual(notice.attachment_id.res_id, notice.id)
        self.assertEqual(request.stage_key, "notified")

    def test_a4_fax_needs_transmission_reference(self):
        request = self._decided_request(preferred_channel="fax")
        before = len(request.notification_ids)
        with self.assertRaises(UserError):
            self._send(request)
        self.assertEqual(len(request.notification_ids), before)
        notice, _action = self._send(request, fax_reference="TX-778812")
        self.assertEqual(notice.fax_number, "+966 11 622 0000")
        self.assertEqual(notice.fax_reference, "TX-778812")
        self.assertTrue(notice.attachment_id)
        self.assertFalse(notice.letter_number)

    def test_a1_meeting_creates_calendar_event(self):
        request = self._decided_request(preferred_channel="meeting")
        notice, _action = self._send(request, meeting_start=f"{MEETING_DAY} 08:00:00")
        event = notice.calendar_event_id
        self.assertTrue(event)
        self.assertIn(self.beneficiary.partner_id, event.partner_ids)
        self.assertEqual(event.res_id, request.id)
        self.assertEqual(request.stage_key, "notified")

    def test_a6_volunteer_who_delivered_is_recorded(self):
        request = self._decided_request(preferred_channel="volunteer")
        with self.assertRaises(UserError):
            self._send(request)
        notice, _action = self._send(request, volunteer_name="Abdullah Al-Dosari")
        self.assertEqual(notice.volunteer_name, "Abdullah Al-Dosari")
        self.assertEqual(notice.state, "sent")

    def test_e3_delivered_notice_cannot_change(self):
        request = self._decided_request(preferred_channel="volunteer")
        notice, _action = self._send(request, volunteer_name="Abdullah Al-Dosari")
        with self.assertRaises(UserError):
            notice.body = "<p>rewritten</p>"
        with self.assertRaises(UserError):
            notice.unlink()

    def test_c5_wizard_delivers_the_pending_notice_instead_of_a_new_one(self):
        request = self._decided_request(preferred_channel="volunteer")
        pending = request.notification_ids.filtered(lambda n: n.kind == "decision")
        self.assertEqual(pending.state, "pending")
        notice, _action = self._send(request, volunteer_name="Abdullah Al-Dosari")
        self.assertEqual(notice, pending)
        self.assertEqual(pending.state, "sent")
        self.assertFalse(pending.activity_ids)

    def test_c5_completion_notice_waits_for_the_liaison_officer(self):
        request = self._complete_request()
        notice = request.notification_ids
        self.assertEqual(len(notice), 1)
        self.assertEqual(notice.kind, "completion")
        self.assertEqual(notice.channel, "letter")
        self.assertEqual(notice.state, "pending")
        self.assertIn(request.date_deadline_hijri, notice.body)
        self.assertEqual(notice.activity_ids.user_id, self.officer_user)
        # The officer delivers it from the pending notice.
        wizard = (
            self.env["shaqra.notification.wizard"]
            .with_user(self.officer_user)
            .with_context(default_notification_id=notice.id)
            .create({})
        )
        wizard.action_send()
        self.assertEqual(notice.state, "sent")
        self.assertTrue(notice.letter_number)
        self.assertFalse(notice.activity_ids)
        # A completion notice does not move the request.
        self.assertEqual(request.stage_key, "awaiting_committee")

    def test_c5_completion_notice_by_email_is_sent_at_once(self):
        self.beneficiary.write({"preferred_channel": "email", "email": "fatimah@example.com"})
        request = self._complete_request()
        notice = request.notification_ids
        self.assertEqual(notice.state, "sent")
        self.assertTrue(notice.mail_message_id)
        self.assertIn("أحيل إلى", notice.mail_message_id.body)

    def test_e3_decision_notice_pending_then_delivered(self):
        request = self._decided_request(preferred_channel="letter")
        notice = request.notification_ids.filtered(lambda n: n.kind == "decision")
        self.assertEqual(notice.state, "pending")
        self.assertEqual(request.stage_key, "decided")
        action = notice.action_deliver()
        self.assertEqual(action["res_model"], "shaqra.notification.wizard")
        self.env["shaqra.notification.wizard"].with_context(**action["context"]).create(
            {}
        ).action_send()
        self.assertEqual(request.stage_key, "notified")

    def test_c5_notify_button_opens_prefilled_wizard(self):
        request = self._complete_request()
        action = request.action_notify_beneficiary()
        self.assertEqual(action["res_model"], "shaqra.notification.wizard")
        self.assertEqual(action["context"]["default_request_id"], request.id)
