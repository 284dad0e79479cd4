from datetime import datetime, time, timedelta

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.shaqra_beneficiary.tests.common import SIGNATURE, ShaqraCommon

__all__ = ["SIGNATURE", "ShaqraComplaintCommon"]


class ShaqraComplaintCommon(ShaqraCommon):
    """A follow-up committee, a liaison officer and an employee concerned."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.member_b = new_test_user(
            env, "t_cmp_member_b", groups="shaqra_beneficiary.group_committee_member"
        )
        cls.follow_up = env["shaqra.committee"].create(
            {
                "name": "Follow-up committee",
                "committee_type": "follow_up",
                "member_ids": [Command.set((cls.user_committee | cls.member_b).ids)],
                "chair_id": cls.user_committee.id,
                "quorum": 2,
            }
        )
        cls.category = env["shaqra.beneficiary.category"].create({"name": "Cmp widows"})
        cls.work_field = env["shaqra.work.field"].create({"name": "Cmp social aid"})
        cls.officer = env["hr.employee"].create(
            {"name": "Officer Huda", "user_id": cls.user_liaison.id}
        )
        env["shaqra.liaison.assignment"].create(
            {
                "category_id": cls.category.id,
                "field_id": cls.work_field.id,
                "employee_id": cls.officer.id,
            }
        )
        cls.service = env["shaqra.service.type"].create(
            {"name": "Cmp monthly aid", "field_id": cls.work_field.id}
        )
        cls.beneficiary = env["shaqra.beneficiary"].create(
            {
                "name": "Fatimah Al-Otaibi",
                "national_id": "1000000008",
                "category_id": cls.category.id,
                "field_id": cls.work_field.id,
                "preferred_channel": "email",
                "email": "fatimah@example.com",
                "mobile": "0559876001",
            }
        )
        # An employee with a user, about whom a complaint is made.
        cls.user_concerned = new_test_user(
            env, "t_cmp_concerned", groups="shaqra_beneficiary.group_manager"
        )
        cls.employee_concerned = env["hr.employee"].create(
            {"name": "Concerned Khalid", "user_id": cls.user_concerned.id}
        )

    def _complaint(self, **values):
        vals = {
            "kind": "complaint",
            "channel": "meeting",
            "beneficiary_id": self.beneficiary.id,
            "service_type_id": self.service.id,
            "description": "The aid was paid late.",
        }
        vals.update(values)
        return self.env["shaqra.complaint"].create(vals)

    def _holiday(self, day, name="Holiday"):
        # A whole day in Asia/Riyadh (UTC+3), stored in UTC.
        start = datetime.combine(day, time.min) - timedelta(hours=3)
        return self.env["resource.calendar.leaves"].create(
            {
                "name": name,
                "calendar_id": self.calendar.id,
                "date_from": start,
                "date_to": start + timedelta(hours=23, minutes=59, seconds=59),
            }
        )
