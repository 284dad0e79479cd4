from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import ShaqraCommitteeCommon


@tagged("post_install", "-at_install")
class TestCommitteeMeeting(ShaqraCommitteeCommon):
    """Committees study complete requests and decide in minuted meetings (C5, C8)."""

    def test_c5_agenda_moves_request_to_committee_review(self):
        request = self._complete_request()
        self.assertEqual(request.stage_key, "awaiting_committee")
        meeting = self._meeting(request, start=False)
        self.assertEqual(request.stage_key, "committee_review")
        self.assertEqual(meeting.request_ids, request)
        self.assertTrue(meeting.name.startswith("MTG/"))

    def test_c5_load_agenda_takes_every_awaiting_request(self):
        first, second = self._complete_request(), self._complete_request()
        meeting = self.env["shaqra.committee.meeting"].create({"committee_id": self.committee.id})
        meeting.action_load_agenda()
        self.assertEqual(meeting.request_ids, first | second)
        self.assertEqual({first.stage_key, second.stage_key}, {"committee_review"})
        with self.assertRaises(UserError):
            meeting.action_load_agenda()

    def test_c5_incomplete_request_cannot_go_on_the_agenda(self):
        request = self.env["shaqra.request"].create(
            {"beneficiary_id": self.beneficiary.id, "service_type_id": self.service.id}
        )
        with self.assertRaises(UserError):
            self._meeting(request, start=False)
        self.assertEqual(request.stage_key, "received")

    def test_c5_removing_from_agenda_returns_request(self):
        request = self._complete_request()
        meeting = self._meeting(request, start=False)
        meeting.decision_ids.unlink()
        self.assertEqual(request.stage_key, "awaiting_committee")

    def test_c8_decision_moves_request_and_records_who_and_which_meeting(self):
        request = self._complete_request()
        meeting = self._meeting(request)
        line = meeting.decision_ids.with_user(self.member_b)
        line.write({"decision": "approved", "approved_amount": 1500.0})
        self.assertEqual(request.stage_key, "decided")
        self.assertEqual(request.decision, "approved")
        self.assertEqual(request.approved_amount, 1500.0)
        self.assertEqual(request.decision_meeting_id, meeting)
        self.assertEqual(request.decided_by_id, self.member_b)
        self.assertTrue(request.decision_date)
        self.assertEqual(line.decided_by_id, self.member_b)

    def test_c8_rejection_needs_a_reason(self):
        request = self._complete_request()
        meeting = self._meeting(request)
        with self.assertRaises(ValidationError):
            meeting.decision_ids.write({"decision": "rejected"})
        meeting.decision_ids.write({"decision": "rejected", "reason": "Income above the limit"})
        self.assertEqual(request.stage_key, "decided")
        self.assertEqual(request.decision_reason, "Income above the limit")

    def test_c8_only_amount_for_approved_decision(self):
        request = self._complete_request()
        meeting = self._meeting(request)
        with self.assertRaises(ValidationError):
            meeting.decision_ids.write(
                {"decision": "rejected", "reason": "No", "approved_amount": 10.0}
            )

    def test_c8_no_decision_before_the_meeting_starts(self):
        request = self._complete_request()
        meeting = self._meeting(request, start=False)
        with self.assertRaises(UserError):
            meeting.decision_ids.write({"decision": "approved"})
        self.assertEqual(request.stage_key, "committee_review")

    def test_c8_only_members_decide(self):
        request = self._complete_request()
        meeting = self._meeting(request)
        with self.assertRaises(UserError):
            meeting.decision_ids.with_user(self.outsider).write({"decision": "approved"})
        self.assertEqual(request.stage_key, "committee_review")
        self.assertFalse(request.decision)

    def test_c6_more_info_returns_to_completeness_and_clears_the_clock(self):
        request = self._complete_request()
        self.assertTrue(request.date_complete)
        self.assertTrue(request.date_deadline)
        meeting = self._meeting(request)
        meeting.decision_ids.write({"decision": "more_info", "reason": "Bring a salary slip"})
        self.assertEqual(request.stage_key, "completeness")
        self.assertEqual(request.decision, "more_info")
        self.assertFalse(request.date_complete)
        self.assertFalse(request.date_deadline)
        # Completed again on Sunday 2026-11-01 10:00 in Riyadh, no holiday: a
        # new clock of 15 working days (Sunday to Thursday) starts the next
        # working day and ends on Sunday 2026-11-22.
        with freeze_time("2026-11-01 07:00:00"):
            request.action_send_to_committee()
        self.assertEqual(request.stage_key, "awaiting_committee")
        self.assertEqual(str(request.date_complete), "2026-11-01 07:00:00")
        self.assertEqual(request.date_deadline, date(2026, 11, 22))

    def test_c8_decision_frozen_once_request_moved_on(self):
        request = self._complete_request()
        meeting = self._meeting(request)
        meeting.decision_ids.write({"decision": "more_info", "reason": "Bring a salary slip"})
        with self.assertRaises(UserError):
            meeting.decision_ids.write({"decision": "approved", "reason": False})

    def test_c8_close_needs_every_decision_and_quorum_present(self):
        request = self._complete_request()
        meeting = self._meeting(request)
        with self.assertRaises(UserError):
            meeting.action_close()
        meeting.decision_ids.write({"decision": "approved"})
        meeting.attendee_ids = self.member_a
        with self.assertRaises(UserError):
            meeting.action_close()
        meeting.attendee_ids = self.member_a | self.member_b
        meeting.with_user(self.member_a).action_close()
        self.assertEqual(meeting.state, "held")
        self.assertEqual(len(meeting.activity_ids), 3)

    def test_c8_minutes_approved_when_quorum_of_members_approve(self):
        request = self._complete_request()
        meeting = self._meeting(request)
        meeting.decision_ids.write({"decision": "approved"})
        meeting.attendee_ids = self.member_a | self.member_b | self.member_c
        meeting.action_close()
        meeting.with_user(self.member_a).action_approve()
        self.assertEqual(meeting.state, "held")
        self.assertEqual(meeting.approval_count, 1)
        with self.assertRaises(UserError):
            meeting.with_user(self.member_a).action_approve()
        with self.assertRaises(UserError):
            meeting.with_user(self.outsider).action_approve()
        meeting.with_user(self.member_c).action_approve()
        self.assertEqual(meeting.state, "approved")
        self.assertTrue(meeting.date_approved)
        self.assertEqual(meeting.approval_ids.user_id, self.member_a | self.member_c)
        self.assertFalse(meeting.activity_ids)
        with self.assertRaises(UserError):
            meeting.with_user(self.member_a).write({"minutes": "<p>changed</p>"})

    def test_c8_quorum_cannot_exceed_members(self):
        with self.assertRaises(ValidationError):
            self.committee.quorum = 4
        with self.assertRaises(ValidationError):
            self.committee.chair_id = self.outsider
