import datetime

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common_claim import SIGNATURE, ShaqraClaimCommon


@tagged("post_install", "-at_install")
class TestCompensationClaim(ShaqraClaimCommon):
    """Policy C7-C10, E3: a claim is compensated only on a sound basis."""

    def test_c8_approved_minutes_with_fault_establish(self):
        claim = self._claim()
        self.assertTrue(claim.name.startswith("TAW-"))
        meeting = self._investigate(claim)
        self.assertEqual(claim.state, "established")
        self.assertEqual(claim.established_basis, "minutes")
        self.assertEqual(claim.meeting_id, meeting)
        self.assertEqual(claim.amount_assessed, 3000.0)
        # The officer handling the claim reads the committee's findings on it.
        self.assertEqual(claim.finding_ids.harm_causes, "A data-entry error stopped the aid")

    def test_c8_minutes_not_approved_do_not_establish(self):
        claim = self._claim()
        self._investigate(claim, approve=False)
        self.assertEqual(claim.state, "investigation")
        with self.assertRaises(UserError):
            claim.action_establish()
        self.assertEqual(claim.state, "investigation")

    def test_c8_approved_minutes_without_fault_do_not_establish(self):
        claim = self._claim()
        self._investigate(claim, at_fault=False)
        self.assertEqual(claim.state, "investigation")
        with self.assertRaises(UserError):
            claim.action_establish()
        self.assertFalse(claim.established_on)

    def test_c8_findings_in_printed_minutes(self):
        claim = self._claim()
        meeting = self._investigate(claim)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("shaqra_beneficiary.report_shaqra_committee_meeting", meeting.ids)[
                0
            ]
            .decode()
        )
        self.assertIn(claim.name, html)
        self.assertIn("Two months of rent unpaid", html)
        self.assertIn("Eviction notice received", html)
        self.assertIn("A data-entry error stopped the aid", html)

    def test_c8_close_refused_while_claim_without_findings(self):
        claim = self._claim()
        claim.action_send_to_investigation()
        meeting = (
            self.env["shaqra.committee.meeting"]
            .with_user(self.user_committee)
            .create({"committee_id": self.investigation.id})
        )
        meeting.action_load_agenda()
        meeting.action_start()
        meeting.attendee_ids = self.user_committee | self.member_b
        self.assertIn(claim.name, meeting._agenda_undecided_items())
        with self.assertRaises(UserError):
            meeting.action_close()

    def test_c9_appealable_judgment_does_not_establish_final_does(self):
        claim = self._claim()
        claim.write(
            {
                "judgment_authority": "Riyadh General Court",
                "judgment_number": "4512/1447",
                "judgment_date": fields.Date.today(),
                "judgment_final": False,
                "amount_ruled": 4000.0,
            }
        )
        with self.assertRaises(UserError):
            claim.action_establish()
        self.assertEqual(claim.state, "draft")
        claim.write({"judgment_final": True})
        claim.action_establish()
        self.assertEqual(claim.state, "established")
        self.assertEqual(claim.established_basis, "judgment")
        # The basis can no longer be changed.
        with self.assertRaises(UserError):
            claim.write({"judgment_final": False})

    def test_c8_no_basis_no_establishment(self):
        claim = self._claim()
        with self.assertRaises(UserError):
            claim.action_establish()
        self.assertEqual(claim.state, "draft")

    def test_c10_no_negotiation_before_established(self):
        claim = self._claim()
        with self.assertRaises(UserError):
            claim.action_start_negotiation()
        self.assertEqual(claim.state, "draft")
        with self.assertRaises(UserError):
            self.env["shaqra.compensation.negotiation"].with_user(self.user_liaison).create(
                {"claim_id": claim.id, "party": "beneficiary", "amount": 100.0}
            )

    def test_c10_no_settlement_without_signature(self):
        claim = self._claim(judgment_authority="Court", judgment_number="1", judgment_final=True)
        claim.write({"judgment_date": datetime.date(2026, 1, 5)})
        claim.action_establish()
        claim.action_start_negotiation()
        claim.write({"amount_agreed": 2500.0})
        with self.assertRaises(UserError):
            claim.action_settle()
        self.assertEqual(claim.state, "negotiation")
        claim._agreement_sign(SIGNATURE, "Fatimah Al-Otaibi")
        claim.action_settle()
        self.assertEqual(claim.state, "settled")
        self.assertEqual(claim.settled_by_id, self.user_liaison)
        # The agreement is frozen once settled.
        with self.assertRaises(UserError):
            claim.write({"amount_agreed": 9000.0})

    def test_e3_payments_never_above_agreed_and_paid_when_total_reached(self):
        claim = self._claim()
        self._investigate(claim)
        self._negotiate_and_sign(claim)
        claim.action_settle()
        Payment = self.env["shaqra.compensation.payment"].with_user(self.user_liaison)
        Payment.create({"claim_id": claim.id, "amount": 1500.0, "method": "bank_transfer"})
        self.assertEqual(claim.amount_paid, 1500.0)
        self.assertEqual(claim.amount_due, 1000.0)
        self.assertEqual(claim.state, "settled")
        with self.assertRaises(UserError):
            Payment.create({"claim_id": claim.id, "amount": 1000.01, "method": "cash"})
        self.assertEqual(claim.amount_paid, 1500.0)
        Payment.create(
            {"claim_id": claim.id, "amount": 1000.0, "method": "cheque", "reference": "CHQ-77"}
        )
        self.assertEqual(claim.state, "paid")
        # The beneficiary is told of each payment over the agreed channel
        # (after the association's offer, C10).
        offer_notice = claim.negotiation_ids.notice_id
        self.assertEqual(offer_notice.kind, "settlement")
        notices = claim.notification_ids - offer_notice
        self.assertEqual(len(notices), 2)
        self.assertTrue(all(n.channel == "email" for n in notices))
        self.assertIn("CHQ-77", "".join(notices.mapped("body")))
        self.assertTrue(claim.date_paid)
        with self.assertRaises(UserError):
            claim.payment_ids[0].write({"amount": 1.0})

    def test_e3_no_payment_before_settlement(self):
        claim = self._claim()
        self._investigate(claim)
        with self.assertRaises(UserError):
            self.env["shaqra.compensation.payment"].with_user(self.user_liaison).create(
                {"claim_id": claim.id, "amount": 10.0, "method": "cash"}
            )

    def test_c10_evidence_fields_refused_over_write_even_to_manager(self):
        claim = self._claim()
        as_manager = claim.with_user(self.user_manager)
        for vals in (
            {"state": "established"},
            {"agreement_signed_by": "Forged"},
            {"agreement_signature": SIGNATURE},
            {"amount_assessed": 1.0},
            {"established_on": fields.Datetime.now()},
        ):
            with self.assertRaises(AccessError):
                as_manager.write(vals)
        self.assertEqual(claim.state, "draft")
        self.assertFalse(claim.agreement_signed_by)
        with self.assertRaises(AccessError):
            self.env["shaqra.compensation.claim"].with_user(self.user_manager).create(
                {"beneficiary_id": self.beneficiary.id, "state": "paid"}
            )

    def test_c7_reject_needs_reason(self):
        claim = self._claim()
        with self.assertRaises(UserError):
            claim.action_reject("  ")
        self.assertEqual(claim.state, "draft")
        claim.action_reject("The harm is not related to the association's services.")
        self.assertEqual(claim.state, "rejected")
        self.assertIn("not related", claim.reject_reason)
        notice = claim.notification_ids
        self.assertEqual(notice.kind, "decision")
        self.assertIn("not related", notice.body)

    def test_c7_referred_complaint_opens_draft_claim(self):
        complaint = self._complaint()
        complaint.action_send_to_committee()
        meeting = (
            self.env["shaqra.committee.meeting"]
            .with_user(self.user_committee)
            .create({"committee_id": self.follow_up.id})
        )
        meeting.action_load_agenda()
        meeting.action_start()
        meeting.attendee_ids = self.user_committee | self.member_b
        meeting.complaint_decision_ids.write(
            {"outcome": "referred", "reason": "The beneficiary was harmed."}
        )
        meeting.action_close()
        meeting.action_approve()
        meeting.with_user(self.member_b).action_approve()
        claim = complaint.claim_id
        self.assertTrue(claim)
        self.assertEqual(claim.state, "draft")
        self.assertEqual(claim.complaint_id, complaint)
        self.assertEqual(claim.beneficiary_id, self.beneficiary)
        with self.assertRaises(AccessError):
            complaint.with_user(self.user_manager).write({"claim_id": False})

    def test_e2_claim_confidential(self):
        claim = self._claim()
        with self.assertRaises(AccessError):
            claim.with_user(self.user_reception).read(["name"])
        with self.assertRaises(AccessError):
            claim.with_user(self.user_portal).read(["name"])
        other_officer = new_test_user(
            self.env, "t_claim_other_officer", groups="shaqra_beneficiary.group_liaison_officer"
        )
        with self.assertRaises(AccessError):
            claim.with_user(other_officer).read(["name"])
        # The committee studying it reads it.
        claim.with_user(self.member_b).read(["name"])

    def test_c10_agreement_amount_in_arabic_words(self):
        claim = self._claim()
        self._investigate(claim)
        self._negotiate_and_sign(claim, amount=1250.5)
        claim.action_settle()
        self.assertEqual(claim._amount_in_words(1250.0), "ألف ومئتان وخمسون ريال")
        self.assertEqual(claim._amount_in_words(1250.5), "ألف ومئتان وخمسون ريال وخمسون هللة")
        self.assertEqual(claim._amount_in_words(3000.25), "ثلاثة آلاف ريال وخمسة وعشرون هللة")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "shaqra_complaints.report_shaqra_compensation_agreement", claim.ids
            )[0]
            .decode()
        )
        self.assertIn(claim.name, html)
        self.assertIn("ألف ومئتان وخمسون ريال وخمسون هللة", html)
        self.assertIn(claim.meeting_id.name, html)
        self.assertIn("Fatimah Al-Otaibi", html)
