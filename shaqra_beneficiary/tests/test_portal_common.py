import base64

from odoo.tests import HttpCase, new_test_user

# The smallest documents whose bytes really are what their extension says.
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVQIW2P4v5ThPwAG7wKklwQ/bwAAAABJRU5ErkJggg=="
)


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
