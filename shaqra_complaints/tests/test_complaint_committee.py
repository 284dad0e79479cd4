from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import ShaqraComplaintCommon


@tagged("post_install", "-at_install")
class TestComplaintCommittee(ShaqraComplaintCommon):
    """Policy D1: the follow-up committee decides; approved minutes apply it."""

    def _meeting_with(self, *complaints):
        for complaint in complaints:
            complaint.action_send_to_committee()
        meeting = (
            self.env["shaqra.committee.meeting"]
            .with_user(self.user_committee)
            .create({"committee_id": self.follow_up.id})
        )
        meeting.action_load_agenda()
        self.assertEqual(
            sorted(meeting.complaint_decision_ids.complaint_id.ids),
            sorted(complaint.id for complaint in complaints),
        )
        meeting.action_start()
        meeting.attendee_ids = self.user_committee | self.member_b
        return meeting

    def _approve(self, meeting):
        meeting.action_close()
        meeting.action_approve()
        meeting.with_user(self.member_b).action_approve()
        self.assertEqual(meeting.state, "approved")

    def test_d1_outcome_applied_when_minutes_approved(self):
        complaint = self._complaint()
        meeting = self._meeting_with(complaint)
        line = meeting.complaint_decision_ids
        line.write({"outcome": "upheld", "reason": "The aid was late."})
        self.assertEqual(line.decided_by_id, self.user_committee)
        self.assertTrue(line.decision_date)
        # Not applied before the minutes are approved.
        self.assertFalse(complaint.outcome)
        self._approve(meeting)
        self.assertEqual(complaint.outcome, "upheld")
        self.assertEqual(complaint.stage_key, "resolved")
        self.assertEqual(complaint.decision_meeting_id, meeting)
        with self.assertRaises(UserError):
            line.write({"reason": "Rewritten after approval."})
        self.assertTrue(complaint.date_answered)
        decision = complaint.notification_ids.filtered(lambda n: n.kind == "decision")
        self.assertEqual(len(decision), 1)
        self.assertIn("The aid was late.", decision.body)

    def test_d1_close_refused_while_complaint_undecided(self):
        complaint = self._complaint()
        meeting = self._meeting_with(complaint)
        self.assertIn(complaint.name, meeting._agenda_undecided_items())
        with self.assertRaises(UserError):
            meeting.action_close()

    def test_d3_settled_outcome_proposes_settlement(self):
        complaint = self._complaint()
        meeting = self._meeting_with(complaint)
        meeting.complaint_decision_ids.write(
            {
                "outcome": "settled",
                "reason": "An amicable solution is possible.",
                "settlement_terms": "<p>Pay the aid and apologise.</p>",
            }
        )
        self._approve(meeting)
        self.assertEqual(complaint.stage_key, "settlement")
        self.assertEqual(complaint.settlement_state, "proposed")
        self.assertIn("apologise", complaint.settlement_terms)

    def test_d1_outcome_recorded_only_by_members(self):
        complaint = self._complaint()
        meeting = self._meeting_with(complaint)
        outsider = new_test_user(
            self.env, "t_cmp_outsider", groups="shaqra_beneficiary.group_committee_member"
        )
        with self.assertRaises(UserError):  # AccessError is a UserError
            meeting.complaint_decision_ids.with_user(outsider).write(
                {"outcome": "rejected", "reason": "x"}
            )
        self.assertFalse(meeting.complaint_decision_ids.outcome)

    def test_d1_minutes_list_complaint_decisions(self):
        complaint = self._complaint()
        meeting = self._meeting_with(complaint)
        meeting.complaint_decision_ids.write({"outcome": "rejected", "reason": "Unfounded."})
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("shaqra_beneficiary.report_shaqra_committee_meeting", meeting.ids)[
                0
            ]
            .decode()
        )
        self.assertIn(complaint.name, html)
        self.assertIn("الشكاوى والقرارات", html)
