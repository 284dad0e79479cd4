from odoo.exceptions import AccessError
from odoo.tests import JsonRpcException, tagged
from odoo.tools import mute_logger

from .common import PDF, ShaqraPortalCommon


@tagged("post_install", "-at_install")
class TestPortalSecurity(ShaqraPortalCommon):
    """Policy E2: a beneficiary reaches only their own file, by id or by token."""

    def test_e2_owner_sees_own_request(self):
        self.authenticate("t_benef_one", "t_benef_one")
        response = self.url_open(f"/my/requests/{self.request_one.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.request_one.name, response.text)
        self.assertIn("Copy of the national ID", response.text)
        listing = self.url_open("/my/requests")
        self.assertIn(self.request_one.name, listing.text)

    def test_e2_other_beneficiary_gets_404_on_request_page(self):
        self.authenticate("t_benef_two", "t_benef_two")
        response = self.url_open(f"/my/requests/{self.request_one.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(self.request_one.name, response.text)
        listing = self.url_open("/my/requests")
        self.assertEqual(listing.status_code, 200)
        self.assertNotIn(self.request_one.name, listing.text)

    def test_e2_other_beneficiary_gets_404_on_documents(self):
        self.authenticate("t_benef_two", "t_benef_two")
        url = f"/my/requests/{self.request_one.id}/document/{self.document_one.id}"
        self.assertEqual(self.url_open(url, allow_redirects=False).status_code, 404)
        # Nor through the standard download route of attachments.
        response = self.url_open(f"/web/content/{self.document_one.id}", allow_redirects=False)
        self.assertIn(response.status_code, (403, 404))
        self.assertNotEqual(response.content, PDF)

    def test_e2_owner_downloads_own_document(self):
        self.authenticate("t_benef_one", "t_benef_one")
        url = f"/my/requests/{self.request_one.id}/document/{self.document_one.id}"
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, PDF)
        # An attachment of another record cannot be fetched through the request.
        foreign = self.env["ir.attachment"].create({"name": "other.pdf", "raw": PDF})
        url = f"/my/requests/{self.request_one.id}/document/{foreign.id}"
        self.assertEqual(self.url_open(url, allow_redirects=False).status_code, 404)

    def test_e2_other_beneficiary_cannot_upload(self):
        self.authenticate("t_benef_two", "t_benef_two")
        before = self.env["ir.attachment"].search_count([("res_model", "=", "shaqra.request")])
        response = self._upload(self.request_one, self.line_id_copy, "mine.pdf", PDF)
        self.assertEqual(response.status_code, 404)
        after = self.env["ir.attachment"].search_count([("res_model", "=", "shaqra.request")])
        self.assertEqual(before, after)

    def test_e2_line_of_another_request_is_refused(self):
        request_two = self.env["shaqra.request"].create(
            {"beneficiary_id": self.beneficiary_two.id, "service_type_id": self.service.id}
        )
        self.authenticate("t_benef_one", "t_benef_one")
        line_two = request_two.requirement_line_ids[0]
        response = self._upload(self.request_one, line_two, "mine.pdf", PDF)
        self.assertEqual(response.status_code, 404)
        self.assertFalse(line_two.attachment_ids)

    def test_e2_other_beneficiary_cannot_sign(self):
        self.authenticate("t_benef_two", "t_benef_two")
        with self.assertRaises(JsonRpcException) as caught:
            self.make_jsonrpc_request(
                f"/my/requests/{self.request_one.id}/sign",
                {"name": "Intruder", "signature": self._signature()},
            )
        self.assertEqual(caught.exception.code, 404)
        self.assertFalse(self.request_one.signature)
        self.assertFalse(self.request_one.signed_by)

    def test_e2_tampered_token_is_refused(self):
        tampered = self.token_one[:-4] + ("0000" if self.token_one[-4:] != "0000" else "1111")
        self.authenticate("t_benef_two", "t_benef_two")
        page = self.url_open(
            f"/my/requests/{self.request_one.id}?access_token={tampered}", allow_redirects=False
        )
        self.assertEqual(page.status_code, 404)
        document = self.url_open(
            f"/my/requests/{self.request_one.id}/document/{self.document_one.id}"
            f"?access_token={tampered}",
            allow_redirects=False,
        )
        self.assertEqual(document.status_code, 404)
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                f"/my/requests/{self.request_one.id}/sign?access_token={tampered}",
                {"name": "Intruder", "signature": self._signature()},
            )
        self.assertFalse(self.request_one.signature)
        # As a visitor too.
        self.authenticate(None, None)
        page = self.url_open(
            f"/my/requests/{self.request_one.id}?access_token={tampered}", allow_redirects=False
        )
        self.assertEqual(page.status_code, 404)

    def test_e2_shared_link_with_the_right_token_opens(self):
        self.authenticate(None, None)
        response = self.url_open(
            f"/my/requests/{self.request_one.id}?access_token={self.token_one}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.request_one.name, response.text)
        # Without a token a visitor is sent to log in, and learns nothing.
        response = self.url_open(f"/my/requests/{self.request_one.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])

    def test_e2_forms_require_csrf(self):
        self.authenticate("t_benef_one", "t_benef_one")
        with mute_logger("odoo.http"):
            upload = self._upload(self.request_one, self.line_id_copy, "a.pdf", PDF, csrf=False)
            new = self.url_open(
                "/my/requests/new",
                data={"service_type_id": self.service.id, "criteria_read": "1"},
                allow_redirects=False,
            )
            correction = self.url_open(
                "/my/beneficiary/correction",
                data={"mobile": "+966511111111"},
                allow_redirects=False,
            )
        for response in (upload, new, correction):
            self.assertEqual(response.status_code, 400)
        self.assertEqual(len(self.line_id_copy.attachment_ids), 1)
        self.assertEqual(
            self.env["shaqra.request"].search_count(
                [("beneficiary_id", "=", self.beneficiary_one.id)]
            ),
            1,
        )
        self.assertFalse(self.beneficiary_one.data_change_request_ids)

    def test_e2_record_rules_for_portal_users(self):
        env_two = self.env(user=self.user_two)
        self.assertEqual(
            env_two["shaqra.beneficiary"].search([]), self.beneficiary_two.with_env(env_two)
        )
        self.assertFalse(env_two["shaqra.request"].search([]))
        self.assertFalse(env_two["shaqra.request.requirement"].search([]))
        with self.assertRaises(AccessError):
            self.request_one.with_env(env_two).check_access("read")
        with self.assertRaises(AccessError):
            self.beneficiary_one.with_env(env_two).check_access("read")
        with self.assertRaises(AccessError):
            self.request_one.with_env(env_two).write({"description": "changed"})
        notice = self.env["shaqra.notification"].create(
            {
                "beneficiary_id": self.beneficiary_one.id,
                "request_id": self.request_one.id,
                "channel": "portal",
                "subject": "Private notice",
                "body": "<p>Private notice.</p>",
            }
        )
        # A notice still to deliver was never sent: the portal does not show it.
        self.authenticate("t_benef_one", "t_benef_one")
        self.assertNotIn("Private notice", self.url_open("/my/notices").text)
        self.assertNotIn(
            "Private notice", self.url_open(f"/my/requests/{self.request_one.id}").text
        )
        notice._deliver()
        self.assertEqual(notice.state, "sent")
        self.assertFalse(env_two["shaqra.notification"].search([("id", "=", notice.id)]))
        env_one = self.env(user=self.user_one)
        self.assertEqual(env_one["shaqra.notification"].search([]), notice.with_env(env_one))
        self.assertEqual(env_one["shaqra.request"].search([]), self.request_one.with_env(env_one))
        self.authenticate("t_benef_two", "t_benef_two")
        self.assertNotIn("Private notice", self.url_open("/my/notices").text)
        self.authenticate("t_benef_one", "t_benef_one")
        self.assertIn("Private notice", self.url_open("/my/notices").text)
        self.assertIn("Private notice", self.url_open(f"/my/requests/{self.request_one.id}").text)

    def test_c5_my_notices_shows_only_delivered_notices(self):
        """/my/notices and the request page list what was delivered, never a
        notice still to deliver or cancelled (C5, E3)."""
        Notice = self.env["shaqra.notification"]
        notices = {
            subject: Notice.create(
                {
                    "beneficiary_id": self.beneficiary_one.id,
                    "request_id": self.request_one.id,
                    "channel": "portal",
                    "subject": subject,
                    "body": f"<p>{subject}</p>",
                }
            )
            for subject in ("Delivered notice", "Pending notice", "Cancelled notice")
        }
        notices["Delivered notice"]._deliver()
        notices["Cancelled notice"].action_cancel()
        self.authenticate("t_benef_one", "t_benef_one")
        for url in ("/my/notices", f"/my/requests/{self.request_one.id}"):
            page = self.url_open(url).text
            self.assertIn("Delivered notice", page)
            self.assertNotIn("Pending notice", page)
            self.assertNotIn("Cancelled notice", page)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["shaqra_notice_count"]})
        # Every notice of the beneficiary but the pending and the cancelled one.
        every_notice = Notice.search_count([("beneficiary_id", "=", self.beneficiary_one.id)])
        self.assertEqual(counters["shaqra_notice_count"], every_notice - 2)

    def test_e2_other_beneficiary_sees_no_household_data(self):
        self.beneficiary_one.whatsapp_number = "+966599999999"
        self.authenticate("t_benef_two", "t_benef_two")
        response = self.url_open("/my/beneficiary")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("1000000008", response.text)
        self.assertNotIn("+966599999999", response.text)
        self.assertNotIn("Beneficiary One", response.text)
        # Their own national ID is masked as well.
        self.assertNotIn("1000000016", response.text)
        self.assertIn("0016", response.text)

    def test_e2_user_without_beneficiary_file_gets_nothing(self):
        new_user = self.env["res.users"].create(
            {
                "name": "Not a beneficiary",
                "login": "t_not_benef",
                "lang": "en_US",
                "password": "t_not_benef",
                "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        self.authenticate(new_user.login, "t_not_benef")
        self.assertEqual(self.url_open("/my/beneficiary", allow_redirects=False).status_code, 404)
        page = self.url_open("/my/requests/new")
        self.assertIn("not linked to a beneficiary file", page.text)

    def _post_message(self, body, token):
        return self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "shaqra.request",
                "thread_id": self.request_one.id,
                "post_data": {"body": body, "message_type": "comment"},
                "token": token,
            },
        )

    def test_f2_portal_chatter_with_the_liaison_officer(self):
        self.authenticate("t_benef_one", "t_benef_one")
        self._post_message("When will the committee meet?", self.token_one)
        message = self.request_one.message_ids[0]
        self.assertIn("When will the committee meet?", message.body)
        self.assertEqual(message.author_id, self.user_one.partner_id)
        # Another beneficiary can neither post nor read the thread.
        self.authenticate("t_benef_two", "t_benef_two")
        with self.assertRaises(JsonRpcException) as caught:
            self._post_message("Intruder", self.token_one[:-1] + "x")
        self.assertEqual(caught.exception.code, 404)
        with self.assertRaises(JsonRpcException):
            self._post_message("Intruder", None)
        self.assertFalse(
            self.request_one.message_ids.filtered(lambda m: "Intruder" in (m.body or ""))
        )

    @staticmethod
    def _signature():
        from .common import SIGNATURE

        return SIGNATURE.decode()
