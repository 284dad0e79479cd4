"""Layered test bases of the add-on (as Odoo's ``crm/tests/common.py``).

    ShaqraCommon             company, service calendar, one user per role
    +- ShaqraRequestCommon   fields of work, officers, a service type, a beneficiary
    +- ShaqraCommitteeCommon a committee of three with its own service and beneficiary
       +- ShaqraTermsCommon  a published agreement template and a way to approve
    ShaqraPortalCommon       (HttpCase) two portal beneficiaries and a request

plus the shared data of the suites: signature images, tiny documents, Saudi IDs.
Other add-ons import these names from ``odoo.addons.shaqra_beneficiary.tests.common``.
"""

import base64
import io
from contextlib import contextmanager
from datetime import datetime, time, timedelta

from PIL import Image, ImageDraw

from odoo import Command
from odoo.tests import HttpCase, TransactionCase, new_test_user

# ------------------------------------------------------------
# SHARED DATA
# ------------------------------------------------------------


def signature_image(ink=True):
    """A drawn signature as the signature widget stores it (base64 PNG with ink),
    or with ``ink=False`` the blank canvas of an unsigned widget."""
    image = Image.new("RGBA", (200, 60), (0, 0, 0, 0))
    if ink:
        ImageDraw.Draw(image).line(
            [(10, 40), (60, 10), (110, 45), (190, 15)], fill=(20, 20, 80, 255), width=4
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue())


def drawn_signature():
    """A hand-drawn-looking signature, as the signature widget sends it."""
    image = Image.new("RGBA", (240, 80), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.line(
        [(10, 60), (40, 15), (70, 60), (100, 20), (140, 55), (200, 25)], fill="black", width=4
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue())


def _png(size, draw=None, mode="RGBA"):
    image = Image.new(mode, size, (255, 255, 255, 0) if mode == "RGBA" else 255)
    if draw:
        draw(ImageDraw.Draw(image))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


# A signature with real strokes (bytes, base64) and the blank canvas of an unsigned widget.
SIGNATURE = signature_image()
BLANK_SIGNATURE = signature_image(ink=False)
# The same signature as text, as the suites post it in forms and JSON-RPC.
SIGNATURE_TEXT = SIGNATURE.decode()
# Evidence that is not a signature (ART4, C4): a transparent pixel, a blank canvas.
BLANK_PIXEL = base64.b64encode(_png((1, 1))).decode()
BLANK_CANVAS = base64.b64encode(_png((400, 150))).decode()
# Valid Saudi IDs (Luhn check digit) for the tests.
IDS = ["1000000008", "1234567897", "2345678904", "2222222222", "2260181595", "1010101010"]
# The smallest documents whose bytes really are what their extension says.
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVQIW2P4v5ThPwAG7wKklwQ/bwAAAABJRU5ErkJggg=="
)


def load_arabic(env):
    """Activate Arabic and load the add-on's catalogue, for tests that read it."""
    env["res.lang"]._activate_lang("ar_001")
    env["ir.module.module"]._load_module_terms(["shaqra_beneficiary"], ["ar_001"], overwrite=True)


# ------------------------------------------------------------
# TRANSACTION CASES
# ------------------------------------------------------------


class ShaqraCommon(TransactionCase):
    """Data shared by the add-on's tests, built once per class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.calendar = cls.env.ref("shaqra_beneficiary.resource_calendar_shaqra")
        cls.company.shaqra_service_calendar_id = cls.calendar
        cls.user_reception = new_test_user(
            cls.env, "t_reception", groups="shaqra_beneficiary.group_reception"
        )
        cls.user_liaison = new_test_user(
            cls.env, "t_liaison", groups="shaqra_beneficiary.group_liaison_officer"
        )
        cls.user_committee = new_test_user(
            cls.env, "t_committee", groups="shaqra_beneficiary.group_committee_member"
        )
        cls.user_manager = new_test_user(
            cls.env, "t_manager", groups="shaqra_beneficiary.group_manager"
        )
        cls.user_employee = new_test_user(cls.env, "t_employee", groups="base.group_user")
        cls.user_portal = new_test_user(cls.env, "t_portal", groups="base.group_portal")


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


class ShaqraTermsCommon(ShaqraCommitteeCommon):
    """A service with a published agreement template, and a way to approve (ART2)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.signature_image = drawn_signature()
        cls.department = cls.env["hr.department"].create({"name": "Beneficiary Services"})
        cls.work_field.department_id = cls.department
        cls.template = cls.env["shaqra.agreement.template"].create(
            {
                "name": "Monthly aid agreement",
                "service_type_id": cls.service.id,
                "duration_months": 6,
                "payment_schedule": "monthly",
                "terms": "<p>The association pays the approved amount monthly.</p>",
                "termination_terms": "<p>Ends after six months.</p>",
                "obligation_ids": [
                    Command.create(
                        {
                            "name": "Report a change of income within 15 days",
                            "party": "beneficiary",
                        }
                    ),
                    Command.create(
                        {
                            "name": "Bring the rent receipt",
                            "party": "beneficiary",
                            "days_from_start": 30,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Pay the first month",
                            "party": "association",
                            "days_from_start": 7,
                        }
                    ),
                ],
            }
        )
        cls.template.action_publish()

    def _approve(self, request, amount=1200.0):
        meeting = self._meeting(request)
        meeting.decision_ids.with_user(self.member_b).write(
            {"decision": "approved", "approved_amount": amount}
        )
        return request.agreement_ids

    def _approved_agreement(self, beneficiary=None):
        return self._approve(self._complete_request(beneficiary=beneficiary))


# ------------------------------------------------------------
# HTTP CASES
# ------------------------------------------------------------


class ShaqraPortalCommon(HttpCase):
    """Two portal beneficiaries, a published service and a request of the first."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company = env.company
        cls.company.shaqra_service_calendar_id = env.ref(
            "shaqra_beneficiary.resource_calendar_shaqra"
        )
        cls.user_officer = new_test_user(
            env,
            "t_portal_officer",
            groups="shaqra_beneficiary.group_liaison_officer",
            name="Officer of the portal tests",
        )
        cls.user_staff = new_test_user(
            env, "t_portal_staff", groups="shaqra_beneficiary.group_reception"
        )
        cls.officer = env["hr.employee"].create(
            {"name": "Officer of the portal tests", "user_id": cls.user_officer.id}
        )
        cls.field = env["shaqra.work.field"].create({"name": "Tour Social Aid", "code": "T-SOC"})
        cls.category = env["shaqra.beneficiary.category"].create(
            {"name": "Tour Families", "code": "T-FAM"}
        )
        env["shaqra.liaison.assignment"].create(
            {
                "category_id": cls.category.id,
                "field_id": cls.field.id,
                "employee_id": cls.officer.id,
            }
        )
        cls.service = env["shaqra.service.type"].create(
            {
                "name": "Tour Housing Help",
                "field_id": cls.field.id,
                "is_published": True,
                "criteria": "<p>Residents of Shaqra whose home needs repairs.</p>",
                "requirement_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Copy of the national ID",
                            "sequence": 1,
                            "is_mandatory": True,
                            "document_required": True,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "name": "Photo of the damage",
                            "sequence": 2,
                            "is_mandatory": False,
                            "document_required": True,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "name": "Lives in Shaqra",
                            "sequence": 3,
                            "is_mandatory": True,
                            "document_required": False,
                        },
                    ),
                ],
            }
        )
        cls.unpublished_service = env["shaqra.service.type"].create(
            {"name": "Tour Hidden Service", "field_id": cls.field.id, "is_published": False}
        )
        # The tests read the portal's English texts; the database may speak
        # only Arabic, as the association's does: English is made the
        # default for the test, so that URLs keep no language prefix.
        env["res.lang"]._activate_lang("en_US")
        env["ir.default"].set("res.partner", "lang", "en_US")
        cls.user_one = new_test_user(
            env, "t_benef_one", groups="base.group_portal", name="Beneficiary One", lang="en_US"
        )
        cls.user_two = new_test_user(
            env, "t_benef_two", groups="base.group_portal", name="Beneficiary Two", lang="en_US"
        )
        cls.beneficiary_one = env["shaqra.beneficiary"].create(
            {
                "partner_id": cls.user_one.partner_id.id,
                "national_id": "1000000008",
                "category_id": cls.category.id,
                "field_id": cls.field.id,
                "mobile": "+966500000001",
                "email": "one@example.com",
                "preferred_channel": "portal",
            }
        )
        cls.beneficiary_two = env["shaqra.beneficiary"].create(
            {
                "partner_id": cls.user_two.partner_id.id,
                "national_id": "1000000016",
                "category_id": cls.category.id,
                "field_id": cls.field.id,
            }
        )
        cls.request_one = env["shaqra.request"].create(
            {
                "beneficiary_id": cls.beneficiary_one.id,
                "service_type_id": cls.service.id,
                "channel": "portal",
            }
        )
        cls.line_id_copy = cls.request_one.requirement_line_ids.filtered(
            lambda line: line.name == "Copy of the national ID"
        )
        cls.document_one = env["ir.attachment"].create(
            {
                "name": "id-copy.pdf",
                "raw": PDF,
                "res_model": "shaqra.request",
                "res_id": cls.request_one.id,
            }
        )
        cls.line_id_copy.attachment_ids = cls.document_one
        cls.token_one = cls.request_one._portal_ensure_token()

    def _csrf(self):
        from odoo import http

        return http.Request.csrf_token(self)

    def _upload(self, request, line, name, content, token=None, csrf=True):
        data = {"access_token": token or ""}
        if csrf:
            data["csrf_token"] = self._csrf()
        return self.url_open(
            f"/my/requests/{request.id}/upload/{line.id}",
            data=data,
            files={"document": (name, content)},
            allow_redirects=False,
        )
