from odoo.tests import tagged

from .common_committee import ShaqraCommitteeCommon


@tagged("post_install", "-at_install")
class TestLetters(ShaqraCommitteeCommon):
    """Minutes and decision letters print in Arabic with Hijri dates and words (C8, E3)."""

    def _approved_request(self, amount=1500.0):
        request = self._complete_request()
        meeting = self._meeting(request)
        meeting.decision_ids.write({"decision": "approved", "approved_amount": amount})
        return request, meeting

    def test_e3_amount_in_arabic_words(self):
        request, _meeting = self._approved_request()
        words = request._amount_in_words(1500.0)
        # num2words 0.5.x spells 1500 "ألف و خمسمائة" (a space after the "و").
        self.assertTrue(words.startswith("ألف و خمسمائة"))
        sar = self.env.ref("base.SAR")
        request.company_id.sudo().currency_id = sar
        self.assertEqual(request._amount_in_words(1500.0), "ألف و خمسمائة ريال سعودي")
        self.assertEqual(request._amount_in_words(1500.5), "ألف و خمسمائة ريال سعودي وخمسون هللة")
        self.assertEqual(request.approved_amount_words, "ألف و خمسمائة ريال سعودي")

    def test_c8_minutes_render_with_hijri_date_and_decisions(self):
        request, meeting = self._approved_request()
        meeting.write({"date": "2022-10-26 07:00:00", "minutes": "<p>Studied the request.</p>"})
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("shaqra_beneficiary.shaqra_committee_meeting_report", meeting.ids)[
                0
            ]
            .decode()
        )
        self.assertIn("محضر اجتماع", html)
        self.assertIn("1 ربيع الآخر 1444 هـ", html)
        self.assertIn("26 أكتوبر 2022 م", html)
        self.assertIn(request.name, html)
        self.assertIn("ألف و خمسمائة", html)
        self.assertIn('dir="rtl"', html)

    def test_e3_decision_letter_renders_amount_in_words(self):
        request, _meeting = self._approved_request()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "shaqra_beneficiary.shaqra_request_decision_letter_report", request.ids
            )[0]
            .decode()
        )
        self.assertIn("الموافقة على طلبكم", html)
        self.assertIn(request.approved_amount_words, html)
        self.assertIn("هـ", html)
        self.assertIn(self.beneficiary.name, html)

    def test_c8_minutes_print_action(self):
        _request, meeting = self._approved_request()
        action = meeting.action_print_minutes()
        # Without a configured document layout Odoo asks for one first.
        report = action.get("report_name") or action["context"]["report_action"]["report_name"]
        self.assertEqual(report, "shaqra_beneficiary.report_shaqra_committee_meeting")
