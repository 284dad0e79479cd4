import base64
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from odoo.addons.shaqra_beneficiary.tests.common import BLANK_SIGNATURE

from .common import SIGNATURE, ShaqraComplaintCommon


@tagged("post_install", "-at_install")
class TestComplaint(ShaqraComplaintCommon):
    """Policy D1-D3: register, route, time and close complaints."""

    # --- tracking number ---------------------------------------------------

    def test_d1_tracking_number_gap_free_per_year(self):
        sequence = self.env.ref("shaqra_complaints.seq_shaqra_complaint")
        self.assertEqual(sequence.implementation, "no_gap")
        self.assertTrue(sequence.use_date_range)
        with freeze_time("2031-03-01 08:00:00"):
            first = self._complaint()
            second = self._complaint(kind="inquiry")
        self.assertRegex(first.name, r"^SHK-2031-\d{5}$")
        self.assertEqual(int(second.name[-5:]), int(first.name[-5:]) + 1)
        with freeze_time("2032-01-04 08:00:00"):
            next_year = self._complaint()
        self.assertEqual(next_year.name, "SHK-2032-00001")

    def test_d1_tracking_number_never_changes(self):
        complaint = self._complaint()
        with self.assertRaises(UserError):
            complaint.with_user(self.user_manager).write({"name": "SHK-2000-00001"})

    # --- complainant ---------------------------------------------------------

    def test_d1_anonymous_only_for_complaints(self):
        anonymous = self._complaint(beneficiary_id=False, is_anonymous=True)
        self.assertTrue(anonymous.is_anonymous)
        with self.assertRaises(ValidationError):
            self._complaint(beneficiary_id=False, is_anonymous=True, kind="inquiry")
        with self.assertRaises(ValidationError):
            self._complaint(beneficiary_id=False)

    def test_f1_routed_to_liaison_officer_of_category_and_field(self):
        complaint = self._complaint()
        self.assertEqual(complaint.field_id, self.work_field)
        self.assertEqual(complaint.category_id, self.category)
        self.assertEqual(complaint.liaison_officer_id, self.officer)
        self.assertEqual(complaint.liaison_user_id, self.user_liaison)
        self.assertEqual(complaint.committee_id, self.follow_up)
        self.assertFalse(self._complaint(kind="support").committee_id)

    # --- stages ----------------------------------------------------------------

    def test_d1_stage_moves_only_by_actions(self):
        complaint = self._complaint()
        resolved = self.env.ref("shaqra_complaints.stage_resolved")
        with self.assertRaises(UserError):
            complaint.with_user(self.user_manager).write({"stage_id": resolved.id})
        # A context key sent over JSON-RPC does not open the door.
        with self.assertRaises(UserError):
            complaint.with_user(self.user_manager).with_context(
                shaqra_complaint_stage_move=True
            ).write({"stage_id": resolved.id})
        with self.assertRaises(UserError):
            complaint.with_user(self.user_manager).unlink()
        complaint.action_screen()
        complaint.action_send_to_committee()
        self.assertEqual(complaint.stage_key, "follow_up")

    def test_d1_support_takes_short_path(self):
        support = self._complaint(kind="support")
        with self.assertRaises(UserError):
            support.action_send_to_committee()
        with self.assertRaises(UserError):
            support.action_resolve()  # no answer written yet
        support.resolution = "<p>The card was renewed.</p>"
        support.action_resolve()
        self.assertEqual(support.stage_key, "resolved")
        self.assertTrue(support.date_answered)
        complaint = self._complaint()
        with self.assertRaises(UserError):
            complaint.action_resolve()

    # --- SLA on the working calendar -------------------------------------------------

    def test_d2_sla_deadline_on_working_calendar_with_holiday(self):
        self._holiday(date(2026, 11, 10))
        # Sunday 2026-11-01 10:00 in Riyadh: 15 working days, one holiday.
        with freeze_time("2026-11-01 07:00:00"):
            complaint = self._complaint()
            support = self._complaint(kind="support")
        self.assertEqual(complaint.date_deadline, date(2026, 11, 23))
        self.assertEqual(complaint.date_ack_due, date(2026, 11, 2))
        # Support: 5 working days (Mon 2 .. Thu 5 = 4, Sun 8 = 5).
        self.assertEqual(support.date_deadline, date(2026, 11, 8))
        # At risk 3 working days before the deadline (18 Nov), breached after it.
        with freeze_time("2026-11-12 07:00:00"):
            complaint.invalidate_recordset()
            self.assertEqual(complaint.sla_state, "on_track")
            Complaint = self.env["shaqra.complaint"]
            self.assertIn(complaint, Complaint.search([("sla_state", "=", "on_track")]))
        with freeze_time("2026-11-18 07:00:00"):
            complaint.invalidate_recordset()
            self.assertEqual(complaint.sla_state, "at_risk")
            self.assertIn(complaint, Complaint.search([("sla_state", "=", "at_risk")]))
            self.assertNotIn(complaint, Complaint.search([("sla_state", "=", "on_track")]))
        with freeze_time("2026-11-24 07:00:00"):
            complaint.invalidate_recordset()
            self.assertEqual(complaint.sla_state, "breached")
            self.assertIn(complaint, Complaint.search([("sla_state", "=", "breached")]))

    def test_d2_pause_pushes_deadline_by_paused_working_days(self):
        with freeze_time("2026-11-01 07:00:00"):
            complaint = self._complaint()
            complaint.action_wait_complainant()
        self.assertTrue(complaint.date_paused)
        # Paused Sunday 1 to Thursday 5: 4 working days (2, 3, 4, 5).
        with freeze_time("2026-11-05 07:00:00"):
            complaint.action_resume()
        self.assertFalse(complaint.date_paused)
        self.assertEqual(complaint.paused_working_days, 4)
        self.assertEqual(complaint.date_deadline, date(2026, 11, 26))
        self.assertEqual(complaint.stage_key, "received")

    def test_d2_breached_complaint_escalated_once(self):
        with freeze_time("2026-11-01 07:00:00"):
            complaint = self._complaint()
        escalation = self.env.ref("shaqra_complaints.mail_activity_type_complaint_escalation")
        with freeze_time("2026-12-01 07:00:00"):
            self.env["shaqra.complaint"]._cron_deadline_check()
            self.env["shaqra.complaint"]._cron_deadline_check()
        self.assertTrue(complaint.is_overdue)
        self.assertTrue(complaint.is_escalated)
        self.assertEqual(
            len(complaint.activity_ids.filtered(lambda a: a.activity_type_id == escalation)), 1
        )
        cron = self.env.ref("shaqra_complaints.ir_cron_shaqra_complaint_deadline")
        self.assertTrue(cron.active)

    def test_d1_only_managers_cancel(self):
        complaint = self._complaint()
        with self.assertRaises(AccessError):
            complaint.with_user(self.user_liaison).action_cancel()
        complaint.with_user(self.user_manager).action_cancel()
        self.assertEqual(complaint.stage_key, "cancelled")
        with self.assertRaises(UserError):
            complaint.with_user(self.user_manager).write({"description": "changed"})

    def test_d2_clock_fields_are_evidence(self):
        complaint = self._complaint()
        with self.assertRaises(AccessError):
            self.env["shaqra.complaint"].with_user(self.user_reception).create(
                {
                    "kind": "complaint",
                    "complainant_name": "x",
                    "description": "x",
                    "date_received": "2020-01-01 08:00:00",
                }
            )
        with self.assertRaises(AccessError):
            complaint.with_user(self.user_manager).write({"date_deadline": "2040-01-01"})
        with self.assertRaises(AccessError):
            complaint.with_user(self.user_manager).write({"outcome": "upheld"})

    # --- settlement ---------------------------------------------------------------

    def _proposed(self):
        complaint = self._complaint()
        complaint.action_send_to_committee()
        complaint.sudo()._propose_settlement("<p>Pay the late aid with an apology.</p>")
        self.assertEqual(complaint.settlement_state, "proposed")
        self.assertEqual(complaint.stage_key, "settlement")
        return complaint

    def test_d3_settlement_refused_without_signature(self):
        complaint = self._proposed()
        # Whoever does not handle the complaint cannot even open the signing.
        with self.assertRaises(AccessError):
            self.env["shaqra.complaint.settlement.sign"].with_user(self.user_reception).create(
                {"complaint_id": complaint.id, "signed_by": "x", "signature": SIGNATURE}
            )
        with self.assertRaises(UserError):
            complaint._settlement_sign(BLANK_SIGNATURE, "Fatimah")
        with self.assertRaises(UserError):
            complaint._settlement_sign(SIGNATURE, "")
        with self.assertRaises(AccessError):
            complaint.with_user(self.user_manager).write({"settlement_state": "accepted"})
        self.assertEqual(complaint.settlement_state, "proposed")

    def test_d3_settlement_accepted_by_signature(self):
        complaint = self._proposed()
        wizard = (
            self.env["shaqra.complaint.settlement.sign"]
            .with_user(self.user_liaison)
            .create({"complaint_id": complaint.id, "signed_by": "Fatimah", "signature": SIGNATURE})
        )
        wizard.action_sign()
        self.assertEqual(complaint.settlement_state, "accepted")
        self.assertEqual(complaint.outcome, "settled")
        self.assertEqual(complaint.stage_key, "resolved")
        self.assertEqual(complaint.settlement_signed_by, "Fatimah")
        self.assertTrue(complaint.settlement_signed_on)
        pdf = (
            self.env["ir.attachment"]
            .search([("res_model", "=", "shaqra.complaint"), ("res_id", "=", complaint.id)])
            .filtered(lambda a: a.mimetype == "application/pdf")
        )
        self.assertEqual(len(pdf), 1)
        self.assertIn(complaint.name, pdf.name)
        self.assertTrue(pdf.raw)
        with self.assertRaises(UserError):
            complaint._settlement_sign(SIGNATURE, "Fatimah")

    def test_d3_settlement_refused_goes_back_to_committee(self):
        complaint = self._proposed()
        complaint._settlement_refuse("Not enough.")
        self.assertEqual(complaint.settlement_state, "refused")
        self.assertEqual(complaint.stage_key, "follow_up")

    # --- confidentiality -------------------------------------------------------

    def test_d2_employee_concerned_cannot_read(self):
        complaint = self._complaint(employee_concerned_id=self.employee_concerned.id)
        with self.assertRaises(AccessError):
            complaint.with_user(self.user_concerned).check_access("read")
        self.assertFalse(
            self.env["shaqra.complaint"]
            .with_user(self.user_concerned)
            .search([("id", "=", complaint.id)])
        )
        # The liaison officer handling it and another manager read it.
        complaint.with_user(self.user_liaison).check_access("read")
        complaint.with_user(self.user_manager).check_access("read")
        # Nobody else at the association sees the complainant.
        with self.assertRaises(AccessError):
            complaint.with_user(self.user_employee).check_access("read")
        with self.assertRaises(AccessError):
            complaint.with_user(self.user_committee).check_access("read")

    def test_d2_complaint_about_the_officer_goes_to_someone_else(self):
        complaint = self._complaint(employee_concerned_id=self.officer.id)
        self.assertNotEqual(complaint.liaison_officer_id, self.officer)
        self.assertNotIn(self.user_liaison, complaint.activity_ids.user_id)
        with self.assertRaises(AccessError):
            complaint.with_user(self.user_liaison).check_access("read")

    def test_d2_intake_wizard_registers_fax_with_scan(self):
        wizard = (
            self.env["shaqra.complaint.intake"]
            .with_user(self.user_reception)
            .create(
                {
                    "kind": "complaint",
                    "channel": "fax",
                    "complainant_name": "Saad",
                    "description": "Faxed complaint",
                    "scan": base64.b64encode(b"%PDF-1.4 scan"),
                    "scan_filename": "fax.pdf",
                }
            )
        )
        action = wizard.action_register()
        complaint = self.env["shaqra.complaint"].browse(action["res_id"])
        self.assertEqual(complaint.channel, "fax")
        self.assertIn("fax.pdf", complaint.message_ids.attachment_ids.mapped("name"))

    # --- notices over the complainant's channel (A5, D2) -------------------------

    def test_d2_acknowledgement_and_settlement_notices(self):
        complaint = self._complaint()  # the beneficiary's agreed channel: e-mail
        ack = complaint.notification_ids.filtered(lambda n: n.kind == "acknowledgement")
        self.assertEqual(len(ack), 1)
        self.assertEqual(ack.channel, "email")
        self.assertEqual(ack.state, "sent")
        self.assertIn(complaint.name, ack.body)
        self.assertTrue(complaint.date_acknowledged)
        complaint.action_send_to_committee()
        complaint.sudo()._propose_settlement("<p>Terms</p>")
        settlement = complaint.notification_ids.filtered(lambda n: n.kind == "settlement")
        self.assertEqual(len(settlement), 1)
        self.assertIn("Terms", settlement.body)

    def test_d2_fax_acknowledged_when_its_notice_is_delivered(self):
        complaint = self._complaint(beneficiary_id=False, channel="fax", complainant_name="Saad")
        ack = complaint.notification_ids
        self.assertEqual((ack.kind, ack.channel, ack.state), ("acknowledgement", "fax", "pending"))
        self.assertFalse(complaint.date_acknowledged)
        ack.sudo()._deliver(proof={"fax_number": "+966116220000", "fax_reference": "TX-1"})
        self.assertEqual(ack.state, "sent")
        self.assertTrue(complaint.date_acknowledged)

    def test_d2_anonymous_complainant_without_contact_gets_no_notice(self):
        complaint = self._complaint(beneficiary_id=False, is_anonymous=True)
        self.assertFalse(complaint.notification_ids)

    # --- management -------------------------------------------------------------

    def test_g5_weekly_digest_to_management(self):
        with freeze_time("2026-11-01 07:00:00"):
            self._complaint()
        self.user_manager.email = "manager@example.com"
        with freeze_time("2026-12-01 07:00:00"):
            figures = self.env["shaqra.complaint"]._digest_values()
            self.assertGreaterEqual(figures["breached"], 1)
            self.env["shaqra.complaint"]._cron_weekly_digest()
        mail = self.env["mail.mail"].search([("email_to", "ilike", "manager@example.com")])
        self.assertTrue(mail)
        self.assertIn("متجاوزة للمهلة", mail[0].body_html)
        self.assertTrue(self.env.ref("shaqra_complaints.ir_cron_shaqra_complaint_digest").active)

    def test_g1_closing_asks_the_complainant_to_rate(self):
        support = self._complaint(kind="support")
        support.resolution = "<p>Done.</p>"
        support.action_resolve()
        support.action_close()
        self.assertEqual(support.stage_key, "closed")
        self.assertTrue(support.rating_ids)
        self.assertEqual(support.rating_ids.partner_id, self.beneficiary.partner_id)
