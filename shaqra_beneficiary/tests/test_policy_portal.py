import io

import openpyxl

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPolicyPortal(HttpCase):
    """Policies on the portal and in the web client, in a real browser (ART3 B, ART4)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_hr = new_test_user(
            cls.env, "t_pol_web_hr", groups="base.group_user,hr.group_hr_manager"
        )
        cls.user_contractor = new_test_user(
            cls.env,
            "t_pol_web_contractor",
            password="t_pol_web_contractor",
            groups="base.group_portal",
            name="Tour Contractor",
            email="contractor@example.com",
        )
        cls.user_beneficiary = new_test_user(
            cls.env,
            "t_pol_web_beneficiary",
            password="t_pol_web_beneficiary",
            groups="base.group_portal",
        )
        cls.user_employee = new_test_user(
            cls.env,
            "t_pol_web_employee",
            password="t_pol_web_employee",
            groups="base.group_user",
            name="Tour Employee",
        )
        cls.employee = cls.env["hr.employee"].create(
            {"name": "Tour Employee", "user_id": cls.user_employee.id}
        )
        Policy = cls.env["shaqra.policy"].with_user(cls.user_hr)
        cls.contractor_policy = Policy.create(
            {
                "name": "Tour Contractor Charter",
                "code": "TCONTR",
                "body": "<p>Respect the beneficiaries and their data.</p>",
                "audience_employee": False,
                "audience_partner": True,
            }
        )
        cls.employee_policy = Policy.create(
            {
                "name": "Tour Employee Charter",
                "code": "TEMPL",
                "body": "<p>Serve the beneficiaries well.</p>",
            }
        )
        for policy in cls.contractor_policy | cls.employee_policy:
            policy.action_approve()
            policy.action_publish()
        cls.env["shaqra.policy.distribute"].with_user(cls.user_hr).create(
            {
                "policy_id": cls.contractor_policy.id,
                "target": "partners",
                "partner_ids": [Command.set(cls.user_contractor.partner_id.ids)],
            }
        ).action_distribute()
        cls.env["shaqra.policy.distribute"].with_user(cls.user_hr).create(
            {
                "policy_id": cls.employee_policy.id,
                "target": "employees",
                "employee_ids": [Command.set(cls.employee.ids)],
            }
        ).action_distribute()

    def test_art4_contractor_signs_on_portal_tour(self):
        """A portal contractor reads the policy and signs it; time, IP and browser
        are recorded."""
        self.start_tour(
            "/my/policies", "shaqra_policy_portal_sign_tour", login="t_pol_web_contractor"
        )
        ack = self.contractor_policy.acknowledgement_ids
        self.assertEqual(ack.state, "acknowledged")
        self.assertTrue(ack.signature)
        self.assertEqual(ack.signed_by, "Tour Contractor")
        self.assertTrue(ack.acknowledged_on)
        self.assertEqual(ack.ip_address, "127.0.0.1")
        self.assertIn("Chrome", ack.user_agent)

    def test_art4_employee_signs_in_web_client_tour(self):
        self.start_tour("/odoo", "shaqra_policy_backend_sign_tour", login="t_pol_web_employee")
        ack = self.employee_policy.acknowledgement_ids
        self.assertEqual(ack.state, "acknowledged")
        self.assertTrue(ack.signature)
        self.assertTrue(ack.declaration_accepted)
        self.assertEqual(ack.signed_by, "Tour Employee")
        self.assertTrue(ack.acknowledged_on)
        self.assertEqual(ack.ip_address, "127.0.0.1")
        self.assertIn("Chrome", ack.user_agent)

    def test_art3_beneficiary_reads_published_documents_only(self):
        """Beneficiaries see the documents published for them, read-only, with a
        portal home tile counting them."""
        seeded = self.env.ref("shaqra_beneficiary.shaqra_policy_beneficiary_relationship")
        bylaws = self.env.ref("shaqra_beneficiary.shaqra_policy_bylaws")
        # The demo publishes the bylaws on the website; here they are a draft of HR.
        bylaws.write({"state": "draft", "published_on": False})
        self.authenticate("t_pol_web_beneficiary", "t_pol_web_beneficiary")
        listing = self.url_open("/my/policies")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(seeded.name, listing.text)
        self.assertNotIn("Tour Contractor Charter", listing.text)
        self.assertNotIn(bylaws.name, listing.text)
        page = self.url_open(f"/my/policies/{seeded.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("مادة (٤) المسؤوليات", page.text)
        self.assertNotIn("o_shaqra_policy_sign_button", page.text)
        self.assertEqual(self.url_open(f"/my/policies/{bylaws.id}").status_code, 404)
        self.assertEqual(
            self.url_open(f"/my/policies/{self.contractor_policy.id}").status_code, 404
        )
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["shaqra_policy_count"]})
        published_for_all = self.env["shaqra.policy"].search_count(
            [
                ("state", "=", "published"),
                "|",
                ("audience_beneficiary", "=", True),
                ("audience_public", "=", True),
            ]
        )
        self.assertEqual(counters["shaqra_policy_count"], published_for_all)
        home = self.url_open("/my/home")
        self.assertIn('href="/my/policies"', home.text)

    def test_portal_pages_in_arabic_right_to_left(self):
        """Arabic users get the policy pages translated and right-to-left."""
        self.env["res.lang"]._activate_lang("ar_001")
        # The portal is served by the website, which speaks the languages it
        # is set up with: the association's site speaks Arabic (scripts/run.sh).
        self.env["website"]._shaqra_setup_public_site()
        self.user_beneficiary.lang = "ar_001"
        self.authenticate("t_pol_web_beneficiary", "t_pol_web_beneficiary")
        listing = self.url_open("/my/policies")
        self.assertIn('dir="rtl"', listing.text)
        self.assertIn("وثائق للاطلاع", listing.text)
        seeded = self.env.ref("shaqra_beneficiary.shaqra_policy_beneficiary_relationship")
        page = self.url_open(f"/my/policies/{seeded.id}")
        self.assertIn("تاريخ الاعتماد", page.text)
        self.assertIn("1 ربيع الآخر 1444 هـ", page.text)

    def test_art4_sign_route_refuses_others_and_missing_signature(self):
        self.authenticate("t_pol_web_beneficiary", "t_pol_web_beneficiary")
        answer = self.make_jsonrpc_request(
            f"/my/policies/{self.contractor_policy.id}/acknowledge",
            {"name": "Someone", "signature": "aGVsbG8="},
        )
        self.assertIn("error", answer)
        self.authenticate("t_pol_web_contractor", "t_pol_web_contractor")
        answer = self.make_jsonrpc_request(
            f"/my/policies/{self.contractor_policy.id}/acknowledge", {"name": "Tour Contractor"}
        )
        self.assertIn("error", answer)
        self.assertEqual(self.contractor_policy.acknowledgement_ids.state, "pending")

    def test_art4_compliance_xlsx_download(self):
        self.authenticate("t_pol_web_hr", "t_pol_web_hr")
        response = self.url_open(
            f"/shaqra/policy/compliance.xlsx?policy_id={self.contractor_policy.id}"
        )
        self.assertEqual(response.status_code, 200)
        workbook = openpyxl.load_workbook(io.BytesIO(response.content))
        rows = list(workbook.worksheets[0].iter_rows(values_only=True))
        self.assertEqual(len(rows), 2)
        self.assertEqual(rows[1][3], "Tour Contractor")
        self.assertIn(rows[1][5], ("Pending", "معلّق"))  # in HR's language
        self.authenticate("t_pol_web_employee", "t_pol_web_employee")
        response = self.url_open("/shaqra/policy/compliance.xlsx")
        self.assertEqual(response.status_code, 403)
