import base64

from odoo import Command
from odoo.tests import HttpCase, JsonRpcException, tagged
from odoo.tools import mute_logger

from .common import PDF, ShaqraPortalCommon
from .test_privacy import PrivacyCommon
from .test_privacy_integrity import CaseDataCommon


@tagged("post_install", "-at_install", "access_rights")
class TestPrivacyDownload(PrivacyCommon, HttpCase):
    """Policy E2: a confidential document served over HTTP is logged once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.user_liaison, cls.user_manager):
            user.password = "privacy-pass"

    def _logs(self, document):
        return self.Log.search([("attachment_id", "=", document.id)])

    def test_e2_download_is_logged_with_its_user(self):
        self.authenticate(self.user_liaison.login, "privacy-pass")
        response = self.url_open(f"/web/content/{self.document_a.id}?download=true")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"%PDF-1.4 income of A")
        log = self._logs(self.document_a)
        self.assertEqual(len(log), 1)
        self.assertEqual(log.user_id, self.user_liaison)
        self.assertEqual(log.access_type, "download")
        self.assertEqual(log.res_model, "shaqra.request.requirement")
        self.assertEqual(log.res_name, self.request_a.requirement_line_ids.display_name)
        self.assertTrue(log.ip_address)

    def test_e2_opening_in_browser_is_logged_as_read(self):
        self.authenticate(self.user_manager.login, "privacy-pass")
        for url in (f"/web/content/{self.document_b.id}", f"/web/image/{self.document_b.id}"):
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 200)
        logs = self._logs(self.document_b)
        self.assertEqual(len(logs), 2)
        self.assertEqual(set(logs.mapped("access_type")), {"read"})
        self.assertEqual(logs.user_id, self.user_manager)

    def test_e2_refused_download_is_not_served_nor_logged(self):
        self.authenticate(self.user_liaison.login, "privacy-pass")
        response = self.url_open(f"/web/content/{self.document_b.id}?download=true")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(b"income of B", response.content)
        self.assertFalse(self._logs(self.document_b))


@tagged("post_install", "-at_install", "access_rights")
class TestPrivacyHttpIntegrity(CaseDataCommon, HttpCase):
    """Policy E2, C3: the integrity holes, replayed over HTTP and JSON-RPC as each role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (
            cls.user_reception,
            cls.user_liaison,
            cls.user_liaison_b,
            cls.user_committee,
            cls.user_manager,
            cls.user_employee,
        ):
            user.password = "privacy-pass"
        # A request shared with its beneficiary: its own file and, linked by
        # server code, another beneficiary's ID card on the same line.
        cls.own_file = cls.env["ir.attachment"].create(
            {
                "name": "own-scan.pdf",
                "raw": b"%PDF-1.4 own scan",
                "res_model": "shaqra.request",
                "res_id": cls.request_a_new.id,
            }
        )
        cls.request_a_new.requirement_line_ids.write(
            {
                "attachment_ids": [
                    Command.link(cls.own_file.id),
                    Command.link(cls.case["b"]["card"].id),
                ]
            }
        )
        cls.token = cls.request_a_new._portal_ensure_token()

    def _logs(self, attachment):
        return self.Log.search([("attachment_id", "=", attachment.id)])

    def _call(self, model, method, args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
        )

    def test_e2_shared_link_serves_only_the_request_own_files(self):
        self.authenticate(None, None)
        url = f"/my/requests/{self.request_a_new.id}/document/%s?access_token={self.token}"
        response = self.url_open(url % self.own_file.id)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"%PDF-1.4 own scan")
        log = self._logs(self.own_file)
        self.assertEqual(len(log), 1)
        self.assertEqual(log.user_id, self.env.ref("base.public_user"))
        for attachment in (self.case["b"]["card"], self.document_b, self.document_a):
            with self.subTest(attachment=attachment.name):
                response = self.url_open(url % attachment.id, allow_redirects=False)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn(attachment.raw, response.content)
                self.assertFalse(self._logs(attachment))
        wrong = self.url_open(
            f"/my/requests/{self.request_a_new.id}/document/{self.own_file.id}"
            f"?access_token={self.token[:-4]}0000",
            allow_redirects=False,
        )
        self.assertEqual(wrong.status_code, 404)
        self.assertEqual(len(self._logs(self.own_file)), 1)

    @mute_logger("odoo.http")
    def test_e2_reception_cannot_link_a_file_or_set_the_token_over_json_rpc(self):
        self.authenticate(self.user_reception.login, "privacy-pass")
        line = self.request_a_new.requirement_line_ids
        before = line.attachment_ids
        with self.assertRaises(JsonRpcException) as caught:
            self._call(
                line._name, "write", [line.ids, {"attachment_ids": [[4, self.document_b.id]]}]
            )
        self.assertEqual(caught.exception.args[0], "odoo.exceptions.AccessError")
        with self.assertRaises(JsonRpcException) as caught:
            self._call(
                "shaqra.request", "write", [self.request_a_new.ids, {"access_token": "guessable"}]
            )
        self.assertEqual(caught.exception.args[0], "odoo.exceptions.AccessError")
        self.assertEqual(line.attachment_ids, before)
        self.assertEqual(self.request_a_new.access_token, self.token)

    def test_e2_case_document_files_follow_the_beneficiary(self):
        card = self.case["a"]["card"]
        url = f"/web/content/{card.id}?download=true"
        for login in ("t_liaison_b", "t_employee"):
            with self.subTest(login=login):
                self.authenticate(login, "privacy-pass")
                response = self.url_open(url, allow_redirects=False)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn(b"card of a", response.content)
        self.authenticate(None, None)
        response = self.url_open(url, allow_redirects=False)
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn(b"card of a", response.content)
        self.assertFalse(self._logs(card))
        for login in ("t_liaison", "t_committee", "t_manager"):
            with self.subTest(login=login):
                self.authenticate(login, "privacy-pass")
                response = self.url_open(url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.content, b"%PDF-1.4 card of a")
        logs = self._logs(card)
        self.assertEqual(logs.user_id, self.user_liaison | self.user_committee | self.user_manager)
        self.assertEqual(set(logs.mapped("access_type")), {"download"})

    @mute_logger("odoo.http")
    def test_e2_committee_member_cannot_add_income_over_json_rpc(self):
        self.authenticate(self.user_committee.login, "privacy-pass")
        rows = self._call(
            "shaqra.beneficiary.income",
            "search_read",
            [[("beneficiary_id", "=", self.beneficiary_a.id)], ["amount"]],
        )
        self.assertEqual([row["amount"] for row in rows], [1000])
        with self.assertRaises(JsonRpcException):
            self._call(
                "shaqra.beneficiary.income",
                "create",
                [{"beneficiary_id": self.beneficiary_a.id, "amount": 5000}],
            )
        self.assertEqual(len(self.beneficiary_a.income_ids), 1)

    def test_e2_attachment_bytes_read_over_json_rpc_are_logged(self):
        self.authenticate(self.user_liaison.login, "privacy-pass")
        rows = self._call(
            "ir.attachment", "search_read", [[("id", "=", self.document_a.id)], ["datas"]]
        )
        self.assertEqual(base64.b64decode(rows[0]["datas"]), b"%PDF-1.4 income of A")
        log = self._logs(self.document_a)
        self.assertEqual(len(log), 1)
        self.assertEqual(log.user_id, self.user_liaison)
        self.assertTrue(log.ip_address)

    @mute_logger("odoo.http")
    def test_c3_reception_cannot_rewrite_the_chatter_over_json_rpc(self):
        system = self.request_a_new.message_post(body="Request received.")
        sent = self.request_a_new.with_user(self.user_reception).message_post(
            body="Your file is complete.", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.authenticate(self.user_reception.login, "privacy-pass")
        for message in (system, sent):
            with self.subTest(message=message.body):
                with self.assertRaises(JsonRpcException):
                    self._call("mail.message", "write", [message.ids, {"body": "rewritten"}])
                with self.assertRaises(JsonRpcException):
                    self._call("mail.message", "unlink", [message.ids])
                self.assertTrue(message.exists())
                self.assertNotIn("rewritten", message.body)
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                "/mail/message/update_content",
                {"message_id": sent.id, "body": "", "attachment_ids": []},
            )
        self.assertIn("Your file is complete.", sent.body)
        with self.assertRaises(JsonRpcException):
            self._call(
                "shaqra.request",
                "message_post",
                self.request_a_new.ids,
                body="Approved.",
                author_id=self.user_manager.partner_id.id,
            )
        self.assertFalse(
            self.request_a_new.message_ids.filtered(lambda m: "Approved." in (m.body or ""))
        )


@tagged("post_install", "-at_install", "access_rights")
class TestPortalDocumentPrivacy(ShaqraPortalCommon):
    """Policy E2: a beneficiary downloads their own documents through their request."""

    def _logs(self, attachment):
        return self.env["shaqra.document.access.log"].search(
            [("attachment_id", "=", attachment.id)]
        )

    def test_e2_beneficiary_downloads_own_document_and_it_is_logged(self):
        self.authenticate("t_benef_one", "t_benef_one")
        url = f"/my/requests/{self.request_one.id}/document/{self.document_one.id}"
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, PDF)
        log = self._logs(self.document_one)
        self.assertEqual(len(log), 1)
        self.assertEqual(log.user_id, self.user_one)

    def test_e2_file_of_another_request_linked_to_own_line_is_not_served(self):
        request_two = self.env["shaqra.request"].create(
            {"beneficiary_id": self.beneficiary_two.id, "service_type_id": self.service.id}
        )
        foreign = self.env["ir.attachment"].create(
            {
                "name": "id-two.pdf",
                "raw": PDF + b"% two",
                "res_model": "shaqra.request",
                "res_id": request_two.id,
            }
        )
        self.line_id_copy.write({"attachment_ids": [Command.link(foreign.id)]})
        url = f"/my/requests/{self.request_one.id}/document/{foreign.id}"
        self.authenticate("t_benef_one", "t_benef_one")
        self.assertEqual(self.url_open(url, allow_redirects=False).status_code, 404)
        self.authenticate(None, None)
        response = self.url_open(f"{url}?access_token={self.token_one}", allow_redirects=False)
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(b"% two", response.content)
        self.assertFalse(self._logs(foreign))
