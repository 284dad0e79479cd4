from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged, users

from .common import IDS, ShaqraRequestCommon


@tagged("post_install", "-at_install")
class TestBeneficiary(ShaqraRequestCommon):
    """The beneficiary registry (policy C3, E2, F1)."""

    def test_c3_duplicate_national_id_names_the_existing_beneficiary(self):
        with self.assertRaisesText(ValidationError, "Fatimah Al-Shaqrawi"):
            self.env["shaqra.beneficiary"].create({"name": "Someone else", "national_id": IDS[0]})

    def test_c3_duplicate_national_id_in_arabic_digits_is_caught(self):
        with self.assertRaisesText(ValidationError, "Fatimah Al-Shaqrawi"):
            self.env["shaqra.beneficiary"].create(
                {"name": "Someone else", "national_id": "١٠٠٠٠٠٠٠٠٨"}
            )

    def test_c3_duplicate_mobile_names_the_existing_beneficiary(self):
        # The same number written the local way.
        with self.assertRaisesText(ValidationError, "Fatimah Al-Shaqrawi"):
            self.env["shaqra.beneficiary"].create(
                {"name": "Someone else", "national_id": IDS[1], "mobile": "0598765432"}
            )
        other = self.env["shaqra.beneficiary"].create(
            {"name": "Someone else", "national_id": IDS[1], "mobile": "0551112222"}
        )
        with self.assertRaisesText(ValidationError, "Fatimah Al-Shaqrawi"):
            other.mobile = "00966598765432"
        self.assertEqual(other.mobile, "0551112222")
        self.assertEqual(self.beneficiary.mobile_normalized, "598765432")

    def test_c3_invalid_national_id_is_refused(self):
        with self.assertRaisesText(ValidationError, "1234567890"):
            self.env["shaqra.beneficiary"].create({"name": "X", "national_id": "1234567890"})

    def test_f1_liaison_officer_from_category_and_field(self):
        self.assertEqual(self.beneficiary.liaison_officer_id, self.employee_liaison)
        self.beneficiary.field_id = self.field_housing
        self.assertEqual(self.beneficiary.liaison_officer_id, self.employee_other)

    def test_f1_liaison_officer_can_be_overridden(self):
        self.beneficiary.liaison_officer_id = self.employee_backup
        self.assertEqual(self.beneficiary.liaison_officer_id, self.employee_backup)
        # Without an assignment for the new pair, the chosen officer stays.
        self.beneficiary.category_id = self.category_orphans
        self.assertEqual(self.beneficiary.liaison_officer_id, self.employee_backup)

    def test_f1_liaison_officer_onchange_in_form(self):
        form = Form(self.env["shaqra.beneficiary"])
        form.name = "Form beneficiary"
        form.national_id = IDS[2]
        self.assertFalse(form.liaison_officer_id)
        form.category_id = self.category_widows
        form.field_id = self.field_housing
        self.assertEqual(form.liaison_officer_id, self.employee_other)
        form.liaison_officer_id = self.employee_backup
        beneficiary = form.save()
        self.assertEqual(beneficiary.liaison_officer_id, self.employee_backup)

    def test_household_size_dependants_and_income(self):
        self.beneficiary.write(
            {
                "member_ids": [
                    Command.create({"name": "Son", "relation": "son", "national_id": IDS[3]}),
                    Command.create({"name": "Daughter", "relation": "daughter"}),
                    Command.create(
                        {"name": "Mother", "relation": "mother", "is_dependant": False}
                    ),
                ],
                "income_ids": [
                    Command.create({"source": "social_security", "amount": 1200}),
                    Command.create({"source": "citizen_account", "amount": 800}),
                ],
            }
        )
        self.assertEqual(self.beneficiary.household_size, 4)
        self.assertEqual(self.beneficiary.dependant_count, 2)
        self.assertEqual(self.beneficiary.monthly_income, 2000)
        self.assertEqual(self.beneficiary.income_per_member, 500)

    def test_household_member_national_id_is_checked(self):
        with self.assertRaises(ValidationError):
            self.env["shaqra.beneficiary.member"].create(
                {"beneficiary_id": self.beneficiary.id, "name": "X", "national_id": "1234"}
            )

    def test_document_expiry(self):
        doc_type = self.env["shaqra.document.type"].create({"name": "Lease", "has_expiry": True})
        document = self.env["shaqra.beneficiary.document"].create(
            {
                "beneficiary_id": self.beneficiary.id,
                "document_type_id": doc_type.id,
                "date_issue": "2020-01-01",
                "date_expiry": "2021-01-01",
            }
        )
        self.assertTrue(document.is_expired)
        self.assertEqual(self.beneficiary.document_count, 1)
        with self.assertRaises(ValidationError):
            document.date_expiry = "2019-01-01"

    @users("t_reception")
    def test_e2_consent_is_recorded_with_date_and_user(self):
        beneficiary = self.env["shaqra.beneficiary"].create(
            {"name": "Consenting", "national_id": IDS[4]}
        )
        self.assertFalse(beneficiary.consent_date)
        beneficiary.write({"consent_given": True, "consent_channel": "meeting"})
        self.assertTrue(beneficiary.consent_date)
        self.assertEqual(beneficiary.consent_user_id, self.user_reception)
        beneficiary.consent_given = False
        self.assertFalse(beneficiary.consent_date)
        self.assertFalse(beneficiary.consent_user_id)

    def test_smart_buttons_count_requests_inquiries_and_notices(self):
        self._request()
        self.env["crm.lead"].create(
            {"name": "Inquiry about aid", "partner_id": self.beneficiary.partner_id.id}
        )
        self.env["shaqra.notification"].create(
            {
                "beneficiary_id": self.beneficiary.id,
                "channel": "meeting",
                "subject": "Interview",
                "body": "<p>Interview at the association.</p>",
            }
        )
        self.beneficiary.invalidate_recordset()
        self.assertEqual(self.beneficiary.request_count, 1)
        self.assertEqual(self.beneficiary.inquiry_count, 1)
        self.assertEqual(self.beneficiary.notification_count, 1)
        for method in (
            "action_view_requests",
            "action_view_inquiries",
            "action_view_notifications",
        ):
            with self.subTest(method=method):
                action = getattr(self.beneficiary, method)()
                self.assertIn(
                    action["domain"][0][2], (self.beneficiary.id, self.beneficiary.partner_id.id)
                )
