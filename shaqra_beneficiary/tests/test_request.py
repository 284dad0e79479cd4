from datetime import datetime

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, freeze_time, tagged, users

from .common import ShaqraRequestCommon


@tagged("post_install", "-at_install")
class TestRequest(ShaqraRequestCommon):
    """Requests are received complete and signed (policy C2-C4)."""

    def test_c2_requirement_lines_copied_from_service_type(self):
        request = self._request()
        self.assertTrue(request.name.startswith("REQ/"))
        self.assertEqual(request.requirement_line_ids.requirement_id, self.service.requirement_ids)
        self.assertEqual(request.stage_id, self.stage["received"])
        self.assertEqual(request.liaison_officer_id, self.employee_liaison)

    def test_c2_request_form_routes_to_officer(self):
        form = Form(self.env["shaqra.request"])
        form.beneficiary_id = self.beneficiary
        form.service_type_id = self.service
        self.assertEqual(form.liaison_officer_id, self.employee_liaison)
        form.channel = "whatsapp"
        request = form.save()
        self.assertEqual(len(request.requirement_line_ids), 3)
        self.assertEqual(request.channel, "whatsapp")

    def test_c3_cannot_reach_committee_with_unverified_mandatory_line(self):
        request = self._request()
        request.write({"signature": self.signature})
        for key in ("awaiting_committee", "committee_review", "decided", "notified", "closed"):
            with self.subTest(stage=key), self.assertRaisesText(UserError, "Family record"):
                request.write({"stage_id": self.stage[key].id})
            self.assertEqual(request.stage_id, self.stage["received"])
            self.assertFalse(request.date_complete)
            self.assertFalse(request.date_deadline)

    def test_c3_optional_line_does_not_block(self):
        request = self._request()
        for line in request.requirement_line_ids.filtered("is_mandatory"):
            line.write({"is_verified": True, "attachment_ids": [Command.set(self.document.ids)]})
        request.signature = self.signature
        request.action_send_to_committee()
        self.assertEqual(request.stage_id, self.stage["awaiting_committee"])

    def test_c4_cannot_reach_committee_unsigned(self):
        request = self._request()
        self._verify_all(request)
        with self.assertRaisesText(UserError, "signed"):
            request.action_send_to_committee()
        self.assertEqual(request.stage_id, self.stage["received"])
        self.assertFalse(request.date_complete)

    def test_c4_signing_and_moving_in_one_write(self):
        request = self._request()
        self._verify_all(request)
        request.write(
            {"signature": self.signature, "stage_id": self.stage["awaiting_committee"].id}
        )
        self.assertTrue(request.date_complete)

    @users("t_reception")
    def test_c3_verifying_records_who_and_when_unverifying_clears(self):
        request = self._request().with_user(self.env.user)
        line = request.requirement_line_ids.filtered(lambda r: r.name == "Family record")
        line.is_verified = True
        self.assertTrue(line.is_provided)
        self.assertEqual(line.verified_by_id, self.user_reception)
        self.assertTrue(line.verified_on)
        line.is_verified = False
        self.assertFalse(line.verified_by_id)
        self.assertFalse(line.verified_on)

    def test_c2_document_needed_to_verify(self):
        request = self._request()
        line = request.requirement_line_ids.filtered("document_required")
        with self.assertRaisesText(UserError, "Copy of national ID"):
            line.is_verified = True
        self.assertFalse(line.is_verified)
        line.write({"attachment_ids": [Command.set(self.document.ids)], "is_verified": True})
        self.assertTrue(line.is_verified)

    def test_c4_signature_sets_signer_and_time(self):
        request = self._request()
        with freeze_time("2026-11-01 07:30:00"):
            request.signature = self.signature
        self.assertEqual(request.signed_on, datetime(2026, 11, 1, 7, 30))
        self.assertEqual(request.signed_by, self.beneficiary.name)
        request.signature = False
        self.assertFalse(request.signed_on)

    def test_c4_signature_and_lines_locked_after_sending(self):
        request = self._ready()
        request.action_send_to_committee()
        signature = request.signature
        with self.assertRaises(UserError):
            request.signature = False
        with self.assertRaises(UserError):
            request.signature = self.signature
        with self.assertRaises(UserError):
            request.requirement_line_ids[0].is_verified = False
        self.assertEqual(request.signature, signature)
        self.assertTrue(request.requirement_line_ids[0].is_verified)

    def test_c3_check_completeness_moves_and_reports(self):
        request = self._request()
        action = request.action_check_completeness()
        self.assertEqual(request.stage_id, self.stage["completeness"])
        self.assertEqual(action["params"]["type"], "warning")
        self.assertIn("Family record", action["params"]["message"])
        self._verify_all(request)
        request.signature = self.signature
        action = request.action_check_completeness()
        self.assertEqual(action["params"]["type"], "success")

    def test_cancel_and_reopen(self):
        request = self._request()
        request.action_cancel()
        self.assertEqual(request.stage_key, "cancelled")
        request.action_reset_to_received()
        self.assertEqual(request.stage_key, "received")

    @users("t_reception")
    def test_c2_reception_takes_a_request_to_the_committee(self):
        request = self._ready().with_user(self.env.user)
        request.action_send_to_committee()
        self.assertEqual(request.stage_key, "awaiting_committee")
        self.assertTrue(request.date_deadline)

    def test_c3_creating_in_a_later_stage_passes_the_guard(self):
        with self.assertRaisesText(UserError, "Family record"):
            self._request(stage_id=self.stage["awaiting_committee"].id)
        self.assertFalse(
            self.env["shaqra.request"].search([("beneficiary_id", "=", self.beneficiary.id)])
        )
        request = self._request(
            stage_id=self.stage["awaiting_committee"].id,
            signature=self.signature,
            requirement_line_ids=[
                Command.create(
                    {
                        "requirement_id": requirement.id,
                        "is_verified": True,
                        "attachment_ids": [Command.set(self.document.ids)],
                    }
                )
                for requirement in self.service.requirement_ids
            ],
        )
        self.assertTrue(request.date_complete)
        self.assertTrue(request.date_deadline)
        self.assertTrue(request.signed_on)
        self.assertEqual(request.signed_by, self.beneficiary.name)
