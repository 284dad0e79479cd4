from odoo.tests import new_test_user

from .common import SIGNATURE, ShaqraCommon


class ShaqraCommitteeCommon(ShaqraCommon):
    """A committee of three with requests awaiting it (policy C5, C8)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member_a = cls.user_committee
        cls.member_b = new_test_user(
            cls.env, "t_committee_b", groups="shaqra_beneficiary.group_committee_member"
        )
        cls.member_c = new_test_user(
            cls.env, "t_committee_c", groups="shaqra_beneficiary.group_committee_member"
        )
        cls.outsider = new_test_user(
            cls.env, "t_committee_x", groups="shaqra_beneficiary.group_committee_member"
        )
        cls.committee = cls.env["shaqra.committee"].create(
            {
                "name": "Social Aid Committee",
                "member_ids": [(6, 0, (cls.member_a | cls.member_b | cls.member_c).ids)],
                "chair_id": cls.member_a.id,
                "quorum": 2,
            }
        )
        cls.category = cls.env["shaqra.beneficiary.category"].create({"name": "Widows"})
        cls.work_field = cls.env["shaqra.work.field"].create({"name": "Social aid"})
        cls.officer_user = new_test_user(
            cls.env, "t_officer", groups="shaqra_beneficiary.group_liaison_officer"
        )
        cls.officer = cls.env["hr.employee"].create(
            {"name": "Officer Huda", "user_id": cls.officer_user.id}
        )
        cls.env["shaqra.liaison.assignment"].create(
            {
                "category_id": cls.category.id,
                "field_id": cls.work_field.id,
                "employee_id": cls.officer.id,
            }
        )
        cls.service = cls.env["shaqra.service.type"].create(
            {
                "name": "Monthly aid",
                "field_id": cls.work_field.id,
                "committee_id": cls.committee.id,
            }
        )
        cls.env["shaqra.service.requirement"].create(
            {"service_type_id": cls.service.id, "name": "Copy of ID", "is_mandatory": True}
        )
        cls.beneficiary = cls.env["shaqra.beneficiary"].create(
            {
                "name": "Fatimah Al-Otaibi",
                "national_id": "1000000008",
                "category_id": cls.category.id,
                "field_id": cls.work_field.id,
                "preferred_channel": "letter",
                "mobile": "0559876001",
                "fax_number": "+966 11 622 0000",
            }
        )
        cls.stage = {
            key: cls.env.ref(f"shaqra_beneficiary.shaqra_request_stage_{key}")
            for key in ("received", "completeness", "awaiting_committee", "decided", "notified")
        }

    @classmethod
    def _complete_request(cls, beneficiary=None, **vals):
        """A request made complete and signed, now awaiting the committee."""
        request = cls.env["shaqra.request"].create(
            {
                "beneficiary_id": (beneficiary or cls.beneficiary).id,
                "service_type_id": cls.service.id,
                **vals,
            }
        )
        request.requirement_line_ids.write({"is_provided": True, "is_verified": True})
        request.write({"signature": SIGNATURE, "signed_by": request.beneficiary_id.name})
        request.write({"stage_id": cls.stage["awaiting_committee"].id})
        return request

    def _meeting(self, requests, start=True):
        meeting = self.env["shaqra.committee.meeting"].create(
            {
                "committee_id": self.committee.id,
                "decision_ids": [(0, 0, {"request_id": r.id}) for r in requests],
            }
        )
        if start:
            meeting.with_user(self.member_a).action_start()
        return meeting
