import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.mail.tests.common import MockEmail

from ..tools.hijri import format_hijri
from .common import PDF, PNG, SIGNATURE, ShaqraPortalCommon, load_arabic

DECLARATION_AR = (
    "أقر بأن جميع البيانات والمعلومات المقدمة في هذا الطلب صحيحة، وأتحمل المسؤولية المباشرة عنها."
)


@tagged("post_install", "-at_install")
class TestPortalUploads(ShaqraPortalCommon):
    """Policy C2, C3: documents per requirement, only of allowed kinds and sizes."""

    def _attachments(self):
        return self.env["ir.attachment"].search(
            [("res_model", "=", "shaqra.request"), ("res_id", "=", self.request_one.id)]
        )

    def test_c3_upload_adds_the_document_to_its_line(self):
        line = self.request_one.requirement_line_ids.filtered(
            lambda line: line.name == "Photo of the damage"
        )
        self.authenticate("t_benef_one", "t_benef_one")
        response = self._upload(self.request_one, line, "damage.png", PNG)
        self.assertEqual(response.status_code, 303)
        self.assertIn("message=upload_ok", response.headers["Location"])
        self.assertEqual(line.attachment_ids.mapped("name"), ["damage.png"])
        self.assertEqual(line.attachment_ids.mimetype, "image/png")
        self.assertTrue(line.is_provided)
        self.assertIn("damage.png", self.request_one.message_ids[0].body)

    def test_c3_disallowed_type_is_refused_and_nothing_stored(self):
        before = self._attachments()
        self.authenticate("t_benef_one", "t_benef_one")
        response = self._upload(self.request_one, self.line_id_copy, "tool.exe", b"MZ\x90\x00")
        self.assertIn("upload_error=type", response.headers["Location"])
        # A program renamed to .pdf is refused on its content.
        response = self._upload(self.request_one, self.line_id_copy, "fake.pdf", b"MZ\x90\x00")
        self.assertIn("upload_error=type", response.headers["Location"])
        self.assertEqual(self._attachments(), before)
        page = self.url_open(response.headers["Location"])
        self.assertIn("only PDF, JPG and PNG documents are accepted", page.text)

    def test_c3_oversized_upload_is_refused_and_nothing_stored(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "shaqra_beneficiary.portal_upload_max_mb", "1"
        )
        before = self._attachments()
        line = self.request_one.requirement_line_ids.filtered(
            lambda line: line.name == "Photo of the damage"
        )
        self.authenticate("t_benef_one", "t_benef_one")
        big = PDF + b"0" * (1024 * 1024)
        response = self._upload(self.request_one, line, "big.pdf", big)
        self.assertIn("upload_error=size", response.headers["Location"])
        self.assertEqual(self._attachments(), before)
        self.assertFalse(line.is_provided)
        page = self.url_open(response.headers["Location"])
        self.assertIn("larger than 1 MB", page.text)

    def test_c3_no_upload_once_the_request_left_reception(self):
        self.request_one.stage_id = self.env.ref(
            "shaqra_beneficiary.shaqra_request_stage_cancelled"
        )
        before = self._attachments()
        self.authenticate("t_benef_one", "t_benef_one")
        response = self._upload(self.request_one, self.line_id_copy, "late.pdf", PDF)
        self.assertIn("upload_error=closed", response.headers["Location"])
        self.assertEqual(self._attachments(), before)


@tagged("post_install", "-at_install")
class TestPortalNewRequest(ShaqraPortalCommon):
    """Policy C2: the beneficiary reads the criteria and applies with documents."""

    def _post_new(self, data, files=None):
        data = dict(data, csrf_token=self._csrf())
        return self.url_open("/my/requests/new", data=data, files=files, allow_redirects=False)

    def _count(self):
        return self.env["shaqra.request"].search_count(
            [("beneficiary_id", "=", self.beneficiary_one.id)]
        )

    def test_c2_criteria_and_documents_shown_before_applying(self):
        self.authenticate("t_benef_one", "t_benef_one")
        choices = self.url_open("/my/requests/new")
        self.assertIn("Tour Housing Help", choices.text)
        self.assertNotIn("Tour Hidden Service", choices.text)
        page = self.url_open(f"/my/requests/new?service_type_id={self.service.id}")
        self.assertIn("Residents of Shaqra whose home needs repairs.", page.text)
        self.assertIn("Copy of the national ID", page.text)
        self.assertIn("Lives in Shaqra", page.text)

    def test_c2_invalid_input_rerenders_and_creates_nothing(self):
        self.authenticate("t_benef_one", "t_benef_one")
        before = self._count()
        line_copy = self.service.requirement_ids[0]
        # No confirmation, no mandatory document.
        response = self._post_new({"service_type_id": self.service.id, "description": "Leak"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("Confirm that you have read the criteria", response.text)
        self.assertIn("Attach the document: Copy of the national ID", response.text)
        self.assertIn("Leak", response.text)
        # An unpublished service, and a refused file.
        response = self._post_new(
            {"service_type_id": self.unpublished_service.id, "criteria_read": "1"}
        )
        self.assertIn("Choose one of the published services", response.text)
        response = self._post_new(
            {"service_type_id": self.service.id, "criteria_read": "1"},
            files={f"document_{line_copy.id}": ("id.gif", b"GIF89a")},
        )
        self.assertIn("only PDF, JPG and PNG documents are accepted", response.text)
        self.assertEqual(self._count(), before)

    def test_c2_apply_lands_in_received_with_portal_channel_and_notifies_officer(self):
        self.authenticate("t_benef_one", "t_benef_one")
        copy_requirement, photo_requirement = self.service.requirement_ids.filtered(
            "document_required"
        )
        response = self._post_new(
            {
                "service_type_id": self.service.id,
                "criteria_read": "1",
                "description": "The roof leaks",
            },
            files={
                f"document_{copy_requirement.id}": ("id.pdf", PDF),
                f"document_{photo_requirement.id}": ("roof.png", PNG),
            },
        )
        self.assertEqual(response.status_code, 303)
        request = self.env["shaqra.request"].search(
            [("beneficiary_id", "=", self.beneficiary_one.id)], limit=1, order="id desc"
        )
        self.assertNotEqual(request, self.request_one)
        self.assertIn(f"/my/requests/{request.id}", response.headers["Location"])
        self.assertEqual(request.stage_key, "received")
        self.assertEqual(request.channel, "portal")
        self.assertEqual(request.description, "The roof leaks")
        lines = {line.name: line for line in request.requirement_line_ids}
        self.assertEqual(lines["Copy of the national ID"].attachment_ids.name, "id.pdf")
        self.assertEqual(lines["Photo of the damage"].attachment_ids.name, "roof.png")
        self.assertTrue(lines["Copy of the national ID"].is_provided)
        self.assertFalse(lines["Lives in Shaqra"].is_provided)
        activity = request.activity_ids
        self.assertEqual(activity.user_id, self.user_officer)
        self.assertIn(self.user_officer.partner_id, request.message_partner_ids)
        self.assertIn(self.user_one.partner_id, request.message_partner_ids)


@tagged("post_install", "-at_install")
class TestPortalSignature(ShaqraPortalCommon):
    """Policy C4: the beneficiary signs the declaration from the portal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The declaration is read in Arabic.
        load_arabic(cls.env)

    def test_c4_declaration_is_one_text_in_arabic(self):
        Request = self.env["shaqra.request"]
        self.assertEqual(
            Request.with_context(lang="ar_001")._get_signature_declaration(), DECLARATION_AR
        )
        self.assertEqual(
            self.request_one.with_context(lang="ar_001").signature_declaration, DECLARATION_AR
        )

    def test_c4_owner_signs_once(self):
        self.authenticate("t_benef_one", "t_benef_one")
        page = self.url_open(f"/my/requests/{self.request_one.id}")
        self.assertIn(self.request_one._get_signature_declaration(), page.text)
        signature = SIGNATURE.decode()
        result = self.make_jsonrpc_request(
            f"/my/requests/{self.request_one.id}/sign",
            {"name": "Beneficiary One", "signature": signature},
        )
        self.assertTrue(result["force_refresh"])
        self.assertIn("message=sign_ok", result["redirect_url"])
        self.assertTrue(self.request_one.signature)
        self.assertEqual(self.request_one.signed_by, "Beneficiary One")
        self.assertTrue(self.request_one.signed_on)
        again = self.make_jsonrpc_request(
            f"/my/requests/{self.request_one.id}/sign",
            {"name": "Beneficiary One", "signature": signature},
        )
        self.assertIn("error", again)

    def test_c4_signature_is_required(self):
        self.authenticate("t_benef_one", "t_benef_one")
        result = self.make_jsonrpc_request(
            f"/my/requests/{self.request_one.id}/sign", {"name": "Beneficiary One"}
        )
        self.assertIn("error", result)
        result = self.make_jsonrpc_request(
            f"/my/requests/{self.request_one.id}/sign",
            {"name": "Beneficiary One", "signature": "bm90IGFuIGltYWdl"},
        )
        self.assertIn("error", result)
        self.assertFalse(self.request_one.signature)

    def test_c6_deadline_shown_in_hijri_and_gregorian(self):
        for line in self.request_one.requirement_line_ids.filtered("document_required"):
            line.attachment_ids = self.env["ir.attachment"].create(
                {"name": "scan.png", "raw": PNG, "res_model": line._name, "res_id": line.id}
            )
        self.request_one.requirement_line_ids.write({"is_verified": True})
        self.request_one.write({"signature": SIGNATURE, "signed_by": "One"})
        self.request_one.stage_id = self.env.ref(
            "shaqra_beneficiary.shaqra_request_stage_awaiting_committee"
        )
        deadline = self.request_one.date_deadline
        self.assertTrue(deadline)
        self.authenticate("t_benef_one", "t_benef_one")
        page = self.url_open(f"/my/requests/{self.request_one.id}")
        self.assertIn(format_hijri(deadline, "en_US"), page.text)
        self.assertIn(deadline.isoformat(), page.text)
        listing = self.url_open("/my/requests?sortby=deadline&filterby=open")
        self.assertIn(deadline.isoformat(), listing.text)
        answered = self.url_open("/my/requests?filterby=answered")
        self.assertNotIn(self.request_one.name, answered.text)


@tagged("post_install", "-at_install")
class TestPortalDataCorrection(ShaqraPortalCommon):
    """Policy F3: beneficiaries propose corrections, staff approve or reject them."""

    def _propose(self, data):
        data = dict(data, csrf_token=self._csrf())
        return self.url_open("/my/beneficiary/correction", data=data, allow_redirects=False)

    def test_f3_invalid_correction_creates_nothing(self):
        self.authenticate("t_benef_one", "t_benef_one")
        response = self._propose({"email": "not-an-email", "mobile": "call me"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("not a valid e-mail address", response.text)
        self.assertIn("write a Saudi mobile number", response.text)
        response = self._propose({"mobile": "+966500000001"})
        self.assertIn("You did not change anything.", response.text)
        self.assertFalse(self.beneficiary_one.data_change_request_ids)

    def _proposal(self):
        self.authenticate("t_benef_one", "t_benef_one")
        response = self._propose(
            {
                "mobile": "+966 555 000 111",
                "preferred_channel": "whatsapp",
                "email": "one@example.com",
                "note": "New number",
            }
        )
        self.assertEqual(response.status_code, 303)
        change = self.beneficiary_one.data_change_request_ids
        self.assertEqual(len(change), 1)
        self.assertEqual(change.state, "pending")
        self.assertEqual(
            {(line.field_name, line.old_value, line.new_value) for line in change.line_ids},
            {
                ("mobile", "+966500000001", "+966 555 000 111"),
                ("preferred_channel", "portal", "whatsapp"),
            },
        )
        self.assertEqual(change.activity_ids.user_id, self.user_officer)
        return change

    def test_f3_approved_correction_is_applied_with_a_trace(self):
        change = self._proposal()
        self.assertEqual(self.beneficiary_one.mobile, "+966500000001")
        change.with_user(self.user_officer).action_approve()
        self.assertEqual(change.state, "approved")
        self.assertEqual(change.reviewed_by_id, self.user_officer)
        self.assertEqual(self.beneficiary_one.mobile, "+966 555 000 111")
        self.assertEqual(self.beneficiary_one.preferred_channel, "whatsapp")
        trace = self.beneficiary_one.message_ids.filtered(
            lambda message: "Data correction requested by the beneficiary" in (message.body or "")
        )
        self.assertTrue(trace)
        self.assertIn("+966 555 000 111", trace.body)
        self.assertIn(self.user_one.partner_id, change.message_ids[0].partner_ids)
        self.assertFalse(change.activity_ids)
        with self.assertRaises(UserError):
            change.with_user(self.user_officer).action_reject()
        page = self.url_open("/my/beneficiary")
        self.assertIn("Approved", page.text)

    def test_f3_rejected_correction_is_answered(self):
        change = self._proposal()
        with self.assertRaises(UserError):
            change.with_user(self.user_officer).action_reject()
        change.answer = "Bring the new SIM contract to the office."
        change.with_user(self.user_officer).action_reject()
        self.assertEqual(change.state, "rejected")
        self.assertEqual(self.beneficiary_one.mobile, "+966500000001")
        answer = change.message_ids[0]
        self.assertIn("Bring the new SIM contract", answer.body)
        self.assertIn(self.user_one.partner_id, answer.partner_ids)
        page = self.url_open("/my/beneficiary")
        self.assertIn("Bring the new SIM contract to the office.", page.text)

    def test_f3_account_page_does_not_bypass_the_review(self):
        self.authenticate("t_benef_one", "t_benef_one")
        response = self.url_open("/my/account", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/my/beneficiary"))
        response = self.url_open(
            "/my/account",
            data={
                "csrf_token": self._csrf(),
                "name": "Beneficiary One",
                "email": "changed@example.com",
                "phone": "+966511111111",
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.beneficiary_one.email, "one@example.com")
        # Portal users who are not beneficiaries keep Odoo's account page.
        user = self.env["res.users"].create(
            {
                "name": "Volunteer",
                "login": "t_portal_volunteer",
                "password": "t_portal_volunteer",
                "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        self.authenticate(user.login, "t_portal_volunteer")
        self.assertEqual(self.url_open("/my/account").status_code, 200)

    def test_f3_portal_user_cannot_approve(self):
        change = self._proposal()
        with self.assertRaises(AccessError):
            change.with_user(self.user_one).action_approve()
        self.assertEqual(self.beneficiary_one.mobile, "+966500000001")


@tagged("post_install", "-at_install")
class TestPortalAccess(ShaqraPortalCommon, MockEmail):
    """Policy F2: staff open the portal to a beneficiary; the invitation is Arabic."""

    def test_f2_new_beneficiary_partner_speaks_arabic(self):
        self.env["res.lang"]._activate_lang("ar_001")
        beneficiary = self.env["shaqra.beneficiary"].create(
            {"name": "Tour New Beneficiary", "national_id": "1000000024"}
        )
        self.assertEqual(beneficiary.partner_id.lang, "ar_001")

    def test_f2_staff_grant_portal_access(self):
        self.env["res.lang"]._activate_lang("ar_001")
        # Reception registers the beneficiary, then invites them (E2: it
        # sees what it registered).
        beneficiary = (
            self.env["shaqra.beneficiary"]
            .with_user(self.user_staff)
            .create(
                {
                    "name": "Tour Invited Beneficiary",
                    "national_id": "2000000006",
                    "email": "invited@example.com",
                }
            )
        )
        self.assertFalse(beneficiary.portal_user_id)
        with self.mock_mail_gateway():
            beneficiary.with_user(self.user_staff).action_grant_portal_access()
        beneficiary.invalidate_recordset(["portal_user_id"])
        user = beneficiary.portal_user_id
        self.assertTrue(user)
        self.assertTrue(user._is_portal())
        self.assertEqual(user.lang, "ar_001")
        invitations = [
            mail
            for mail in self._mails
            if any("invited@example.com" in to for to in mail["email_to"])
        ]
        self.assertEqual(len(invitations), 1)
        with self.assertRaises(AccessError):
            beneficiary.with_user(self.user_one).action_grant_portal_access()

    def test_f2_grant_needs_an_email(self):
        beneficiary = (
            self.env["shaqra.beneficiary"]
            .with_user(self.user_staff)
            .create({"name": "Tour No Mail", "national_id": "1000000032"})
        )
        with self.assertRaises(UserError):
            beneficiary.with_user(self.user_staff).action_grant_portal_access()

    def test_portal_home_counts_requests(self):
        # Only the test's own service is published (demo services, if
        # loaded, are withdrawn): exactly one may be applied for.
        self.env["shaqra.service.type"].search(
            [("id", "!=", self.service.id), ("is_published", "=", True)]
        ).is_published = False
        self.authenticate("t_benef_one", "t_benef_one")
        counters = self.make_jsonrpc_request(
            "/my/counters",
            {
                "counters": [
                    "shaqra_request_count",
                    "shaqra_notice_count",
                    "shaqra_profile_count",
                    "shaqra_apply_count",
                ]
            },
        )
        self.assertEqual(counters["shaqra_request_count"], 1)
        self.assertEqual(counters["shaqra_notice_count"], 0)
        self.assertEqual(counters["shaqra_profile_count"], 1)
        self.assertEqual(counters["shaqra_apply_count"], 1)


@tagged("post_install", "-at_install")
class TestHijriFormat(TransactionCase):
    """Dates shown to beneficiaries are given in Umm al-Qura Hijri too."""

    def test_format_hijri_arabic_and_english(self):
        day = datetime.date(2026, 11, 24)
        self.assertEqual(format_hijri(day), "14 جمادى الآخرة 1448 هـ")
        self.assertEqual(format_hijri(day, "en_US"), "14 Jumada al-Akhirah 1448 AH")
        self.assertEqual(format_hijri(datetime.datetime(2026, 11, 24, 23, 0)), format_hijri(day))
        self.assertEqual(format_hijri(False), "")
        self.assertEqual(format_hijri(datetime.date(1900, 1, 1)), "")
