from odoo.tests import tagged

from odoo.addons.shaqra_beneficiary.tests.common import BLANK_SIGNATURE, SIGNATURE

from .common_web import PDF, ShaqraComplaintWebCommon


@tagged("post_install", "-at_install")
class TestComplaintSettlementOnline(ShaqraComplaintWebCommon):
    """Policy D3: the complainant accepts a settlement only by signing it, or refuses it."""

    def _sign_url(self, complaint, token=None):
        return self._status_url(complaint, token=token).replace(
            "/complaint/status", "/complaint/status/settlement/sign", 1
        )

    def test_d3_settlement_signed_on_the_status_page(self):
        complaint = self._propose_settlement(self.complaint_public)
        page = self._get(self._status_url(complaint))
        self.assertIn("CMP-SETTLEMENT-TERMS", page.text)
        self.assertIn("o_shaqra_settlement_sign_button", page.text)
        params = {"name": "Public Person", "signature": SIGNATURE.decode()}
        refused = {
            "wrong token": (self._sign_url(complaint, token="z" * 32), params),
            "blank signature": (
                self._sign_url(complaint),
                dict(params, signature=BLANK_SIGNATURE.decode()),
            ),
            "no name": (self._sign_url(complaint), dict(params, name="  ")),
            "not an image": (
                self._sign_url(complaint),
                dict(params, signature="bm90IGFuIGltYWdl"),
            ),
        }
        for label, (url, values) in refused.items():
            with self.subTest(case=label):
                result = self._json(url, values)
                self.assertTrue(result.get("error"), result)
                complaint.invalidate_recordset()
                self.assertEqual(complaint.settlement_state, "proposed")
                self.assertFalse(complaint.settlement_signature)
        result = self._json(self._sign_url(complaint), params)
        self.assertFalse(result.get("error"), result)
        self.assertIn("settlement_signed", result["redirect_url"])
        complaint.invalidate_recordset()
        self.assertEqual(complaint.settlement_state, "accepted")
        self.assertEqual(complaint.settlement_signed_by, "Public Person")
        self.assertTrue(complaint.settlement_signed_on)
        self.assertEqual(complaint.settlement_signed_ip, "127.0.0.1")
        self.assertTrue(complaint.settlement_signed_ua)
        # Signed once: a second signature is refused.
        self.assertTrue(self._json(self._sign_url(complaint), params).get("error"))

    def test_d3_settlement_refused_on_the_status_page(self):
        complaint = self._propose_settlement(self.complaint_public)
        link = {"number": complaint.name, "token": self.token_public}
        response = self._post(
            "/complaint/status/settlement/refuse", dict(link, token="q" * 32, reason="no")
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(complaint.settlement_state, "proposed")
        response = self._post("/complaint/status/settlement/refuse", dict(link, reason="Too low"))
        self.assertEqual(response.status_code, 303)
        complaint.invalidate_recordset()
        self.assertEqual(complaint.settlement_state, "refused")
        self.assertFalse(complaint.settlement_signature)


@tagged("post_install", "-at_install")
class TestComplaintPortal(ShaqraComplaintWebCommon):
    """Policy D1, E2: a beneficiary sees and answers only their own complaints."""

    def test_e2_portal_lists_only_own_complaints(self):
        self.authenticate("t_benef_one", "t_benef_one")
        response = self._get("/my/complaints")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.complaint_one.name, response.text)
        self.assertNotIn(self.complaint_two.name, response.text)
        self.assertNotIn(self.complaint_public.name, response.text)
        own = self._get(f"/my/complaints/{self.complaint_one.id}")
        self.assertEqual(own.status_code, 200)
        self.assertIn("CMP-SECRET-DESCRIPTION-OF-ONE", own.text)
        for other in (self.complaint_two, self.complaint_public):
            response = self._get(f"/my/complaints/{other.id}")
            self.assertEqual(response.status_code, 404)
            self.assertNotIn("CMP-SECRET", response.text)
        self.assertEqual(self._get("/my/complaints/999999999").status_code, 404)

    def test_e2_portal_home_counter_and_entry(self):
        self.authenticate("t_benef_one", "t_benef_one")
        result = self._json("/my/counters", {"counters": ["shaqra_complaint_count"]})
        self.assertEqual(result.get("shaqra_complaint_count"), 1)
        home = self._get("/my")
        self.assertIn('href="/complaint"', home.text)
        self.assertIn('href="/my/complaints"', home.text)

    def test_e2_portal_token_link_opens_the_status_page_only_with_the_right_token(self):
        self.authenticate(None, None)
        url = f"/my/complaints/{self.complaint_public.id}"
        response = self._get(f"{url}?access_token={self.token_public}")
        self.assertEqual(response.status_code, 303)
        self.assertIn("/complaint/status?", response.headers["Location"])
        self.assertEqual(self._get(f"{url}?access_token={'w' * 32}").status_code, 404)
        response = self._get(url)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])

    def test_d1_portal_add_information_on_own_complaint_only(self):
        self.authenticate("t_benef_one", "t_benef_one")
        response = self._post(
            f"/my/complaints/{self.complaint_one.id}/information",
            {"information": "CMP-PORTAL-INFO"},
            files={"attachments": ("more.pdf", PDF)},
        )
        self.assertEqual(response.status_code, 303)
        message = self.complaint_one.message_ids.filtered(
            lambda m: "CMP-PORTAL-INFO" in (m.body or "")
        )
        self.assertEqual(message.author_id, self.user_one.partner_id)
        self.assertEqual(message.attachment_ids.name, "more.pdf")
        count = len(self.complaint_two.message_ids)
        response = self._post(
            f"/my/complaints/{self.complaint_two.id}/information",
            {"information": "CMP-INTRUDER"},
        )
        self.assertEqual(response.status_code, 404)
        self.complaint_two.invalidate_recordset()
        self.assertEqual(len(self.complaint_two.message_ids), count)

    def test_d3_portal_settlement_signed_by_the_owner_only(self):
        complaint = self._propose_settlement(self.complaint_one)
        params = {"name": "Beneficiary One", "signature": SIGNATURE.decode()}
        url = f"/my/complaints/{complaint.id}/settlement/sign"
        self.authenticate("t_benef_two", "t_benef_two")
        self.assertTrue(self._json(url, params).get("error"))
        self.assertEqual(complaint.settlement_state, "proposed")
        self.authenticate("t_benef_one", "t_benef_one")
        result = self._json(url, params)
        self.assertFalse(result.get("error"), result)
        complaint.invalidate_recordset()
        self.assertEqual(complaint.settlement_state, "accepted")
        self.assertEqual(complaint.settlement_signed_by, "Beneficiary One")

    def test_g1_portal_rating_on_post_only(self):
        complaint = self._close(self.complaint_one)
        self.authenticate("t_benef_one", "t_benef_one")
        url = f"/my/complaints/{complaint.id}/rating"
        self.assertIn(self._get(f"{url}?rating=5").status_code, (404, 405))
        self.assertFalse(complaint._portal_rating())
        self.authenticate("t_benef_two", "t_benef_two")
        self.assertEqual(self._post(url, {"rating": "1"}).status_code, 404)
        self.assertFalse(complaint._portal_rating())
        self.authenticate("t_benef_one", "t_benef_one")
        self.assertEqual(self._post(url, {"rating": "5", "comment": "Quick"}).status_code, 303)
        self.assertEqual(complaint._portal_rating().rating, 5)


@tagged("post_install", "-at_install")
class TestComplaintWebsiteLink(ShaqraComplaintWebCommon):
    """Policy D1: a direct link to the complaints form in the menu and footer of every page."""

    def test_d1_header_menu_and_footer_link_on_every_page(self):
        menus = self.env["website.menu"].sudo().search([("url", "=", "/complaint")])
        self.assertTrue(menus.filtered("website_id"), "a menu entry on the website")
        self.assertEqual(
            self.env.ref("shaqra_complaints.menu_complaint").parent_id,
            self.env.ref("website.main_menu"),
        )
        for url in ("/", "/complaint", "/complaint/status"):
            response = self._get(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertIn("o_shaqra_footer_complaint_link", response.text, url)
            self.assertIn('href="/complaint"', response.text, url)
