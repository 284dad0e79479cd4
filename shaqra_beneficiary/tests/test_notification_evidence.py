from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, JsonRpcException, tagged
from odoo.tools import mute_logger

from .common import ShaqraCommitteeCommon

# Meetings are arranged for a day to come: a week from the day the tests run.
MEETING_DAY = (date.today() + timedelta(days=7)).isoformat()

# What a forger would type into a pending notice over JSON-RPC (C5, E3).
FORGED = {
    "state": "sent",
    "date": "2026-01-05 09:00:00",
    "whatsapp_used_on": "2026-01-05 09:00:00",
    "whatsapp_url": "https://wa.me/966500000000",
    "letter_number": "OUT/2026/99999",
    "fax_number": "+966 11 000 0000",
    "fax_reference": "TX-FAKE",
    "volunteer_name": "Nobody",
}


@tagged("post_install", "-at_install")
class TestNotificationEvidence(ShaqraCommitteeCommon):
    """A notice is delivered only by the delivery action of its channel, which
    records its status, date, author and proof; nobody types them in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_admin = cls.env.ref("base.user_admin")
        cls.request = cls._complete_request()
        # The completion notice waits for the liaison officer (letter).
        cls.notice = cls.request.notification_ids

    def _snapshot(self, notice):
        notice.invalidate_recordset()
        fields = [*FORGED, "author_id", "attachment_id", "mail_message_id", "calendar_event_id"]
        return {name: notice[name] for name in fields}

    def _wizard(self, user, notice=None, request=None, **vals):
        if notice:
            context = {"default_notification_id": notice.id}
        else:
            # A new notice, not the pending one the wizard would offer.
            context = {"default_request_id": (request or self.request).id}
            vals.setdefault("notification_id", False)
        return (
            self.env["shaqra.notification.wizard"]
            .with_user(user)
            .with_context(**context)
            .create(vals)
        )

    def test_c5_liaison_officer_cannot_mark_a_notice_delivered(self):
        self.assertEqual(self.notice.state, "pending")
        before = self._snapshot(self.notice)
        for user in (self.officer_user, self.user_manager, self.user_admin):
            notice = self.notice.with_user(user)
            for name, value in FORGED.items():
                with self.subTest(user=user.login, field=name):
                    with self.assertRaises(AccessError), self.cr.savepoint():
                        notice.write({name: value})
            with self.assertRaises(AccessError), self.cr.savepoint():
                notice.write({"author_id": self.member_b.id})
            with self.assertRaises(AccessError), self.cr.savepoint():
                notice.write(FORGED)
        self.assertEqual(self._snapshot(self.notice), before)
        self.assertEqual(self.request.stage_key, "awaiting_committee")

    def test_e3_pending_notice_stays_on_its_request(self):
        """A pending notice cannot be re-pointed at another (decided) request,
        whose stage its delivery would move."""
        other = self._complete_request()
        for vals in ({"request_id": other.id}, {"beneficiary_id": other.beneficiary_id.id}):
            with self.assertRaises(UserError), self.cr.savepoint():
                self.notice.with_user(self.officer_user).write(vals)
        self.assertEqual(self.notice.request_id, self.request)

    def test_c5_portal_user_cannot_mark_a_notice_delivered(self):
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.notice.with_user(self.user_portal).write({"state": "sent"})
        self.assertEqual(self.notice.state, "pending")

    def test_c5_reception_cannot_create_a_delivered_notice(self):
        Notice = self.env["shaqra.notification"].with_user(self.user_reception)
        base = {
            "beneficiary_id": self.beneficiary.id,
            "channel": "letter",
            "subject": "Forged",
            "body": "<p>Forged</p>",
        }
        for vals in (
            {"state": "sent", "letter_number": "OUT/2026/12345"},
            {"state": "sent"},
            {"letter_number": "OUT/2026/12345"},
            {"date": "2025-01-01 08:00:00"},
            {"author_id": self.officer_user.id},
            {"volunteer_name": "Made-up volunteer"},
        ):
            with self.subTest(vals=list(vals)):
                with self.assertRaises(AccessError), self.cr.savepoint():
                    Notice.create({**base, **vals})
        self.assertFalse(
            self.env["shaqra.notification"].search(
                ["|", ("subject", "=", "Forged"), ("letter_number", "=", "OUT/2026/12345")]
            )
        )

    def test_c5_each_channel_records_its_proof_on_delivery(self):
        """The delivery action of each channel sets the status, date, author and proof."""
        cases = {
            "letter": ({}, lambda n: n.letter_number.startswith("OUT/") and n.attachment_id),
            "fax": (
                {"fax_number": "+966 11 622 0000", "fax_reference": "TX-1"},
                lambda n: n.fax_reference == "TX-1" and n.attachment_id,
            ),
            "whatsapp": ({}, lambda n: n.whatsapp_url.startswith("https://wa.me/966559876001")),
            "meeting": (
                {"meeting_start": f"{MEETING_DAY} 08:00:00"},
                lambda n: n.calendar_event_id.start.isoformat() == f"{MEETING_DAY}T08:00:00",
            ),
            "volunteer": (
                {"volunteer_name": "Abdullah"},
                lambda n: n.volunteer_name == "Abdullah",
            ),
            "portal": ({}, lambda n: n.mail_message_id.model == "shaqra.request"),
        }
        self.beneficiary.email = "fatimah@example.com"
        cases["email"] = (
            {},
            lambda n: self.beneficiary.partner_id in n.mail_message_id.partner_ids,
        )
        for channel, (vals, proof) in cases.items():
            with self.subTest(channel=channel):
                wizard = self._wizard(self.officer_user, channel=channel, kind="other", **vals)
                wizard.action_send()
                notice = self.request.notification_ids.filtered(
                    lambda n, c=channel: n.channel == c and n.kind == "other"
                )
                self.assertEqual(len(notice), 1)
                self.assertEqual(notice.state, "sent")
                self.assertEqual(notice.author_id, self.officer_user)
                self.assertTrue(notice.date)
                self.assertTrue(proof(notice))
                if channel == "whatsapp":
                    self.assertTrue(notice.whatsapp_used_on)

    def test_a2_delivered_letter_pdf_can_be_neither_replaced_nor_deleted(self):
        """The PDF of a delivered letter is proof: no role, the manager included,
        rewrites its bytes or deletes it; other files stay editable."""
        self._wizard(self.officer_user, channel="letter", kind="other").action_send()
        notice = self.request.notification_ids.filtered(
            lambda n: n.channel == "letter" and n.kind == "other"
        )
        pdf = notice.attachment_id
        self.assertTrue(pdf)
        original = pdf.raw
        for user in (self.officer_user, self.user_manager):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError), self.cr.savepoint():
                    pdf.with_user(user).write({"raw": b"%PDF-1.4 forged"})
                with self.assertRaises(AccessError), self.cr.savepoint():
                    pdf.with_user(user).unlink()
        self.assertEqual(pdf.raw, original)
        self.assertEqual(notice.attachment_id, pdf)
        other = self.env["ir.attachment"].create(
            {
                "name": "note.txt",
                "raw": b"draft",
                "res_model": "shaqra.request",
                "res_id": self.request.id,
            }
        )
        other.with_user(self.user_manager).write({"raw": b"final"})
        self.assertEqual(other.raw, b"final")

    def test_c5_refused_delivery_logs_nothing(self):
        before = self.request.notification_ids
        for vals in (
            {"channel": "volunteer"},
            {"channel": "volunteer", "volunteer_name": "   "},
            {"channel": "fax", "fax_number": "+966 11 622 0000"},
            {"channel": "meeting"},
        ):
            with self.subTest(vals=vals):
                with self.assertRaises(UserError):
                    self._wizard(self.officer_user, kind="other", **vals).action_send()
        self.assertEqual(self.request.notification_ids, before)
        self.assertEqual(self.notice.state, "pending")

    def test_e3_delivered_notice_is_frozen_and_kept(self):
        self._wizard(self.officer_user, notice=self.notice).action_send()
        self.assertEqual(self.notice.state, "sent")
        self.assertTrue(self.notice.letter_number)
        before = self._snapshot(self.notice)
        for user in (self.officer_user, self.user_manager, self.user_admin):
            notice = self.notice.with_user(user)
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError), self.cr.savepoint():
                    notice.write({"state": "pending"})
                with self.assertRaises(AccessError), self.cr.savepoint():
                    notice.write({"letter_number": "OUT/2026/00001"})
                with self.assertRaises(UserError), self.cr.savepoint():
                    notice.write({"body": "<p>rewritten</p>"})
                with self.assertRaises(UserError), self.cr.savepoint(), mute_logger("odoo.models"):
                    notice.unlink()
                with self.assertRaises(UserError), self.cr.savepoint():
                    notice.action_cancel()
        # A second delivery of the same notice is refused.
        with self.assertRaises(UserError):
            self.notice._deliver()
        with self.assertRaises(UserError):
            self._wizard(self.officer_user, notice=self.notice)
        self.assertEqual(self._snapshot(self.notice), before)

    def test_a3_whatsapp_link_use_is_logged_only_by_opening_it(self):
        self._wizard(self.officer_user, channel="whatsapp", kind="other").action_send()
        notice = self.request.notification_ids.filtered(lambda n: n.channel == "whatsapp")
        first = notice.whatsapp_used_on
        with self.assertRaises(AccessError), self.cr.savepoint():
            notice.with_user(self.officer_user).write({"whatsapp_used_on": "2020-01-01 00:00:00"})
        self.assertEqual(notice.whatsapp_used_on, first)
        with freeze_time("2030-01-02 10:00:00"):
            action = notice.with_user(self.officer_user).action_open_whatsapp()
        self.assertEqual(action["url"], notice.whatsapp_url)
        self.assertEqual(str(notice.whatsapp_used_on), "2030-01-02 10:00:00")
        # Opening the link logs its use and changes nothing else.
        self.assertEqual(notice.state, "sent")

    def test_c5_cancelled_notice_is_final(self):
        self.notice.with_user(self.officer_user).action_cancel()
        self.assertEqual(self.notice.state, "cancelled")
        with self.assertRaises(UserError), self.cr.savepoint():
            self.notice.with_user(self.officer_user).write({"subject": "Changed"})
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.notice.with_user(self.officer_user).write({"state": "pending"})
        with self.assertRaises(UserError):
            self._wizard(self.officer_user, notice=self.notice)
        self.assertEqual(self.notice.state, "cancelled")

    def test_e3_decision_notice_delivery_moves_the_request(self):
        """Only delivering the decision notice moves the request to Notified."""
        meeting = self._meeting(self.request)
        meeting.decision_ids.write({"decision": "approved", "approved_amount": 1500.0})
        self.assertEqual(self.request.stage_key, "decided")
        decision = self.request.notification_ids.filtered(lambda n: n.kind == "decision")
        self.assertEqual(decision.state, "pending")
        with self.assertRaises(AccessError), self.cr.savepoint():
            decision.with_user(self.officer_user).write({"state": "sent"})
        self.assertEqual(self.request.stage_key, "decided")
        self._wizard(self.officer_user, notice=decision).action_send()
        self.assertEqual(decision.state, "sent")
        self.assertEqual(decision.author_id, self.officer_user)
        self.assertEqual(self.request.stage_key, "notified")

    def test_e2_no_notice_about_a_file_the_user_cannot_open(self):
        """Reception cannot log a notice on a request it may not read."""
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self._wizard(
                self.user_reception, channel="volunteer", kind="other", volunteer_name="X"
            ).action_send()
        self.assertFalse(self.request.notification_ids.filtered(lambda n: n.kind == "other"))


@tagged("post_install", "-at_install")
class TestNotificationEvidenceRpc(HttpCase, ShaqraCommitteeCommon):
    """The same over JSON-RPC, as the web client and scripts call the server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.request = cls._complete_request()
        cls.notice = cls.request.notification_ids

    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def test_c5_forged_delivery_over_json_rpc_is_refused_real_one_recorded(self):
        self.authenticate("t_officer", "t_officer")
        with self.assertRaises(JsonRpcException) as caught, mute_logger("odoo.http"):
            self._call(
                "shaqra.notification",
                "write",
                self.notice.ids,
                {
                    "state": "sent",
                    "date": "2026-01-05 09:00:00",
                    "author_id": self.member_b.id,
                    "whatsapp_used_on": "2026-01-05 09:00:00",
                },
            )
        self.assertEqual(str(caught.exception), "odoo.exceptions.AccessError")
        self.notice.invalidate_recordset()
        self.assertEqual(self.notice.state, "pending")
        self.assertFalse(self.notice.whatsapp_used_on)
        # The delivery action records who delivered, when and through whom.
        wizard = self._call(
            "shaqra.notification.wizard",
            "create",
            {"channel": "volunteer", "volunteer_name": "Abdullah Al-Dosari"},
            context={"default_notification_id": self.notice.id},
        )
        self._call("shaqra.notification.wizard", "action_send", [wizard])
        self.notice.invalidate_recordset()
        self.assertEqual(self.notice.state, "sent")
        self.assertEqual(self.notice.author_id, self.officer_user)
        self.assertEqual(self.notice.volunteer_name, "Abdullah Al-Dosari")
        self.assertTrue(self.notice.date)
