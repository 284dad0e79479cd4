import json

from odoo.tests import JsonRpcException, tagged
from odoo.tools import mute_logger

from .common import ShaqraPortalCommon, drawn_signature


@tagged("post_install", "-at_install")
class TestTermsPortal(ShaqraPortalCommon):
    """/my/agreements and /my/data: the beneficiary's own terms and data only (ART2, E1, E2)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.template = env["shaqra.agreement.template"].create(
            {
                "name": "Housing help agreement",
                "service_type_id": cls.service.id,
                "terms": "<p>Repairs paid to the contractor.</p>",
                "obligation_ids": [
                    (0, 0, {"name": "Report a change of address", "party": "beneficiary"})
                ],
            }
        )
        cls.template.action_publish()
        Agreement = env["shaqra.beneficiary.agreement"]
        cls.agreement_one = Agreement._shaqra_create_from_template(
            cls.template, cls.beneficiary_one, request=cls.request_one, amount=4000.0
        )
        cls.agreement_two = Agreement._shaqra_create_from_template(
            cls.template, cls.beneficiary_two, amount=2500.0
        )
        Consent = env["shaqra.media.consent"]
        cls.consent_one = Consent.create(
            {"beneficiary_id": cls.beneficiary_one.id, "scope": "image", "purpose": "Website"}
        )
        cls.consent_two = Consent.create(
            {"beneficiary_id": cls.beneficiary_two.id, "scope": "story", "purpose": "Report"}
        )

    def _post(self, url, data=None):
        return self.url_open(
            url, data={"csrf_token": self._csrf(), **(data or {})}, allow_redirects=False
        )

    def test_e2_anonymous_is_sent_to_login(self):
        for url in (
            "/my/agreements",
            f"/my/agreements/{self.agreement_one.id}",
            f"/my/agreements/{self.agreement_one.id}/pdf",
            "/my/data",
            "/my/data/export.json",
            "/my/data/export.pdf",
        ):
            response = self.url_open(url, allow_redirects=False)
            self.assertIn(response.status_code, (302, 303), url)
            self.assertIn("/web/login", response.headers["Location"], url)

    def test_art2_beneficiary_lists_and_reads_own_agreements_only(self):
        self.authenticate("t_benef_one", "t_benef_one")
        home = self.url_open("/my").text
        self.assertIn("/my/agreements", home)
        self.assertIn("/my/data", home)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["shaqra_agreement_count"]}
        )
        self.assertEqual(counters["shaqra_agreement_count"], 1)
        page = self.url_open("/my/agreements").text
        self.assertIn(self.agreement_one.name, page)
        self.assertNotIn(self.agreement_two.name, page)
        page = self.url_open(f"/my/agreements/{self.agreement_one.id}").text
        self.assertIn("Repairs paid to the contractor.", page)
        pdf = self.url_open(f"/my/agreements/{self.agreement_one.id}/pdf")
        self.assertEqual(pdf.status_code, 200)
        self.assertIn("Beneficiary One", pdf.text)

    @mute_logger("odoo.http")
    def test_e2_another_beneficiarys_agreement_is_never_reachable(self):
        self.authenticate("t_benef_two", "t_benef_two")
        for url in (
            f"/my/agreements/{self.agreement_one.id}",
            f"/my/agreements/{self.agreement_one.id}/pdf",
        ):
            self.assertEqual(self.url_open(url).status_code, 404, url)
        with self.assertRaises(JsonRpcException) as caught:
            self.make_jsonrpc_request(
                f"/my/agreements/{self.agreement_one.id}/sign",
                {"name": "Intruder", "signature": drawn_signature().decode()},
            )
        self.assertEqual(caught.exception.code, 404)
        self.assertFalse(self.agreement_one.signature)

    def test_art2_beneficiary_signs_own_agreement_on_the_portal(self):
        self.authenticate("t_benef_one", "t_benef_one")
        result = self.make_jsonrpc_request(
            f"/my/agreements/{self.agreement_one.id}/sign",
            {"name": "Beneficiary One", "signature": drawn_signature().decode()},
        )
        self.assertFalse(result.get("error"), result)
        self.assertEqual(self.agreement_one.signed_by, "Beneficiary One")
        self.assertTrue(self.agreement_one.signed_on)
        self.assertTrue(self.agreement_one.signature)
        # A blank canvas is no signature; signing twice is refused.
        result = self.make_jsonrpc_request(
            f"/my/agreements/{self.agreement_one.id}/sign",
            {"name": "Beneficiary One", "signature": drawn_signature().decode()},
        )
        self.assertTrue(result.get("error"))

    def test_art2_beneficiary_signs_agreement_in_the_browser_tour(self):
        """ART2 in the real portal: read the terms, sign in the dialog; the
        signature, signer and time are recorded by the signing."""
        self.start_tour("/my/agreements", "shaqra_agreement_portal_sign_tour", login="t_benef_one")
        self.assertEqual(self.agreement_one.signed_by, "Beneficiary One")
        self.assertTrue(self.agreement_one.signature)
        self.assertTrue(self.agreement_one.signed_on)
        self.assertFalse(self.agreement_two.signature)

    def test_e2_export_contains_own_data_only(self):
        self.authenticate("t_benef_one", "t_benef_one")
        response = self.url_open("/my/data/export.json")
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        data = json.loads(response.content)
        self.assertEqual(data["beneficiary"]["name"], "Beneficiary One")
        self.assertEqual(data["beneficiary"]["national_id"], "1000000008")
        self.assertEqual([a["name"] for a in data["agreements"]], [self.agreement_one.name])
        self.assertEqual(data["requests"][0]["name"], self.request_one.name)
        self.assertEqual(len(data["media_consents"]), 1)
        self.assertNotIn("Beneficiary Two", response.text)
        self.assertNotIn("1000000016", response.text)
        pdf = self.url_open("/my/data/export.pdf")
        self.assertEqual(pdf.status_code, 200)
        self.assertIn("Beneficiary One", pdf.text)
        self.assertNotIn("Beneficiary Two", pdf.text)

    @mute_logger("odoo.http")
    def test_e1_beneficiary_withdraws_own_consent_at_once_never_anothers(self):
        self.authenticate("t_benef_one", "t_benef_one")
        response = self._post(f"/my/data/consents/{self.consent_two.id}/revoke")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.consent_two.state, "given")
        response = self._post(f"/my/data/consents/{self.consent_one.id}/revoke")
        self.assertIn("consent_revoked", response.headers["Location"])
        self.assertEqual(self.consent_one.state, "revoked")
        self.assertEqual(self.consent_one.revoked_channel, "portal")
        self.assertEqual(self.consent_one.revoked_by_id, self.user_one)
        self.assertFalse(self.consent_one.is_effective)

    def test_e1_e2_beneficiary_gives_consent_and_asks_for_deletion(self):
        self.authenticate("t_benef_one", "t_benef_one")
        self._post(
            "/my/data/consents/new",
            {"scope": "testimony", "purpose": "Annual report 2026", "use_reports": "1"},
        )
        consent = self.env["shaqra.media.consent"].search(
            [("beneficiary_id", "=", self.beneficiary_one.id), ("scope", "=", "testimony")]
        )
        self.assertEqual(consent.given_channel, "portal")
        self.assertEqual(consent.given_by_id, self.user_one)
        self.assertTrue(consent.use_reports)
        response = self._post("/my/data/request", {"kind": "delete", "reason": "Moving away"})
        self.assertIn("request_sent", response.headers["Location"])
        rights = self.env["shaqra.data.rights.request"].search(
            [("beneficiary_id", "=", self.beneficiary_one.id)]
        )
        self.assertEqual((rights.kind, rights.channel, rights.state), ("delete", "portal", "new"))

    def test_e2_forms_require_csrf(self):
        self.authenticate("t_benef_one", "t_benef_one")
        response = self.url_open(
            f"/my/data/consents/{self.consent_one.id}/revoke", data={}, allow_redirects=False
        )
        self.assertNotEqual(response.status_code, 303)
        self.assertEqual(self.consent_one.state, "given")
