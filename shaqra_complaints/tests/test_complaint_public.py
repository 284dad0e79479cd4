import html
import re

from odoo.tests import tagged

from .common_web import PDF, ShaqraComplaintWebCommon

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


@tagged("post_install", "-at_install")
class TestComplaintPublicForm(ShaqraComplaintWebCommon):
    """Policy D1: /complaint, with no login, stores a complaint only from a person."""

    def _form(self, **values):
        return dict(
            {
                "kind": "complaint",
                "complainant_name": "Sara Visitor",
                "complainant_mobile": "0551234567",
                "complainant_email": "sara.visitor@example.com",
                "description": "CMP-FORM-DESCRIPTION",
            },
            **values,
        )

    def _counts(self):
        self.env.invalidate_all()
        return (
            self.env["shaqra.complaint"].sudo().search_count([]),
            self.env["shaqra.public.submission"].sudo().search_count([]),
            self.env["ir.attachment"]
            .sudo()
            .search_count([("res_model", "=", "shaqra.complaint")]),
        )

    def test_d1_form_has_csrf_honeypot_and_kinds(self):
        response = self._get("/complaint")
        self.assertEqual(response.status_code, 200)
        self.assertIn('name="csrf_token"', response.text)
        self.assertIn('name="shaqra_hp"', response.text)
        self.assertIn('tabindex="-1"', response.text)
        for key in ("complaint", "dispute", "support", "inquiry"):
            self.assertIn(f'value="{key}"', response.text)
        self.assertIn('name="attachments"', response.text)

    def test_d1_form_in_arabic_right_to_left(self):
        prefix = self._arabic_site()
        response = self._get(f"{prefix}/complaint")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_rtl", response.text, "the page runs right to left")
        for arabic in ("الشكاوى والمقترحات", "ماذا حدث؟", "رقم الجوال", "إرسال"):
            self.assertIn(arabic, response.text)

    def test_d1_complaint_filed_with_tracking_number_link_and_mail(self):
        before = self._counts()
        response = self._post("/complaint", self._form(), files={"attachments": ("scan.pdf", PDF)})
        self.assertEqual(response.status_code, 200, response.text[:500])
        complaint = (
            self.env["shaqra.complaint"]
            .sudo()
            .search([("description", "=", "CMP-FORM-DESCRIPTION")])
        )
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.channel, "website")
        self.assertEqual(complaint.complainant_mobile, "+966551234567")
        self.assertEqual(complaint.complainant_email, "sara.visitor@example.com")
        self.assertFalse(complaint.partner_id, "a visitor's complaint is on no one's file")
        self.assertIn(complaint.name, response.text)
        self.assertIn(f"token={complaint.access_token}", response.text)
        after = self._counts()
        self.assertEqual(after[0], before[0] + 1)
        self.assertEqual(after[1], before[1] + 1, "the accepted submission is counted")
        self.assertEqual(after[2], before[2] + 1)
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", "shaqra.complaint"), ("res_id", "=", complaint.id)])
        )
        self.assertEqual(attachment.mimetype, "application/pdf")
        # One e-mail, not two: the acknowledgement (D2) carries the number
        # and the private link, which stays out of the chatter and the log.
        mails = (
            self.env["mail.mail"]
            .sudo()
            .search([("email_to", "ilike", "sara.visitor@example.com")])
        )
        self.assertEqual(len(mails), 1, "filing sends one e-mail")
        self.assertIn(complaint.name, mails.body_html)
        self.assertIn(complaint.access_token, mails.body_html)
        notice = (
            self.env["shaqra.notification"]
            .sudo()
            .search([("res_model", "=", "shaqra.complaint"), ("res_id", "=", complaint.id)])
        )
        self.assertEqual(notice.kind, "acknowledgement")
        self.assertEqual(notice.state, "sent")
        self.assertNotIn(complaint.access_token, notice.body)
        self.assertFalse(
            complaint.message_ids.filtered(lambda m: complaint.access_token in (m.body or "")),
            "the private link is never posted in the chatter",
        )

    def test_d1_anonymous_only_for_a_complaint(self):
        anonymous = {"complainant_name": "", "complainant_mobile": "", "complainant_email": ""}
        response = self._post("/complaint", self._form(description="CMP-ANONYMOUS", **anonymous))
        self.assertEqual(response.status_code, 200)
        complaint = (
            self.env["shaqra.complaint"].sudo().search([("description", "=", "CMP-ANONYMOUS")])
        )
        self.assertEqual(len(complaint), 1)
        self.assertTrue(complaint.is_anonymous)
        self.assertIn(complaint.name, response.text)

        before = self._counts()
        response = self._post(
            "/complaint", self._form(kind="inquiry", description="CMP-ANON-INQUIRY", **anonymous)
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_shaqra_form_errors", response.text)
        self.assertEqual(self._counts(), before)

    def test_d1_honeypot_stores_nothing(self):
        before = self._counts()
        response = self._post(
            "/complaint",
            self._form(shaqra_hp="http://spam.example.com", description="CMP-BOT"),
            files={"attachments": ("scan.pdf", PDF)},
        )
        self.assertEqual(response.status_code, 200, "a robot sees the thank-you page")
        self.assertIn("o_shaqra_complaint_thanks", response.text)
        self.assertEqual(self._counts(), before, "a robot stores nothing, not even a count")
        self.assertFalse(
            self.env["mail.mail"].sudo().search([("email_to", "ilike", "sara.visitor")])
        )

    def test_d1_rate_limit_per_ip_and_mobile_stores_nothing(self):
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("shaqra.public_limit_ip_hour", 2)
        params.set_param("shaqra.public_limit_mobile_day", 1)
        first = self._post("/complaint", self._form(description="CMP-RATE-1"))
        self.assertNotIn("o_shaqra_form_errors", first.text)
        before = self._counts()
        # Same mobile the same day: refused (M per mobile).
        second = self._post("/complaint", self._form(description="CMP-RATE-2"))
        self.assertIn("o_shaqra_form_errors", second.text)
        self.assertEqual(self._counts(), before)
        # Another mobile: accepted, then the address reaches its hourly limit.
        third = self._post(
            "/complaint", self._form(description="CMP-RATE-3", complainant_mobile="0559999999")
        )
        self.assertNotIn("o_shaqra_form_errors", third.text)
        before = self._counts()
        fourth = self._post(
            "/complaint", self._form(description="CMP-RATE-4", complainant_mobile="0558888888")
        )
        self.assertIn("o_shaqra_form_errors", fourth.text)
        self.assertEqual(self._counts(), before, "a refused submission stores nothing")

    def test_d1_csrf_required(self):
        before = self._counts()
        response = self._post("/complaint", self._form(description="CMP-NO-CSRF"), csrf=False)
        self.assertNotEqual(response.status_code, 200)
        self.assertLess(response.status_code, 500)
        self.assertEqual(self._counts(), before)

    def test_d1_filed_without_files_no_empty_file_note(self):
        """The files' note is there to carry files: none for a complaint without."""
        form = dict(self._form(), description="CMP-NO-FILES")
        response = self._post("/complaint", form)
        self.assertEqual(response.status_code, 200, response.text[:500])
        complaint = (
            self.env["shaqra.complaint"].sudo().search([("description", "=", "CMP-NO-FILES")])
        )
        self.assertEqual(len(complaint), 1)
        self.assertFalse(
            complaint.message_ids.filtered(lambda m: "file(s)" in (m.body or "")),
            "no note of zero files",
        )
        self.assertTrue(complaint.notification_ids, "the acknowledgement is given all the same")

    def test_d1_attachments_type_and_size_refused_with_a_message(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "shaqra_beneficiary.portal_upload_max_mb", 1
        )
        bad_files = {
            "exe_named_pdf": ("scan.pdf", EXE),
            "exe": ("setup.exe", EXE),
            "pdf_named_png": ("photo.png", PDF),
            "oversize": ("big.pdf", PDF + b"0" * (1024 * 1024 + 10)),
            "empty": ("empty.pdf", b""),
        }
        for case, (name, content) in bad_files.items():
            with self.subTest(case=case):
                before = self._counts()
                response = self._post(
                    "/complaint",
                    self._form(description=f"CMP-FILE-{case}"),
                    files={"attachments": (name, content)},
                )
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_shaqra_form_errors", response.text)
                self.assertIn(name, response.text, "the message names the refused file")
                self.assertEqual(self._counts(), before)

    def test_d1_malformed_fields_answer_with_a_message(self):
        cases = {
            "kind": {"kind": "pigeon"},
            "mobile_letters": {"complainant_mobile": "abcdefgh"},
            "mobile_html": {"complainant_mobile": "<script>1</script>"},
            "email": {"complainant_email": "not-an-email"},
            "description_empty": {"description": "   "},
            "description_long": {"description": "ا" * 6000},
            "name_long": {"complainant_name": "ا" * 300},
        }
        for case, values in cases.items():
            with self.subTest(case=case):
                before = self._counts()
                response = self._post("/complaint", self._form(**values))
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_shaqra_form_errors", response.text)
                self.assertEqual(self._counts(), before)

    def test_d1_logged_in_beneficiary_files_on_own_record_only(self):
        self.authenticate("t_benef_two", "t_benef_two")
        response = self._post(
            "/complaint",
            self._form(
                description="CMP-FROM-TWO",
                partner_id=self.user_one.partner_id.id,
                beneficiary_id=self.beneficiary_one.id,
            ),
        )
        self.assertEqual(response.status_code, 200)
        complaint = (
            self.env["shaqra.complaint"].sudo().search([("description", "=", "CMP-FROM-TWO")])
        )
        self.assertEqual(complaint.beneficiary_id, self.beneficiary_two)
        self.assertEqual(complaint.partner_id, self.user_two.partner_id)
        self.assertEqual(complaint.channel, "portal")


@tagged("post_install", "-at_install")
class TestComplaintStatusPage(ShaqraComplaintWebCommon):
    """Policy D1: the complainant follows the complaint with the private link only."""

    def test_d1_status_needs_number_and_token(self):
        ok = self._get(self._status_url(self.complaint_public))
        self.assertEqual(ok.status_code, 200)
        self.assertIn("CMP-SECRET-DESCRIPTION-OF-PUBLIC", ok.text)
        # The token in the address is never passed on to another site.
        self.assertIn('<meta name="referrer" content="no-referrer"/>', ok.text)
        number = self.complaint_public.name
        wrong = self.token_public[:-4] + ("0000" if self.token_public[-4:] != "0000" else "1111")
        answers = {
            "number alone": self._get(f"/complaint/status?number={number}"),
            "empty token": self._get(f"/complaint/status?number={number}&token="),
            "wrong token": self._get(f"/complaint/status?number={number}&token={wrong}"),
            "other's token": self._get(
                f"/complaint/status?number={number}&token={self.token_one_complaint}"
            ),
            "token alone": self._get(f"/complaint/status?token={self.token_public}"),
            "unknown number": self._get(f"/complaint/status?number=SHK-1999-99999&token={wrong}"),
        }
        reference = self._page(answers["unknown number"])
        for label, response in answers.items():
            with self.subTest(case=label):
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("CMP-SECRET", response.text)
                self.assertNotIn(self.token_public, response.text)
                self.assertEqual(
                    self._page(response), reference, "the same page as an unknown number"
                )

    def test_d1_status_shows_public_messages_never_internal_notes(self):
        complaint = self.complaint_public
        complaint.message_post(body="CMP-INTERNAL-NOTE", subtype_xmlid="mail.mt_note")
        complaint.message_post(
            body="CMP-ANSWER-FOR-YOU", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        complaint.sudo().write({"date_deadline": "2026-12-20"})
        response = self._get(self._status_url(complaint))
        self.assertEqual(response.status_code, 200)
        self.assertIn("CMP-ANSWER-FOR-YOU", response.text)
        self.assertNotIn("CMP-INTERNAL-NOTE", response.text)
        # 20 December 2026 is 10 Jumada al-Akhirah 1448 (Umm al-Qura).
        deadline = response.text.split("o_shaqra_complaint_deadline", 1)[1][:600]
        self.assertIn("1448", deadline)
        self.assertIn("2026", deadline)

    def test_d1_resend_answers_identically_and_mails_the_address_on_file(self):
        Mail = self.env["mail.mail"].sudo()
        number = self.complaint_public.name
        already = Mail.search([])
        attempts = {
            "right": {"number": number, "email": "PUBLIC.person@example.com"},
            "other address": {"number": number, "email": "attacker@example.com"},
            "unknown number": {"number": "SHK-1999-99999", "email": "attacker@example.com"},
            "no address on file": {
                "number": self.complaint_two.name,
                "email": "attacker@example.com",
            },
            "robot": {"number": number, "email": "public.person@example.com", "shaqra_hp": "x"},
        }
        pages = {}
        for label, data in attempts.items():
            response = self._post("/complaint/status/resend", data)
            self.assertEqual(response.status_code, 200, label)
            pages[label] = self._page(response)
        self.assertEqual(len(set(pages.values())), 1, "every answer is the same page")
        self.assertFalse(Mail.search([("email_to", "ilike", "attacker@example.com")]))
        sent = Mail.search([("email_to", "ilike", "public.person@example.com")]) - already
        self.assertEqual(len(sent), 1, "only the right pair sends, to the address on file")
        self.assertIn(self.token_public, sent.body_html)

    def test_d1_add_information_with_files(self):
        complaint = self.complaint_public
        url = "/complaint/status/information"
        link = {"number": complaint.name, "token": self.token_public}
        messages = len(complaint.message_ids)
        response = self._post(
            url,
            dict(link, information="CMP-MORE-INFO"),
            files={"attachments": ("proof.pdf", PDF)},
        )
        self.assertEqual(response.status_code, 303, response.text[:300])
        self.assertIn("information_added", response.headers["Location"])
        complaint.invalidate_recordset()
        message = complaint.message_ids.filtered(lambda m: "CMP-MORE-INFO" in (m.body or ""))
        self.assertEqual(len(message), 1)
        self.assertEqual(message.attachment_ids.name, "proof.pdf")
        self.assertFalse(message.subtype_id.internal)
        # A wrong token adds nothing; a refused file neither.
        response = self._post(url, dict(link, token="x" * 32, information="CMP-INTRUDER"))
        self.assertEqual(response.status_code, 404)
        response = self._post(
            url, dict(link, information="CMP-BAD-FILE"), files={"attachments": ("a.pdf", EXE)}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_shaqra_form_errors", response.text)
        complaint.invalidate_recordset()
        self.assertEqual(len(complaint.message_ids), messages + 1)

    def test_g1_rating_saved_on_post_only(self):
        complaint = self._close(self.complaint_public)
        link = {"number": complaint.name, "token": self.token_public}
        # A mail link scanner follows GET links: nothing is saved.
        get_rating = self._get(
            f"/complaint/status/rating?number={complaint.name}&token={self.token_public}&rating=5"
        )
        self.assertIn(get_rating.status_code, (404, 405))
        page = self._get(self._status_url(complaint, rating=5))
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_shaqra_complaint_rating_form", page.text)
        self.assertFalse(complaint._portal_rating())
        # Wrong token: nothing.
        response = self._post("/complaint/status/rating", dict(link, token="y" * 32, rating="1"))
        self.assertEqual(response.status_code, 404)
        self.assertFalse(complaint._portal_rating())
        # Out of range: a message, nothing saved.
        response = self._post("/complaint/status/rating", dict(link, rating="9"))
        self.assertIn("o_shaqra_form_errors", response.text)
        self.assertFalse(complaint._portal_rating())
        response = self._post(
            "/complaint/status/rating", dict(link, rating="4", comment="CMP-RATING-COMMENT")
        )
        self.assertEqual(response.status_code, 303)
        rating = complaint._portal_rating()
        self.assertEqual(rating.rating, 4)
        self.assertEqual(rating.feedback, "CMP-RATING-COMMENT")
        # Once only.
        response = self._post("/complaint/status/rating", dict(link, rating="1"))
        self.assertIn("o_shaqra_form_errors", response.text)
        self.assertEqual(complaint._portal_rating().rating, 4)

    def test_g1_no_rating_before_the_answer(self):
        complaint = self.complaint_public
        response = self._post(
            "/complaint/status/rating",
            {"number": complaint.name, "token": self.token_public, "rating": "5"},
        )
        self.assertIn("o_shaqra_form_errors", response.text)
        self.assertFalse(complaint._portal_rating())

    def test_g1_mailed_rating_links_save_nothing_on_get(self):
        """A mail scanner following the satisfaction e-mail's links rates nothing."""
        complaint = self._close(self.complaint_one)
        template = self.env.ref("shaqra_complaints.mail_template_complaint_rating")
        body = template._render_field("body_html", complaint.ids)[complaint.id]
        links = re.findall(r'href="([^"]+)"', str(body))
        self.assertEqual(len(links), 3, body)
        base_url = complaint.get_base_url()
        for link in links:
            self.assertNotIn("/rate/", link, "Odoo's /rate/ saves the rating on GET")
            self.assertIn(f"token={complaint.access_token}", link)
            response = self._get(html.unescape(link).replace(base_url, ""))
            self.assertEqual(response.status_code, 200)
            self.assertIn("o_shaqra_complaint_rating_form", response.text)
            self.assertIn("checked", response.text.split("o_shaqra_complaint_rating_form")[1])
        complaint.invalidate_recordset()
        self.assertFalse(complaint._portal_rating(), "a GET saved a rating")
        self.assertFalse(complaint.rating_ids.filtered("consumed"))
        # Confirming on the page (POST) saves it.
        response = self._post(
            "/complaint/status/rating",
            {"number": complaint.name, "token": complaint.access_token, "rating": "5"},
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(complaint._portal_rating().rating, 5)
