from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import ShaqraCommitteeCommon


@tagged("post_install", "-at_install")
class TestCrmInquiry(ShaqraCommitteeCommon):
    """Inquiries come by any channel, reach the liaison officer and convert (C1, F1, F2)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Registering a beneficiary creates its contact: reception staff get
        # the right to create contacts from the registry's role set-up.
        cls.user_intake = new_test_user(
            cls.env,
            "t_intake",
            groups="shaqra_beneficiary.group_reception,base.group_partner_manager",
        )

    def _inquiry(self, **vals):
        return (
            self.env["crm.lead"]
            .with_user(self.user_intake)
            .with_context(default_is_shaqra_inquiry=True, default_type="lead")
            .create(
                {
                    "name": "Asks about monthly aid",
                    "contact_name": "Noura Al-Harbi",
                    "shaqra_national_id": "2345678904",
                    "mobile": "0551112222",
                    "phone": "0116220000",
                    "email_from": "noura@example.com",
                    "medium_id": self.env.ref("shaqra_beneficiary.utm_medium_shaqra_whatsapp").id,
                    **vals,
                }
            )
        )

    def test_f2_seven_channels_are_utm_media(self):
        for channel in ("meeting", "letter", "whatsapp", "fax", "email", "portal", "volunteer"):
            with self.subTest(channel=channel):
                medium = self.env.ref(f"shaqra_beneficiary.utm_medium_shaqra_{channel}")
                lead = self._inquiry(medium_id=medium.id)
                self.assertEqual(lead._shaqra_channel(), channel)

    def test_f1_inquiry_routed_to_liaison_officer(self):
        lead = self._inquiry(
            shaqra_category_id=self.category.id, shaqra_field_id=self.work_field.id
        )
        self.assertEqual(lead.user_id, self.officer_user)
        self.assertTrue(lead.is_shaqra_inquiry)

    def test_f1_inquiry_of_known_beneficiary_routed_by_its_category(self):
        lead = self._inquiry(
            beneficiary_id=self.beneficiary.id, contact_name=False, shaqra_national_id=False
        )
        self.assertEqual(lead.partner_id, self.beneficiary.partner_id)
        self.assertEqual(lead.shaqra_national_id, self.beneficiary.national_id)
        self.assertEqual(lead.shaqra_category_id, self.category)
        self.assertEqual(lead.user_id, self.officer_user)

    def test_c1_convert_inquiry_to_beneficiary_and_request(self):
        lead = self._inquiry(
            shaqra_category_id=self.category.id, shaqra_field_id=self.work_field.id
        )
        action = lead.action_shaqra_convert_beneficiary()
        wizard = (
            self.env["crm.lead.convert.beneficiary"]
            .with_user(self.user_intake)
            .with_context(**action["context"])
            .create({"create_request": True, "service_type_id": self.service.id})
        )
        # Nothing retyped: everything comes from the inquiry.
        self.assertEqual(wizard.name, "Noura Al-Harbi")
        self.assertEqual(wizard.national_id, "2345678904")
        self.assertEqual(wizard.preferred_channel, "whatsapp")
        result = wizard.action_convert()
        beneficiary = lead.beneficiary_id
        self.assertEqual(result["res_id"], beneficiary.id)
        self.assertEqual(beneficiary.name, "Noura Al-Harbi")
        self.assertEqual(beneficiary.national_id, "2345678904")
        self.assertEqual(beneficiary.mobile, "0551112222")
        self.assertEqual(beneficiary.phone, "0116220000")
        self.assertEqual(beneficiary.email, "noura@example.com")
        self.assertEqual(beneficiary.preferred_channel, "whatsapp")
        self.assertEqual(beneficiary.whatsapp_number, "0551112222")
        self.assertEqual(beneficiary.category_id, self.category)
        self.assertEqual(lead.partner_id, beneficiary.partner_id)
        request = lead.shaqra_request_id
        self.assertEqual(request.beneficiary_id, beneficiary)
        self.assertEqual(request.service_type_id, self.service)
        self.assertEqual(request.channel, "whatsapp")
        with self.assertRaises(UserError):
            lead.action_shaqra_convert_beneficiary()

    def test_c3_invalid_national_id_converts_nothing(self):
        lead = self._inquiry(shaqra_national_id="1234567890")
        wizard = (
            self.env["crm.lead.convert.beneficiary"]
            .with_context(default_lead_id=lead.id)
            .create({})
        )
        with self.assertRaises(ValidationError):
            wizard.action_convert()
        self.assertFalse(lead.beneficiary_id)
        self.assertFalse(
            self.env["shaqra.beneficiary"].search([("national_id", "=", "1234567890")])
        )

    def test_c1_request_needs_service_type(self):
        lead = self._inquiry()
        wizard = (
            self.env["crm.lead.convert.beneficiary"]
            .with_context(default_lead_id=lead.id)
            .create({"create_request": True})
        )
        with self.assertRaises(UserError):
            wizard.action_convert()
        self.assertFalse(lead.beneficiary_id)
