import base64
from contextlib import contextmanager
from datetime import datetime, time, timedelta

from odoo import Command

from .common import SIGNATURE, ShaqraCommon

# Valid Saudi IDs (Luhn check digit) for the tests.
IDS = ["1000000008", "1234567897", "2345678904", "2222222222", "2260181595", "1010101010"]


class ShaqraRequestCommon(ShaqraCommon):
    """Fields of work, officers, a service type with its checklist, beneficiaries."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.shaqra_reminder_days = 3
        cls.company.shaqra_escalation_user_id = cls.user_manager
        cls.field_social = cls.env["shaqra.work.field"].create(
            {"name": "Social aid", "code": "T_SOC"}
        )
        cls.field_housing = cls.env["shaqra.work.field"].create(
            {"name": "Housing", "code": "T_HOU"}
        )
        cls.category_widows = cls.env["shaqra.beneficiary.category"].create(
            {"name": "Widows", "code": "T_WID"}
        )
        cls.category_orphans = cls.env["shaqra.beneficiary.category"].create(
            {"name": "Orphans", "code": "T_ORP"}
        )
        Employee = cls.env["hr.employee"]
        cls.employee_manager = Employee.create({"name": "Manager", "user_id": cls.user_manager.id})
        cls.employee_liaison = Employee.create(
            {
                "name": "Officer",
                "user_id": cls.user_liaison.id,
                "parent_id": cls.employee_manager.id,
            }
        )
        cls.employee_backup = Employee.create({"name": "Backup officer"})
        cls.employee_other = Employee.create({"name": "Other officer"})
        cls.assignment_social = cls.env["shaqra.liaison.assignment"].create(
            {
                "category_id": cls.category_widows.id,
                "field_id": cls.field_social.id,
                "employee_id": cls.employee_liaison.id,
                "backup_employee_id": cls.employee_backup.id,
            }
        )
        cls.assignment_housing = cls.env["shaqra.liaison.assignment"].create(
            {
                "category_id": cls.category_widows.id,
                "field_id": cls.field_housing.id,
                "employee_id": cls.employee_other.id,
            }
        )
        cls.service = cls.env["shaqra.service.type"].create(
            {
                "name": "Monthly food basket",
                "field_id": cls.field_social.id,
                "response_days": 15,
                "requirement_ids": [
                    Command.create({"name": "Copy of national ID", "document_required": True}),
                    Command.create({"name": "Family record", "is_mandatory": True}),
                    Command.create({"name": "Recommendation letter", "is_mandatory": False}),
                ],
            }
        )
        cls.beneficiary = cls.env["shaqra.beneficiary"].create(
            {
                "name": "Fatimah Al-Shaqrawi",
                "national_id": IDS[0],
                "mobile": "+966 59 876 5432",
                "category_id": cls.category_widows.id,
                "field_id": cls.field_social.id,
            }
        )
        cls.stage = {stage.key: stage for stage in cls.env["shaqra.request.stage"].search([])}
        cls.document = cls.env["ir.attachment"].create(
            {"name": "id.pdf", "datas": base64.b64encode(b"%PDF-1.4 test")}
        )
        # A drawn signature: a blank or near-blank image is refused (C4).
        cls.signature = SIGNATURE.decode()

    def _request(self, **values):
        Request = self.env["shaqra.request"]
        if not self.env.su:
            # Staff take a request for a known person by the exact national ID
            # (policy C1, E2): the id alone does not open the file.
            return Request.browse(
                Request.shaqra_create_for_national_id(
                    self.beneficiary.sudo().national_id,
                    {"service_type_id": self.service.id, **values},
                )
            )
        return Request.create(
            {
                "beneficiary_id": self.beneficiary.id,
                "service_type_id": self.service.id,
                **values,
            }
        )

    def _verify_all(self, request):
        for line in request.requirement_line_ids:
            values = {"is_verified": True}
            if line.document_required:
                # Each line gets its own upload, by whoever verifies it: a
                # file of another record cannot be linked (E2).
                upload = self.env["ir.attachment"].create(
                    {"name": "id.pdf", "raw": b"%PDF-1.4 test", "res_id": 0}
                )
                values["attachment_ids"] = [Command.set(upload.ids)]
            line.write(values)

    def _ready(self, **values):
        """A request with every line verified and the beneficiary's signature."""
        request = self._request(**values)
        self._verify_all(request)
        request.write({"signature": self.signature, "signed_by": "Fatimah"})
        return request

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

    @contextmanager
    def assertRaisesText(self, exception, text):
        """assertRaises (which rolls back to a savepoint) and check the message."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertIn(text, str(catcher.exception))
