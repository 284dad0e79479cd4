from odoo.exceptions import AccessError
from odoo.tests import tagged, users

from .common import ShaqraCommitteeCommon


@tagged("post_install", "-at_install", "access_rights")
class TestCommitteeAccess(ShaqraCommitteeCommon):
    """Only committee members hold meetings; reception reads the outcome (C5, C8)."""

    @users("t_reception")
    def test_c8_reception_reads_but_does_not_hold_meetings(self):
        Meeting = self.env["shaqra.committee.meeting"]
        with self.assertRaises(AccessError):
            Meeting.create({"committee_id": self.committee.id})
        self.assertEqual(Meeting.search_count([("committee_id", "=", self.committee.id)]), 0)

    @users("t_committee")
    def test_c8_committee_member_holds_a_meeting(self):
        request = self._complete_request()
        meeting = self.env["shaqra.committee.meeting"].create(
            {
                "committee_id": self.committee.id,
                "decision_ids": [(0, 0, {"request_id": request.id})],
            }
        )
        meeting.action_start()
        meeting.decision_ids.write({"decision": "rejected", "reason": "Outside the criteria"})
        self.assertEqual(request.stage_key, "decided")
        self.assertEqual(request.decided_by_id, self.user_committee)

    @users("t_reception")
    def test_c8_reception_cannot_record_decisions(self):
        request = self._complete_request()
        meeting = (
            self.env["shaqra.committee.meeting"].sudo().create({"committee_id": self.committee.id})
        )
        with self.assertRaises(AccessError):
            self.env["shaqra.committee.decision"].create(
                {"meeting_id": meeting.id, "request_id": request.id}
            )
        self.assertEqual(request.stage_key, "awaiting_committee")

    @users("t_committee")
    def test_c8_only_managers_configure_committees(self):
        with self.assertRaises(AccessError):
            self.env["shaqra.committee"].browse(self.committee.id).write({"quorum": 1})
