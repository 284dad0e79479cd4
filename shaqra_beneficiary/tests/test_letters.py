from odoo.tests import freeze_time, tagged

from .common import ShaqraCommitteeCommon

MINUTES = "shaqra_beneficiary.shaqra_committee_meeting_report"
DECISION_LETTER = "shaqra_beneficiary.shaqra_request_decision_letter_report"
NOTICE_LETTER = "shaqra_beneficiary.shaqra_notification_letter_report"


@tagged("post_install", "-at_install")
class TestLetters(ShaqraCommitteeCommon):
    """Minutes and decision letters print in Arabic with Hijri dates and words (C8, E3)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.sudo().currency_id = cls.env.ref("base.SAR")

    def _approved_request(self, amount=1500.0, when="2022-10-26 07:00:00"):
        """A request approved by the committee in a meeting held at ``when`` (UTC)."""
        request = self._complete_request()
        with freeze_time(when):
            meeting = self._meeting(request)
            meeting.decision_ids.write({"decision": "approved", "approved_amount": amount})
        return request, meeting

    def _html(self, report, records):
        return self.env["ir.actions.report"]._render_qweb_html(report, records.ids)[0].decode()

    def test_e3_amount_in_arabic_words(self):
        request, _meeting = self._approved_request()
        # res.currency.amount_to_text in Arabic: num2words 0.5.x spells 1500
        # "ألف و خمسمائة" (a space after the "و"), which Arabic joins to its
        # word; the riyal and halala are the currency's Arabic unit names.
        self.assertEqual(request._amount_in_words(1500.0), "ألف وخمسمائة ريال")
        self.assertEqual(request._amount_in_words(1500.5), "ألف وخمسمائة ريال وخمسون هللة")
        self.assertEqual(request._amount_in_words(1.25), "واحد ريال وخمسة وعشرون هللة")
        self.assertEqual(request.approved_amount_words, "ألف وخمسمائة ريال")
        self.assertEqual(
            request._amount_in_words(2750.5), "ألفان وسبعمائة وخمسون ريال وخمسون هللة"
        )
        self.assertEqual(request._amount_in_words(1000000.0), "مليون ريال")
        self.assertEqual(
            request._amount_in_words(1250300.05),
            "مليون ومئتان وخمسون ألفاً وثلاثمائة ريال وخمسة هللة",
        )
        for amount in (1500.0, 2750.5, 1000000.0, 1250300.05, 1.25):
            self.assertNotRegex(request._amount_in_words(amount), r"(^|\s)و\s")
        # The user's language does not change the letter's.
        self.assertEqual(
            request.with_context(lang="en_US")._amount_in_words(1500.0), "ألف وخمسمائة ريال"
        )

    def test_c8_minutes_render_with_hijri_date_and_decisions(self):
        request, meeting = self._approved_request()
        meeting.write({"date": "2022-10-26 07:00:00", "minutes": "<p>Studied the request.</p>"})
        html = self._html(MINUTES, meeting)
        self.assertIn("محضر اجتماع", html)
        self.assertIn("1 ربيع الآخر 1444 هـ", html)
        self.assertIn("26 أكتوبر 2022 م", html)
        self.assertIn(request.name, html)
        self.assertIn("ألف وخمسمائة", html)
        self.assertIn('dir="rtl"', html)

    def test_e3_decision_letter_renders_the_decision(self):
        """The printed decision letter: the beneficiary, the request, the
        meeting, the amount in Arabic words, dated Hijri and Gregorian."""
        request, meeting = self._approved_request()
        self.assertEqual(request.stage_key, "decided")
        html = self._html(DECISION_LETTER, request)
        self.assertIn("1 ربيع الآخر 1444 هـ الموافق 26 أكتوبر 2022 م", html)
        self.assertIn("المكرم / Fatimah Al-Otaibi", html)
        self.assertIn("1000000008", html)
        self.assertIn(f"قرار اللجنة في طلبكم رقم {request.name}", html)
        self.assertIn(f"في اجتماعها رقم {meeting.name}", html)
        self.assertIn("الموافقة على طلبكم", html)
        self.assertIn("فقط ألف وخمسمائة ريال لا غير", html)
        self.assertNotIn("الاعتذار عن قبول طلبكم", html)

    def test_e3_decision_letter_dated_on_the_day_in_riyadh(self):
        # 22:30 UTC on 25 October is 01:30 on 26 October in Riyadh.
        request, _meeting = self._approved_request(when="2022-10-25 22:30:00")
        html = self._html(DECISION_LETTER, request)
        self.assertIn(
            "<strong>التاريخ:</strong> 1 ربيع الآخر 1444 هـ الموافق 26 أكتوبر 2022 م", html
        )
        self.assertIn("فقط ألف وخمسمائة ريال لا غير", html)

    def test_a2_delivered_letter_carries_number_dates_and_decision(self):
        """The decision notice by letter: delivering it renders the numbered
        letter that is kept as proof (A2, E3)."""
        request, _meeting = self._approved_request()
        notice = request.notification_ids.filtered(lambda n: n.kind == "decision")
        self.assertEqual((notice.channel, notice.state), ("letter", "pending"))
        with freeze_time("2022-10-27 08:00:00"):
            notice._deliver()
        self.assertEqual(notice.state, "sent")
        self.assertTrue(notice.letter_number)
        # Tests render reports as HTML (no wkhtmltopdf run): the kept letter.
        html = notice.attachment_id.raw.decode()
        self.assertIn(f"<strong>الرقم:</strong> {notice.letter_number}", html)
        self.assertIn("2 ربيع الآخر 1444 هـ الموافق 27 أكتوبر 2022 م", html)
        self.assertIn("المكرم / Fatimah Al-Otaibi", html)
        self.assertIn(request.name, html)
        self.assertIn("الموافقة على طلبكم", html)
        self.assertIn("فقط ألف وخمسمائة ريال لا غير", html)
        self.assertEqual(request.stage_key, "notified")
        printed = self._html(NOTICE_LETTER, notice)
        self.assertIn(f"<strong>الرقم:</strong> {notice.letter_number}", printed)
        self.assertIn("2 ربيع الآخر 1444 هـ الموافق 27 أكتوبر 2022 م", printed)

    def test_c8_minutes_print_action(self):
        _request, meeting = self._approved_request()
        action = meeting.action_print_minutes()
        # Without a configured document layout Odoo asks for one first.
        report = action.get("report_name") or action["context"]["report_action"]["report_name"]
        self.assertEqual(report, "shaqra_beneficiary.report_shaqra_committee_meeting")
