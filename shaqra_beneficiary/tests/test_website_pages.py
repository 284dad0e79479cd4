"""The association's public website (C1, C2, ART3 B, F1, F2) and the public
forms' anti-spam guard."""

import base64
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.shaqra_beneficiary.controllers.public_form import ShaqraPublicForm
from odoo.addons.website.tools import MockRequest

from .common import PDF, ShaqraPortalCommon


class ShaqraWebsiteCommon(ShaqraPortalCommon):
    """A published service, public and non-public governing documents."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.hidden_service = env["shaqra.service.type"].create(
            {"name": "Tour Hidden Service", "field_id": cls.field.id, "is_published": False}
        )
        Policy = env["shaqra.policy"]
        common = {"audience_employee": False, "approval_date": "2022-10-26"}
        cls.public_policy = Policy.create(
            dict(
                common,
                name="Tour Public Charter",
                code="T-PUB",
                audience_public=True,
                approving_body="Tour Board",
                body="<p>Tour charter text</p>",
                document=base64.b64encode(PDF + b"% TOUR-PUBLIC-PDF\n"),
                document_name="charter.pdf",
            )
        )
        cls.beneficiary_policy = Policy.create(
            dict(
                common,
                name="Tour Beneficiary Guide",
                code="T-BEN",
                audience_beneficiary=True,
                body="<p>Tour guide text</p>",
            )
        )
        cls.employee_policy = Policy.create(
            dict(
                common,
                name="Tour Staff Rules",
                code="T-EMP",
                audience_employee=True,
                body="<p>TOUR-STAFF-ONLY</p>",
                document=base64.b64encode(PDF + b"% TOUR-STAFF-PDF\n"),
            )
        )
        cls.old_policy = Policy.create(
            dict(
                common,
                name="Tour Old Charter",
                code="T-OLD",
                audience_public=True,
                body="<p>TOUR-OLD-VERSION</p>",
                document=base64.b64encode(PDF + b"% TOUR-OLD-PDF\n"),
            )
        )
        (cls.public_policy | cls.beneficiary_policy | cls.employee_policy | cls.old_policy).write(
            {"state": "published", "published_on": fields.Datetime.now()}
        )
        cls.old_policy.write({"state": "superseded", "superseded_on": fields.Datetime.now()})
        cls.draft_policy = Policy.create(
            dict(
                common,
                name="Tour Draft Charter",
                code="T-DRAFT",
                audience_public=True,
                body="<p>TOUR-DRAFT-TEXT</p>",
                document=base64.b64encode(PDF + b"% TOUR-DRAFT-PDF\n"),
            )
        )
        cls.medium = env.ref("shaqra_beneficiary.utm_medium_shaqra_portal")

    def _get(self, url):
        with mute_logger("odoo.http", "werkzeug"):
            return self.url_open(url, allow_redirects=False)


@tagged("post_install", "-at_install")
class TestWebsitePages(ShaqraWebsiteCommon):
    """Services and governance pages: what is published, and only that."""

    def test_c2_services_page_lists_published_services_with_requirements(self):
        self.authenticate(None, None)
        response = self._get("/services")
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn("Tour Housing Help", page)
        self.assertIn("Tour Social Aid", page)
        self.assertIn("Residents of Shaqra whose home needs repairs.", page)
        self.assertIn("Copy of the national ID", page)
        self.assertIn("Photo of the damage", page)
        self.assertIn("Mandatory", page)
        self.assertIn("Optional", page)
        self.assertIn(f"{self.service.response_days}</span> working days", page)
        self.assertIn(f"/my/requests/new?service_type_id={self.service.id}", page)
        self.assertNotIn("Tour Hidden Service", page)

    def test_c2_apply_link_asks_the_visitor_to_sign_in(self):
        self.authenticate(None, None)
        response = self._get(f"/my/requests/new?service_type_id={self.service.id}")
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])

    def test_art3_governance_lists_published_public_documents_only(self):
        self.authenticate(None, None)
        response = self._get("/governance")
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn("Tour Public Charter", page)
        self.assertIn("Tour Beneficiary Guide", page)
        self.assertIn(
            self.env.ref("shaqra_beneficiary.shaqra_policy_beneficiary_relationship").name, page
        )
        for hidden in ("Tour Staff Rules", "Tour Old Charter", "Tour Draft Charter"):
            self.assertNotIn(hidden, page)
        # Approval date in Hijri and Gregorian.
        self.assertIn("1444 AH", page)
        self.assertIn("26 October 2022", page)

    def test_art3_governance_document_page_and_download_for_anyone(self):
        self.authenticate(None, None)
        response = self._get(f"/governance/{self.public_policy.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Tour charter text", response.text)
        self.assertIn("Tour Board", response.text)
        self.assertIn("1444 AH", response.text)
        self.assertIn(f"/governance/{self.public_policy.id}/download", response.text)
        download = self._get(f"/governance/{self.public_policy.id}/download")
        self.assertEqual(download.status_code, 200)
        self.assertIn(b"TOUR-PUBLIC-PDF", download.content)
        self.assertIn("attachment", download.headers["Content-Disposition"])
        self.assertIn("charter.pdf", download.headers["Content-Disposition"])

    def test_art3_governance_refuses_draft_superseded_and_staff_documents(self):
        for who in (None, "t_benef_one"):
            self.authenticate(who, who)
            for policy in (self.employee_policy, self.old_policy, self.draft_policy):
                for suffix in ("", "/download"):
                    url = f"/governance/{policy.id}{suffix}"
                    response = self._get(url)
                    self.assertEqual(response.status_code, 404, url)
                    for marker in ("TOUR-STAFF", "TOUR-OLD", "TOUR-DRAFT"):
                        self.assertNotIn(marker, response.text, url)
        self.assertEqual(self._get("/governance/999999999").status_code, 404)
        # A public document without a PDF has nothing to download.
        url = f"/governance/{self.beneficiary_policy.id}/download"
        self.assertEqual(self._get(url).status_code, 404)

    def test_site_named_after_the_association_in_arabic_right_to_left(self):
        self.env["res.lang"]._activate_lang("ar_001")
        self.env["website"]._shaqra_setup_public_site()
        website = self.env.ref("website.default_website")
        self.assertEqual(website.name, website.company_id.name)
        self.assertEqual(website.default_lang_id.code, "ar_001")
        self.authenticate(None, None)
        self.opener.cookies.set("frontend_lang", "ar_001")
        with mute_logger("odoo.http", "werkzeug"):
            response = self.url_open("/services")
        self.assertEqual(response.status_code, 200)
        self.assertIn('dir="rtl"', response.text)
        self.assertIn('lang="ar-001"', response.text)

    def test_site_setup_is_safe_without_arabic(self):
        website = self.env.ref("website.default_website")
        languages = website.language_ids
        default = website.default_lang_id
        # A language that is not loaded: nothing happens to the languages.
        self.env["website"]._shaqra_setup_public_site(lang_code="xx_XX")
        self.assertEqual(website.language_ids, languages)
        self.assertEqual(website.default_lang_id, default)
        self.assertEqual(website.name, website.company_id.name)

    def test_header_and_footer_link_the_pages(self):
        self.authenticate(None, None)
        page = self._get("/").text
        for url in ("/services", "/governance", "/inquiry"):
            self.assertIn(f'href="{url}"', page)
        menus = self.env["website.menu"].search(
            [("url", "in", ["/services", "/governance", "/inquiry"])]
        )
        self.assertEqual(set(menus.mapped("url")), {"/services", "/governance", "/inquiry"})
        footer = page.split("o_shaqra_footer_links", 1)[1]
        for url in ("/services", "/governance", "/inquiry"):
            self.assertIn(f'href="{url}"', footer)


@tagged("post_install", "-at_install")
class TestWebsiteInquiry(ShaqraWebsiteCommon):
    """The public inquiry form (C1, F1, F2) and its guard (section 7)."""

    def _inquiry_data(self, **extra):
        data = {
            "name": "Visitor Sara",
            "mobile": "0551234567",
            "email": "sara@example.com",
            "category_id": str(self.category.id),
            "field_id": str(self.field.id),
            "message": "Is housing help open to tenants?",
            "csrf_token": self._csrf(),
        }
        data.update(extra)
        return {key: value for key, value in data.items() if value is not None}

    def _post(self, data):
        with mute_logger("odoo.http", "werkzeug"):
            return self.url_open("/inquiry", data=data, allow_redirects=False)

    def _leads(self):
        self.env.invalidate_all()
        return self.env["crm.lead"].search([("contact_name", "=", "Visitor Sara")])

    def _submissions(self):
        self.env.invalidate_all()
        return self.env["shaqra.public.submission"].search([("route_key", "=", "inquiry")])

    def test_f2_inquiry_creates_one_lead_for_the_liaison_officer(self):
        self.authenticate(None, None)
        self.assertEqual(self._get("/inquiry").status_code, 200)
        response = self._post(self._inquiry_data())
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_shaqra_inquiry_thanks", response.text)
        lead = self._leads()
        self.assertEqual(len(lead), 1)
        self.assertEqual(lead.medium_id, self.medium)
        self.assertEqual(lead._shaqra_channel(), "portal")
        self.assertEqual(lead.user_id, self.user_officer)
        self.assertTrue(lead.is_shaqra_inquiry)
        self.assertIn("551234567", (lead.mobile or "").replace(" ", ""))
        self.assertEqual(lead.email_from, "sara@example.com")
        self.assertIn("Is housing help open to tenants?", lead.description)
        submission = self._submissions()
        self.assertEqual(len(submission), 1)
        # Only hashes are kept.
        self.assertNotIn("0551234567", submission.mobile_hash)
        self.assertNotIn("127.0.0.1", submission.ip_hash)
        self.assertEqual(len(submission.mobile_hash), 64)

    def test_f2_inquiry_without_category_is_kept_unassigned_not_given_to_public_user(self):
        self.authenticate(None, None)
        response = self._post(self._inquiry_data(category_id=None, field_id=None))
        self.assertEqual(response.status_code, 200)
        lead = self._leads()
        self.assertEqual(len(lead), 1)
        self.assertFalse(lead.user_id)

    def test_f2_honeypot_stores_nothing(self):
        self.authenticate(None, None)
        response = self._post(self._inquiry_data(shaqra_hp="http://spam.example.com"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_shaqra_inquiry_thanks", response.text)
        self.assertFalse(self._leads())
        self.assertFalse(self._submissions())

    def test_f2_rate_limit_per_address_stores_nothing_and_says_why(self):
        self.env["ir.config_parameter"].set_param("shaqra.public_limit_ip_hour", 1)
        self.authenticate(None, None)
        self.assertEqual(self._post(self._inquiry_data()).status_code, 200)
        self.assertEqual(len(self._leads()), 1)
        response = self._post(self._inquiry_data(mobile="0559876543"))
        self.assertEqual(response.status_code, 429)
        self.assertIn("Many forms were sent from your connection", response.text)
        self.assertEqual(len(self._leads()), 1)
        self.assertEqual(len(self._submissions()), 1)

    def test_f2_rate_limit_per_mobile_stores_nothing_and_says_why(self):
        self.env["ir.config_parameter"].set_param("shaqra.public_limit_mobile_day", 1)
        self.authenticate(None, None)
        self.assertEqual(self._post(self._inquiry_data()).status_code, 200)
        # The same mobile written another way is the same mobile.
        response = self._post(self._inquiry_data(mobile="+966 55 123 4567"))
        self.assertEqual(response.status_code, 429)
        self.assertIn("Many forms were sent with this mobile number today", response.text)
        self.assertEqual(len(self._leads()), 1)
        self.assertEqual(len(self._submissions()), 1)

    def test_f2_inquiry_without_csrf_token_refused(self):
        self.authenticate(None, None)
        response = self._post(self._inquiry_data(csrf_token=None))
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._leads())
        self.assertFalse(self._submissions())

    def test_f2_invalid_inquiry_shows_errors_and_stores_nothing(self):
        self.authenticate(None, None)
        response = self._post(self._inquiry_data(mobile="abc", message=""))
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_shaqra_form_errors", response.text)
        self.assertIn("Write your question.", response.text)
        self.assertFalse(self._leads())
        self.assertFalse(self._submissions())

    def test_f2_captcha_failure_stores_nothing(self):
        self.authenticate(None, None)
        with patch.object(
            type(self.env["ir.http"]), "_verify_request_recaptcha_token", return_value=False
        ):
            response = self._post(self._inquiry_data())
        self.assertEqual(response.status_code, 400)
        self.assertIn("anti-spam check failed", response.text)
        self.assertFalse(self._leads())


@tagged("post_install", "-at_install")
class TestPublicFormGuard(TransactionCase):
    """Section 7: the guard's rules, without HTTP."""

    def setUp(self):
        super().setUp()
        self.guard = ShaqraPublicForm()
        self.Submission = self.env["shaqra.public.submission"]
        self.website = self.env["website"].get_current_website()

    def _request(self, ip="10.0.0.1"):
        return MockRequest(self.env, website=self.website, remote_addr=ip)

    def test_honeypot(self):
        self.assertTrue(self.guard._shaqra_is_bot({"shaqra_hp": "x"}))
        self.assertFalse(self.guard._shaqra_is_bot({"shaqra_hp": ""}))
        self.assertFalse(self.guard._shaqra_is_bot({}))

    def test_captcha_without_provider_passes(self):
        with self._request():
            self.assertTrue(self.guard._shaqra_check_captcha("shaqra_inquiry"))

    def test_rate_limit_per_ip_hour_is_per_route_and_address(self):
        self.env["ir.config_parameter"].set_param("shaqra.public_limit_ip_hour", 2)
        with self._request("10.0.0.1"):
            self.assertFalse(self.guard._shaqra_rate_limited("inquiry"))
            self.guard._shaqra_record_submission("inquiry")
            self.guard._shaqra_record_submission("inquiry")
            self.assertTrue(self.guard._shaqra_rate_limited("inquiry"))
            self.assertFalse(self.guard._shaqra_rate_limited("complaint"))
        with self._request("10.0.0.2"):
            self.assertFalse(self.guard._shaqra_rate_limited("inquiry"))

    def test_rate_limit_allow_list_exempts_declared_addresses_not_their_mobiles(self):
        Param = self.env["ir.config_parameter"]
        Param.set_param("shaqra.public_limit_ip_hour", 2)
        Param.set_param("shaqra.public_limit_mobile_day", 2)
        Param.set_param("shaqra.public_limit_allow", "198.51.100.0/24, 192.0.2.7 junk")
        for ip in ("198.51.100.20", "192.0.2.7"):
            with self._request(ip):
                for index in range(3):
                    self.guard._shaqra_record_submission("complaint", f"05500000{index}{ip[-1]}")
                self.assertFalse(self.guard._shaqra_rate_limited("complaint"), ip)
                # The mobile limit still holds on an allowed address.
                for _index in range(2):
                    self.guard._shaqra_record_submission("complaint", "0551230000")
                self.assertTrue(self.guard._shaqra_rate_limited("complaint", "0551230000"), ip)
        # One abusive address outside the list is still refused.
        with self._request("203.0.113.66"):
            for _index in range(2):
                self.guard._shaqra_record_submission("complaint")
            self.assertTrue(self.guard._shaqra_rate_limited("complaint"))
        Param.set_param("shaqra.public_limit_allow", "")
        with self._request("198.51.100.20"):
            self.assertTrue(self.guard._shaqra_rate_limited("complaint"))

    def test_rate_limit_defaults(self):
        with self._request("10.0.0.3"):
            for _index in range(19):
                self.guard._shaqra_record_submission("inquiry")
            self.assertFalse(self.guard._shaqra_rate_limited("inquiry"))
            self.guard._shaqra_record_submission("inquiry")
            self.assertTrue(self.guard._shaqra_rate_limited("inquiry"))
        with self._request("10.0.0.4"):
            for index in range(5):
                self.assertFalse(self.guard._shaqra_rate_limited("inquiry", "0551112222"), index)
                self.guard._shaqra_record_submission("inquiry", "0551112222")
        with self._request("10.0.0.5"):
            self.assertTrue(self.guard._shaqra_rate_limited("inquiry", "+966551112222"))
            self.assertFalse(self.guard._shaqra_rate_limited("inquiry", "0551113333"))

    def test_old_submissions_do_not_count_and_are_purged(self):
        self.env["ir.config_parameter"].set_param("shaqra.public_limit_ip_hour", 1)
        with self._request("10.0.0.6"):
            row = self.guard._shaqra_record_submission("inquiry", "0551112222")
            self.assertTrue(self.guard._shaqra_rate_limited("inquiry"))
            self.env.cr.execute(
                "UPDATE shaqra_public_submission SET create_date = %s WHERE id = %s",
                (fields.Datetime.now() - timedelta(days=3), row.id),
            )
            self.env.invalidate_all()
            self.assertFalse(self.guard._shaqra_rate_limited("inquiry"))
        self.Submission._cron_purge()
        self.assertFalse(row.exists())
        cron = self.env.ref("shaqra_beneficiary.ir_cron_shaqra_public_submission_purge")
        self.assertTrue(cron.active)

    def test_raw_values_are_never_stored(self):
        with self._request("10.9.8.7"):
            row = self.guard._shaqra_record_submission("inquiry", "0551112222")
        self.assertEqual(row.ip_hash, self.Submission._shaqra_hash("10.9.8.7"))
        self.assertEqual(row.mobile_hash, self.Submission._shaqra_hash("551112222"))
        self.env.cr.execute(
            "SELECT count(*) FROM shaqra_public_submission WHERE "
            "ip_hash LIKE '%%10.9.8.7%%' OR mobile_hash LIKE '%%551112222%%'"
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)

    def test_nobody_but_the_server_reads_submissions(self):
        from odoo.exceptions import AccessError
        from odoo.tests import new_test_user

        row = self.Submission.create({"route_key": "inquiry"})
        manager = new_test_user(
            self.env, "t_guard_manager", groups="shaqra_beneficiary.group_manager"
        )
        with self.assertRaises(AccessError):
            row.with_user(manager).read(["route_key"])
        with self.assertRaises(AccessError):
            self.Submission.with_user(manager).create({"route_key": "x"})

    def test_attachments_follow_the_portal_rules(self):
        from io import BytesIO

        from werkzeug.datastructures import FileStorage

        from odoo.exceptions import UserError

        with self._request():
            values = self.guard._shaqra_read_attachments(
                [FileStorage(BytesIO(PDF), filename="id.pdf")]
            )
            self.assertEqual(values[0]["mimetype"], "application/pdf")
            self.assertEqual(base64.b64decode(values[0]["datas"]), PDF)
            with self.assertRaises(UserError):
                self.guard._shaqra_read_attachments(
                    [FileStorage(BytesIO(b"MZ not a pdf"), filename="id.pdf")]
                )
            with self.assertRaises(UserError):
                self.guard._shaqra_read_attachments(
                    [FileStorage(BytesIO(PDF), filename="run.exe")]
                )
            with self.assertRaises(UserError):
                self.guard._shaqra_read_attachments([FileStorage(BytesIO(b""), filename="a.pdf")])


@tagged("post_install", "-at_install")
class TestWebsiteVisitorTour(ShaqraWebsiteCommon):
    """A visitor on a phone: home, services, governance, a document, an inquiry."""

    browser_size = "390x844"

    def test_c1_c2_art3_visitor_on_a_phone_tour(self):
        self.start_tour("/", "shaqra_website_visitor_tour", login=None)
        lead = self.env["crm.lead"].search([("contact_name", "=", "Tour Visitor")])
        self.assertEqual(len(lead), 1)
        self.assertEqual(lead.user_id, self.user_officer)
        self.assertEqual(lead.medium_id, self.medium)
        self.assertEqual(lead.shaqra_field_id, self.field)
