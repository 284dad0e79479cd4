from odoo.tests import HttpCase, tagged

from .test_privacy import PrivacyCommon


@tagged("post_install", "-at_install")
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
