from datetime import date
from urllib.parse import quote

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ShaqraComplaintCommon
from .common_web import ShaqraComplaintWebCommon


class _CampaignMixin:
    def _campaign(self, category, name="Satisfaction channels"):
        return (
            self.env["shaqra.satisfaction.campaign"]
            .sudo()
            .create(
                {
                    "name": name,
                    "date_from": date(2026, 3, 1),
                    "date_to": date(2026, 3, 31),
                    "audience": "all",
                    "category_ids": [(6, 0, category.ids)],
                }
            )
            .sudo(False)
        )

    def _invitation(self, campaign, beneficiary):
        return campaign.sudo().user_input_ids.filtered(
            lambda i: i.shaqra_beneficiary_id == beneficiary
        )

    def _notice(self, campaign, beneficiary):
        return (
            self.env["shaqra.notification"]
            .sudo()
            .search(
                [
                    ("res_model", "=", campaign._name),
                    ("res_id", "=", campaign.id),
                    ("beneficiary_id", "=", beneficiary.id),
                ]
            )
        )

    def _notices_of(self, beneficiary):
        return self._notice(self.campaign, beneficiary)

    def _answer_overall(self, answer, score):
        overall = self.env.ref("shaqra_complaints.survey_question_overall")
        choice = overall.suggested_answer_ids.filtered(lambda a: a.answer_score == score)
        self.env["survey.user_input.line"].sudo().create(
            {
                "user_input_id": answer.id,
                "question_id": overall.id,
                "answer_type": "suggestion",
                "suggested_answer_id": choice.id,
            }
        )
        answer.sudo()._mark_done()


@tagged("post_install", "-at_install")
class TestSatisfactionChannels(_CampaignMixin, ShaqraComplaintCommon):
    """Policy G1 with A1-A6: the invitation over each agreed channel, and the
    questionnaire filled in by staff on the beneficiary's behalf."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Beneficiary = cls.env["shaqra.beneficiary"]
        cls.sat_category = cls.env["shaqra.beneficiary.category"].create({"name": "Sat channels"})

        def beneficiary(name, national_id, channel, **values):
            return Beneficiary.create(
                {
                    "name": name,
                    "national_id": national_id,
                    "category_id": cls.sat_category.id,
                    "field_id": cls.work_field.id,
                    "preferred_channel": channel,
                    **values,
                }
            )

        cls.ben_whatsapp = beneficiary(
            "Huda Al-Shammari", "1234567897", "whatsapp", whatsapp_number="0551234567"
        )
        cls.ben_letter = beneficiary("Noura Al-Harbi", "2345678904", "letter")
        cls.ben_meeting = beneficiary("Amal Al-Mutairi", "1000000057", "meeting")
        cls.campaign = cls._campaign(cls, cls.sat_category)
        cls.campaign.with_user(cls.user_manager).action_send()

    def test_g1_a3_whatsapp_invitation_click_to_chat_with_survey_link(self):
        answer = self._invitation(self.campaign, self.ben_whatsapp)
        notice = self._notice(self.campaign, self.ben_whatsapp)
        self.assertEqual((notice.channel, notice.state), ("whatsapp", "pending"))
        self.assertTrue(notice.activity_ids, "a person opens the WhatsApp link")
        action = answer.with_user(self.user_manager).action_shaqra_open_whatsapp()
        url = answer.get_base_url() + answer.get_start_url()
        self.assertTrue(action["url"].startswith("https://wa.me/966551234567?text="))
        self.assertIn(quote(url, safe=""), action["url"])
        self.assertEqual(notice.state, "sent")
        self.assertEqual(notice.whatsapp_url, action["url"])
        self.assertTrue(notice.whatsapp_used_on)
        # Opened again later: the same link, the notice stays sent.
        again = answer.with_user(self.user_manager).action_shaqra_open_whatsapp()
        self.assertEqual(again["url"], action["url"])
        with self.assertRaises(UserError):
            self._invitation(self.campaign, self.ben_letter).with_user(
                self.user_manager
            ).action_shaqra_open_whatsapp()
        # The one reminder (G1) goes the same way: its own notice and link.
        self.campaign.with_user(self.user_manager).action_remind()
        reminder = self._notice(self.campaign, self.ben_whatsapp) - notice
        self.assertEqual((reminder.channel, reminder.state), ("whatsapp", "pending"))
        action = answer.with_user(self.user_manager).action_shaqra_open_whatsapp()
        self.assertEqual(reminder.state, "sent")
        self.assertEqual(reminder.whatsapp_url, action["url"])
        self.assertIn(quote(url, safe=""), action["url"])
        self.campaign.with_user(self.user_manager).action_remind()
        self.assertEqual(len(self._notices_of(self.ben_whatsapp)), 2)

    def test_g1_whatsapp_and_on_behalf_for_management_only(self):
        answer = self._invitation(self.campaign, self.ben_whatsapp)
        for user in (self.user_liaison, self.user_reception, self.user_employee):
            with self.assertRaises(AccessError):
                answer.with_user(user).action_shaqra_open_whatsapp()
            with self.assertRaises(AccessError):
                answer.with_user(user).action_shaqra_fill_on_behalf()
        self.assertEqual(self._notice(self.campaign, self.ben_whatsapp).state, "pending")

    def test_g1_a2_letter_carries_the_survey_link(self):
        answer = self._invitation(self.campaign, self.ben_letter)
        notice = self._notice(self.campaign, self.ben_letter)
        self.assertEqual((notice.channel, notice.state), ("letter", "pending"))
        notice.with_user(self.user_manager)._deliver()
        self.assertEqual(notice.state, "sent")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("shaqra_beneficiary.shaqra_notification_letter_report", notice.ids)[
                0
            ]
            .decode()
        )
        self.assertIn(answer.get_start_url(), html)
        self.assertTrue(notice.attachment_id, "the printed letter is kept")

    def test_g1_a1_staff_fill_in_on_behalf_marked_and_counted(self):
        answer = self._invitation(self.campaign, self.ben_meeting)
        self.assertEqual(self._notice(self.campaign, self.ben_meeting).channel, "meeting")
        action = answer.with_user(self.user_manager).action_shaqra_fill_on_behalf()
        self.assertEqual(action["url"], answer.get_start_url())
        self.assertEqual(answer.shaqra_filled_by_id, self.user_manager)
        self.assertTrue(answer.shaqra_filled_on)
        first = answer.shaqra_filled_on
        # Opened again by the same employee: the first mark stays.
        answer.with_user(self.user_manager).action_shaqra_fill_on_behalf()
        self.assertEqual(answer.shaqra_filled_on, first)
        self._answer_overall(answer, 4)
        self.assertEqual(self.campaign.responded_count, 1)
        self.assertEqual(self.campaign.on_behalf_count, 1)
        with self.assertRaises(UserError):
            answer.with_user(self.user_manager).action_shaqra_fill_on_behalf()
        self.assertTrue(answer._shaqra_staff_may_fill(self.user_manager))
        self.assertFalse(answer._shaqra_staff_may_fill(self.user_concerned))

    def test_g1_on_behalf_mark_is_evidence_not_typed(self):
        answer = self._invitation(self.campaign, self.ben_letter)
        for user in (self.user_manager, self.env.ref("base.user_admin")):
            with self.assertRaises(AccessError):
                answer.with_user(user).write({"shaqra_filled_by_id": user.id})
            with self.assertRaises(AccessError):
                answer.with_user(user).write({"shaqra_filled_on": "2026-03-02 10:00:00"})
        self.assertFalse(answer.shaqra_filled_by_id)
        other = self.env["res.users"].browse(self.user_concerned.id)
        answer.with_user(other).action_shaqra_fill_on_behalf()
        with self.assertRaises(UserError):
            answer.with_user(self.user_manager).action_shaqra_fill_on_behalf()
        self.assertEqual(answer.shaqra_filled_by_id, other)


@tagged("post_install", "-at_install")
class TestSatisfactionPortal(_CampaignMixin, ShaqraComplaintWebCommon):
    """Policy G1, A5: the portal invitation on /my, and Odoo's survey page for
    the beneficiary and for staff filling it in on their behalf."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign = cls._campaign(cls, cls.category, name="Portal satisfaction")
        cls.campaign.sudo().action_send()
        cls.answer_one = cls._invitation(cls, cls.campaign, cls.beneficiary_one)
        cls.answer_two = cls._invitation(cls, cls.campaign, cls.beneficiary_two)
        cls.user_sat_manager = cls.env["res.users"].create(
            {
                "name": "Sat Manager",
                "login": "t_sat_manager",
                "password": "t_sat_manager",
                "groups_id": [(6, 0, [cls.env.ref("shaqra_beneficiary.group_manager").id])],
            }
        )

    def test_g1_a5_portal_home_shows_the_pending_invitation(self):
        notice = self._notice(self.campaign, self.beneficiary_one)
        self.assertEqual((notice.channel, notice.state), ("portal", "sent"))
        self.authenticate("t_benef_one", "t_benef_one")
        page = self.url_open("/my").text
        self.assertIn("o_shaqra_portal_surveys", page)
        self.assertIn(self.answer_one.get_start_url(), page)
        self.assertNotIn(self.answer_two.access_token, page)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["shaqra_survey_count"]})
        self.assertEqual(counters["shaqra_survey_count"], 1)
        survey_page = self.url_open(self.answer_one.get_start_url())
        self.assertEqual(survey_page.status_code, 200)
        self.assertIn("o_survey_wrap", survey_page.text)
        self._answer_overall(self.answer_one, 5)
        page = self.url_open("/my").text
        self.assertNotIn(self.answer_one.access_token, page)
        self.assertNotIn("o_shaqra_portal_surveys", page)

    def test_g1_staff_opens_the_survey_only_when_filling_in_on_behalf(self):
        self.authenticate("t_sat_manager", "t_sat_manager")
        before = self.url_open(self.answer_two.get_start_url())
        self.assertNotIn("o_survey_wrap", before.text)
        self.answer_two.with_user(self.user_sat_manager).action_shaqra_fill_on_behalf()
        start = self.url_open(self.answer_two.get_start_url())
        self.assertEqual(start.status_code, 200)
        self.assertIn("o_survey_wrap", start.text)
        # Another beneficiary cannot use the staff's mark.
        self.authenticate("t_benef_one", "t_benef_one")
        other = self.url_open(self.answer_two.get_start_url())
        self.assertNotIn("o_survey_wrap", other.text)
