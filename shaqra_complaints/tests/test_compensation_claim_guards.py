from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common_claim import SIGNATURE, ShaqraClaimCommon


@tagged("post_install", "-at_install")
class TestCompensationClaimGuards(ShaqraClaimCommon):
    """Policy C10 (approval of offers above a limit), E3 (payment due date and
    escalation), the beneficiary's claims on their file, and the demo data."""

    def _established(self, **values):
        claim = self._claim(
            judgment_authority="Court",
            judgment_number="77/1447",
            judgment_date=fields.Date.today(),
            judgment_final=True,
            **values,
        )
        claim.action_establish()
        claim.action_start_negotiation()
        return claim

    def _offer(self, claim, amount, party="association", user=None):
        return (
            self.env["shaqra.compensation.negotiation"]
            .with_user(user or self.user_liaison)
            .create({"claim_id": claim.id, "party": party, "amount": amount})
        )

    # ------------------------------------------------------------------
    # C10: management approves offers above the configured amount
    # ------------------------------------------------------------------

    def test_c10_offer_above_limit_needs_manager_approval(self):
        self.assertEqual(self.company.shaqra_claim_offer_approval_amount, 10000.0)
        claim = self._established(amount_claimed=20000.0)
        offer = self._offer(claim, 15000.0)
        small = self._offer(claim, 9000.0)
        self.assertTrue(offer.approval_required)
        self.assertFalse(small.approval_required)
        approval = self.env.ref("shaqra_complaints.mail_activity_type_claim_offer_approval")
        to_approve = claim.activity_ids.filtered(lambda a: a.activity_type_id == approval)
        self.assertEqual(len(to_approve), 1, "management gets the approval to do")
        self.assertTrue(to_approve.user_id.has_group("shaqra_beneficiary.group_manager"))
        claim.write({"amount_agreed": 15000.0, "agreement_terms": "<p>Terms</p>"})
        # Not shown to the beneficiary, cannot be signed nor settled.
        self.assertFalse(claim._portal_can_sign())
        self.assertNotIn(offer, claim._portal_rounds())
        with self.assertRaises(UserError):
            claim._agreement_sign(SIGNATURE, "Fatimah Al-Otaibi")
        self.assertFalse(claim.agreement_signed_on)
        # Only management approves, and only through the action.
        for user in (
            self.user_liaison,
            self.user_committee,
            self.user_reception,
            self.user_employee,
            self.user_portal,
        ):
            with self.assertRaises(AccessError):
                offer.with_user(user).action_approve()
        for vals in (
            {"approved_by_id": self.user_manager.id},
            {"approved_on": fields.Datetime.now()},
            {"approval_required": False},
        ):
            with self.assertRaises(UserError):
                offer.with_user(self.user_manager).write(vals)
        self.assertFalse(offer.approved_on)
        offer.with_user(self.user_manager).action_approve()
        self.assertEqual(offer.approved_by_id, self.user_manager)
        self.assertFalse(
            claim.activity_ids.filtered(lambda a: a.activity_type_id == approval),
            "the approval to do is done once approved",
        )
        self.assertTrue(offer.approved_on)
        with self.assertRaises(UserError):
            offer.with_user(self.user_manager).action_approve()
        self.assertTrue(claim._portal_can_sign())
        self.assertIn(offer, claim._portal_rounds())
        claim._agreement_sign(SIGNATURE, "Fatimah Al-Otaibi")
        claim.action_settle()
        self.assertEqual(claim.state, "settled")

    def test_c10_offer_reaches_the_beneficiary_as_a_notice_once_it_may_be_shown(self):
        """An association offer is sent over the agreed channel and linked to its
        round; one above the limit only once management approved it; a counter-offer
        of the beneficiary sends nothing."""
        claim = self._established(amount_claimed=20000.0)
        small = self._offer(claim, 4000.0)
        self.assertEqual(small.notice_id.kind, "settlement")
        self.assertEqual(small.notice_id.res_id, claim.id)
        self.assertEqual(small.notice_id.channel, claim.beneficiary_id.preferred_channel)
        self.assertIn("4,000", small.notice_id.body)
        counter = self._offer(claim, 6000.0, party="beneficiary")
        self.assertFalse(counter.notice_id)
        big = self._offer(claim, 15000.0)
        self.assertFalse(big.notice_id, "not shown before management approves it")
        big.with_user(self.user_manager).action_approve()
        self.assertEqual(big.notice_id.kind, "settlement")
        self.assertEqual(claim.notification_ids, small.notice_id | big.notice_id)
        with self.assertRaises(UserError):
            small.with_user(self.user_manager).write({"notice_id": False})

    def test_c10_beneficiary_counter_offer_above_limit_is_no_basis(self):
        claim = self._established(amount_claimed=20000.0)
        counter = self._offer(claim, 14000.0, party="beneficiary")
        self.assertFalse(counter.approval_required)
        claim.write({"amount_agreed": 14000.0})
        with self.assertRaises(UserError):
            claim._agreement_sign(SIGNATURE, "Fatimah Al-Otaibi")
        # An approved offer below the amount agreed is no basis either.
        low = self._offer(claim, 12000.0)
        low.with_user(self.user_manager).action_approve()
        with self.assertRaises(UserError):
            claim._agreement_sign(SIGNATURE, "Fatimah Al-Otaibi")
        self.assertFalse(claim.agreement_signature)

    def test_c10_settlement_refused_when_its_offer_lacks_approval(self):
        claim = self._established()
        claim.write({"amount_agreed": 2000.0})
        claim._agreement_sign(SIGNATURE, "Fatimah Al-Otaibi")
        # Management lowers the limit before the settlement: the basis is checked again.
        self.company.shaqra_claim_offer_approval_amount = 1000.0
        with self.assertRaises(UserError):
            claim.action_settle()
        self.assertEqual(claim.state, "negotiation")
        offer = self._offer(claim, 2000.0)
        offer.with_user(self.user_manager).action_approve()
        claim.action_settle()
        self.assertEqual(claim.state, "settled")

    def test_c10_approval_amount_is_a_setting(self):
        settings = self.env["res.config.settings"].create(
            {"shaqra_claim_offer_approval_amount": 1000.0, "shaqra_claim_payment_days": 5}
        )
        settings.execute()
        self.assertEqual(self.company.shaqra_claim_offer_approval_amount, 1000.0)
        self.assertEqual(self.company.shaqra_claim_payment_days, 5)
        claim = self._established()
        self.assertTrue(self._offer(claim, 1500.0).approval_required)
        claim.write({"amount_agreed": 1500.0})
        with self.assertRaises(UserError):
            claim._agreement_sign(SIGNATURE, "Fatimah Al-Otaibi")

    def test_c10_signature_evidence_and_frozen(self):
        claim = self._established()
        claim.write({"amount_agreed": 2000.0})
        with self.assertRaises(UserError):
            claim._agreement_sign("bm90IGFuIGltYWdl", "Fatimah Al-Otaibi")
        claim._agreement_sign(SIGNATURE, " Fatimah Al-Otaibi ", ip="10.0.0.9", ua="Tablet")
        self.assertEqual(claim.agreement_signed_by, "Fatimah Al-Otaibi")
        self.assertEqual(claim.agreement_signed_ip, "10.0.0.9")
        self.assertEqual(claim.agreement_signed_ua, "Tablet")
        self.assertEqual(claim.agreement_signed_channel, "backend")
        with self.assertRaises(UserError):
            claim._agreement_sign(SIGNATURE, "Someone Else")
        for vals in (
            {"agreement_signed_ip": "1.2.3.4"},
            {"agreement_signed_ua": "Forged"},
            {"agreement_signed_channel": "portal"},
        ):
            with self.assertRaises(AccessError):
                claim.with_user(self.user_manager).write(vals)
        self.assertEqual(claim.agreement_signed_ip, "10.0.0.9")

    # ------------------------------------------------------------------
    # E3: the payment due date, its activity and the overdue escalation
    # ------------------------------------------------------------------

    def _settled(self, amount=2000.0):
        claim = self._established()
        claim.write({"amount_agreed": amount})
        claim._agreement_sign(SIGNATURE, "Fatimah Al-Otaibi")
        claim.action_settle()
        return claim

    def test_e3_due_date_in_working_days_and_activity_for_officer(self):
        claim = self._settled()
        day = claim._deadline_local_date(claim.settled_on)
        self.assertEqual(claim.date_deadline, self.company.shaqra_deadline_for(day, 10))
        activity = claim.activity_ids.filtered(
            lambda a: a.activity_type_id
            == self.env.ref("shaqra_complaints.mail_activity_type_claim_payment_due")
        )
        self.assertEqual(activity.user_id, self.user_liaison)
        self.assertEqual(activity.date_deadline, claim.date_deadline)
        with self.assertRaises(AccessError):
            claim.with_user(self.user_manager).write({"date_deadline": fields.Date.today()})

    def test_e3_overdue_payment_escalated_once_and_searchable(self):
        claim = self._settled()
        other = self._settled()
        Claim = self.env["shaqra.compensation.claim"]
        self.assertFalse(Claim.search([("id", "=", claim.id), ("deadline_state", "=", "overdue")]))
        # The due date passed (as the clock would have it, a month later).
        past = fields.Date.subtract(fields.Date.today(), days=3)
        (claim | other)._evidence_write({"date_deadline": past, "date_reminder": False})
        # One payment on "other" does not stop the clock: not fully paid.
        self.env["shaqra.compensation.payment"].with_user(self.user_liaison).create(
            {"claim_id": other.id, "amount": 500.0, "method": "cash"}
        )
        escalation = self.env.ref("shaqra_complaints.mail_activity_type_claim_payment_overdue")
        Claim._cron_deadline_check()
        Claim._cron_deadline_check()
        for record in (claim, other):
            self.assertTrue(record.is_overdue)
            self.assertTrue(record.is_escalated)
            self.assertEqual(
                len(record.activity_ids.filtered(lambda a: a.activity_type_id == escalation)), 1
            )
        overdue = Claim.search([("deadline_state", "=", "overdue")])
        self.assertIn(claim, overdue)
        self.assertIn(other, overdue)
        # The search view's filter uses the same domain.
        view = self.env.ref("shaqra_complaints.shaqra_compensation_claim_view_search")
        self.assertIn("overdue_payment", view.arch)
        # Paid in full: the clock stops, the claim is no longer overdue.
        self.env["shaqra.compensation.payment"].with_user(self.user_liaison).create(
            {"claim_id": other.id, "amount": 1500.0, "method": "cash"}
        )
        self.assertEqual(other.state, "paid")
        self.assertTrue(other.date_answered)
        self.assertFalse(other.is_overdue)
        self.assertNotIn(other, Claim.search([("deadline_state", "=", "overdue")]))

    def test_e3_paid_on_time_not_escalated(self):
        claim = self._settled()
        self.env["shaqra.compensation.payment"].with_user(self.user_liaison).create(
            {"claim_id": claim.id, "amount": 2000.0, "method": "bank_transfer"}
        )
        self.assertEqual(claim.state, "paid")
        self.assertTrue(claim.deadline_met)
        claim._evidence_write({"date_deadline": fields.Date.subtract(fields.Date.today(), days=9)})
        self.env["shaqra.compensation.claim"]._cron_deadline_check()
        self.assertFalse(claim.is_escalated)

    # ------------------------------------------------------------------
    # The claims on the beneficiary's file
    # ------------------------------------------------------------------

    def test_e2_claims_smart_button_counts_what_the_reader_may_see(self):
        self._claim()
        self.env["shaqra.compensation.claim"].with_user(self.user_manager).create(
            {"beneficiary_id": self.beneficiary.id, "user_id": self.user_manager.id}
        )
        ben = self.beneficiary
        self.assertEqual(ben.with_user(self.user_manager).compensation_claim_count, 2)
        self.assertEqual(ben.with_user(self.user_liaison).compensation_claim_count, 1)
        self.assertEqual(ben.with_user(self.member_b).compensation_claim_count, 1)
        other_officer = new_test_user(
            self.env, "t_claim_button_officer", groups="shaqra_beneficiary.group_liaison_officer"
        )
        self.assertEqual(ben.with_user(other_officer).compensation_claim_count, 0)
        with self.assertRaises(AccessError):
            ben.with_user(self.user_reception).read(["compensation_claim_count"])
        action = ben.with_user(self.user_liaison).action_view_compensation_claims()
        self.assertEqual(action["domain"], [("beneficiary_id", "=", ben.id)])

    # ------------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------------

    def test_c7_demo_claims_consistent(self):
        Claim = self.env["shaqra.compensation.claim"]
        if not self.env.ref(
            "shaqra_complaints.shaqra_compensation_claim_paid_demo", raise_if_not_found=False
        ):
            Claim._demo_build()
        paid = self.env.ref("shaqra_complaints.shaqra_compensation_claim_paid_demo")
        judged = self.env.ref("shaqra_complaints.shaqra_compensation_claim_judgment_demo")
        rejected = self.env.ref("shaqra_complaints.shaqra_compensation_claim_rejected_demo")
        self.assertEqual(paid.state, "paid")
        self.assertEqual(paid.established_basis, "minutes")
        self.assertEqual(paid.meeting_id.state, "approved")
        self.assertTrue(paid.finding_ids.association_at_fault)
        self.assertEqual(len(paid.negotiation_ids), 3)
        self.assertEqual(len(paid.payment_ids), 2)
        self.assertEqual(
            (paid.amount_claimed, paid.amount_assessed, paid.amount_agreed, paid.amount_paid),
            (8000.0, 6000.0, 5000.0, 5000.0),
        )
        self.assertTrue(paid.agreement_signed_on)
        self.assertTrue(paid.date_deadline)
        self.assertEqual(judged.established_basis, "judgment")
        self.assertTrue(judged.judgment_final)
        self.assertEqual(judged.amount_ruled, 12000.0)
        self.assertTrue(judged.negotiation_ids.approved_on)
        self.assertTrue(judged._portal_can_sign())
        self.assertEqual(rejected.state, "rejected")
        self.assertTrue(rejected.reject_reason)
