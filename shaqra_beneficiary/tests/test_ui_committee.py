from odoo.tests import HttpCase, new_test_user, tagged

from .common import SIGNATURE


@tagged("post_install", "-at_install")
class TestUiCommittee(HttpCase):
    """Policy C5, C8: a member records a decision in the web client."""

    def test_c8_member_records_decision_in_meeting_tour(self):
        member = new_test_user(
            self.env,
            "t_tour_member",
            name="Tour Member",
            groups="shaqra_beneficiary.group_committee_member",
        )
        committee = self.env["shaqra.committee"].create(
            {"name": "Tour Aid Committee", "member_ids": [(6, 0, member.ids)], "quorum": 1}
        )
        field = self.env["shaqra.work.field"].create({"name": "Tour aid"})
        service = self.env["shaqra.service.type"].create(
            {"name": "Tour aid", "field_id": field.id, "committee_id": committee.id}
        )
        beneficiary = self.env["shaqra.beneficiary"].create(
            {"name": "Tour Beneficiary", "national_id": "1234567897"}
        )
        request = self.env["shaqra.request"].create(
            {"beneficiary_id": beneficiary.id, "service_type_id": service.id}
        )
        request.write({"signature": SIGNATURE, "signed_by": beneficiary.name})
        request.write(
            {
                "stage_id": self.env.ref(
                    "shaqra_beneficiary.shaqra_request_stage_awaiting_committee"
                ).id
            }
        )
        meeting = self.env["shaqra.committee.meeting"].create(
            {"committee_id": committee.id, "decision_ids": [(0, 0, {"request_id": request.id})]}
        )
        meeting.with_user(member).action_start()

        self.start_tour("/odoo", "shaqra_committee_decision_tour", login="t_tour_member")

        self.assertEqual(request.stage_key, "decided")
        self.assertEqual(request.decision, "approved")
        self.assertEqual(request.approved_amount, 1500.0)
        self.assertEqual(request.decided_by_id, member)
        self.assertEqual(request.decision_meeting_id, meeting)
