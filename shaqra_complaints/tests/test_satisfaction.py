import base64
import io
from datetime import date, datetime, timedelta

import openpyxl
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ShaqraComplaintCommon


@tagged("post_install", "-at_install")
class TestSatisfaction(ShaqraComplaintCommon):
    """Policy G1: satisfaction campaigns, their audience, invitations over the
    agreed channel, results, the dissatisfied follow-up, reminders; G2-G4 visits."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        Beneficiary = env["shaqra.beneficiary"]

        def beneficiary(name, national_id, channel, **values):
            return Beneficiary.create(
                {
                    "name": name,
                    "national_id": national_id,
                    "category_id": cls.category.id,
                    "field_id": cls.work_field.id,
                    "preferred_channel": channel,
                    **values,
                }
            )

        cls.ben_letter = beneficiary("Noura Al-Harbi", "1234567897", "letter")
        cls.ben_old = beneficiary(
            "Sara Al-Qahtani", "2345678904", "email", email="sara@example.com"
        )
        cls.ben_unserved = beneficiary(
            "Reem Al-Dosari", "2222222222", "email", email="reem@example.com"
        )
        cls.in_period = datetime(2026, 3, 10, 9, 0)

        def answered(ben, when):
            request = env["shaqra.request"].create(
                {"beneficiary_id": ben.id, "service_type_id": cls.service.id}
            )
            request.write({"date_answered": when})
            return request

        # Fatimah: two requests answered in March (one invitation only).
        answered(cls.beneficiary, cls.in_period)
        answered(cls.beneficiary, datetime(2026, 3, 31, 20, 0))
        # Noura: a complaint answered in March.
        complaint = env["shaqra.complaint"].create(
            {
                "kind": "complaint",
                "channel": "meeting",
                "beneficiary_id": cls.ben_letter.id,
                "service_type_id": cls.service.id,
                "description": "Late aid",
            }
        )
        complaint.write({"date_answered": datetime(2026, 3, 15, 10, 0)})
        # Sara: answered in February, outside the period; Reem: never answered.
        answered(cls.ben_old, datetime(2026, 2, 27, 10, 0))
        cls.campaign = env["shaqra.satisfaction.campaign"].create(
            {
                "name": "Satisfaction March 2026",
                "date_from": date(2026, 3, 1),
                "date_to": date(2026, 3, 31),
                "recurrence": "monthly",
            }
        )
        cls.overall = env.ref("shaqra_complaints.survey_question_overall")

    def _notices(self, beneficiary):
        return self.env["shaqra.notification"].search(
            [
                ("res_model", "=", "shaqra.satisfaction.campaign"),
                ("res_id", "=", self.campaign.id),
                ("beneficiary_id", "=", beneficiary.id),
            ]
        )

    def _answer(self, beneficiary, score):
        answer = self.campaign.user_input_ids.filtered(
            lambda i: i.shaqra_beneficiary_id == beneficiary
        )
        choice = self.overall.suggested_answer_ids.filtered(lambda a: a.answer_score == score)
        self.env["survey.user_input.line"].create(
            {
                "user_input_id": answer.id,
                "question_id": self.overall.id,
                "answer_type": "suggestion",
                "suggested_answer_id": choice.id,
            }
        )
        answer._mark_done()
        return answer

    def test_g1_seeded_questionnaire(self):
        """The standard Arabic questionnaire is seeded with a scored overall question."""
        survey = self.campaign.survey_id
        self.assertEqual(survey, self.env.ref("shaqra_complaints.survey_beneficiary_satisfaction"))
        self.assertEqual(self.campaign.overall_question_id, self.overall)
        self.assertEqual(len(survey.question_ids), 7)
        self.assertEqual(
            sorted(self.overall.suggested_answer_ids.mapped("answer_score")), [1, 2, 3, 4, 5]
        )

    def test_g1_audience_served_in_period_once(self):
        """Only beneficiaries answered in the period, each once."""
        audience = self.campaign._audience_beneficiaries()
        self.assertEqual(audience, self.beneficiary | self.ben_letter)
        self.campaign.category_ids = self.env["shaqra.beneficiary.category"].create(
            {"name": "Orphans sat"}
        )
        self.assertFalse(self.campaign._audience_beneficiaries())

    def test_g1_one_invitation_per_beneficiary_even_sent_twice(self):
        self.campaign.with_user(self.user_manager).action_send()
        self.campaign.with_user(self.user_manager).action_send()
        inputs = self.campaign.user_input_ids
        self.assertEqual(inputs.shaqra_beneficiary_id, self.beneficiary | self.ben_letter)
        self.assertEqual(len(inputs), 2)
        self.assertEqual(inputs.partner_id, (self.beneficiary | self.ben_letter).partner_id)
        self.assertEqual(self.campaign.state, "sent")
        self.assertEqual(len(self._notices(self.beneficiary)), 1)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.campaign.survey_id._create_answer(
                partner=self.beneficiary.partner_id,
                check_attempts=False,
                shaqra_campaign_id=self.campaign.id,
                shaqra_beneficiary_id=self.beneficiary.id,
            )
            self.env.flush_all()

    def test_g1_invitation_logged_per_channel(self):
        """E-mail goes out at once with the personal link; a letter waits with its activity."""
        self.campaign.action_send()
        by_email = self._notices(self.beneficiary)
        self.assertEqual(by_email.channel, "email")
        self.assertEqual(by_email.state, "sent")
        answer = self.campaign.user_input_ids.filtered(
            lambda i: i.shaqra_beneficiary_id == self.beneficiary
        )
        self.assertIn(answer.access_token, by_email.body)
        by_letter = self._notices(self.ben_letter)
        self.assertEqual(by_letter.channel, "letter")
        self.assertEqual(by_letter.state, "pending")
        self.assertTrue(by_letter.activity_ids)
        self.assertEqual(self.campaign.notification_count, 2)

    def test_g1_response_rate(self):
        self.campaign.action_send()
        self.assertEqual((self.campaign.invited_count, self.campaign.responded_count), (2, 0))
        self._answer(self.beneficiary, 5)
        self.assertEqual(self.campaign.responded_count, 1)
        self.assertAlmostEqual(self.campaign.response_rate, 50.0)
        self.assertAlmostEqual(self.campaign.average_score, 5.0)
        self._answer(self.ben_letter, 2)
        self.assertAlmostEqual(self.campaign.response_rate, 100.0)
        self.assertAlmostEqual(self.campaign.average_score, 3.5)

    def test_g1_g6_results_per_question_by_category_and_officer(self):
        """The average score of each question, by category and liaison officer,
        for management; counted by the database (a SQL view)."""
        self.campaign.action_send()
        self._answer(self.beneficiary, 5)
        self._answer(self.ben_letter, 2)
        self.env.flush_all()
        Report = self.env["shaqra.satisfaction.report"].with_user(self.user_manager)
        domain = [("campaign_id", "=", self.campaign.id)]
        self.assertEqual(
            Report._read_group(domain, ["question_id"], ["score:avg", "answer_count:sum"]),
            [(self.overall, 3.5, 2)],
        )
        expected = {}
        for beneficiary, score in ((self.beneficiary, 5.0), (self.ben_letter, 2.0)):
            expected.setdefault(beneficiary.category_id, []).append(score)
        self.assertEqual(
            dict(Report._read_group(domain, ["category_id"], ["score:avg"])),
            {category: sum(scores) / len(scores) for category, scores in expected.items()},
        )
        by_beneficiary = dict(Report._read_group(domain, ["beneficiary_id"], ["score:avg"]))
        self.assertEqual(by_beneficiary, {self.beneficiary: 5.0, self.ben_letter: 2.0})
        rows = Report.search(domain)
        self.assertEqual(
            rows.liaison_user_id, (self.beneficiary | self.ben_letter).liaison_user_id
        )
        action = self.campaign.with_user(self.user_manager).action_view_results()
        self.assertEqual(action["res_model"], "shaqra.satisfaction.report")
        self.assertEqual(action["domain"], domain)
        with self.assertRaises(AccessError):
            Report.with_user(self.user_liaison).search(domain)

    def test_g1_dissatisfied_follow_up_once(self):
        """A dissatisfied answer gives the liaison officer one follow-up activity."""
        self.campaign.action_send()
        before = self.beneficiary.activity_ids
        answer = self._answer(self.beneficiary, 1)
        activity = self.beneficiary.activity_ids - before
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user_liaison)
        # The officer reads the answer on the activity, question by question.
        choice = self.overall.suggested_answer_ids.filtered(lambda a: a.answer_score == 1)
        self.assertIn(self.overall.title, str(activity.note))
        self.assertIn(choice.value, str(activity.note))
        self.assertTrue(answer.shaqra_followup_done)
        answer._mark_done()
        self.assertEqual(self.beneficiary.activity_ids - before, activity)

    def test_g1_satisfied_answer_no_follow_up(self):
        self.campaign.action_send()
        before = self.beneficiary.activity_ids
        answer = self._answer(self.beneficiary, 4)
        self.assertFalse(self.beneficiary.activity_ids - before)
        self.assertFalse(answer.shaqra_followup_done)

    def test_g1_reminders_once_to_non_respondents(self):
        self.campaign.action_send()
        self._answer(self.beneficiary, 5)
        self.campaign.action_remind()
        self.campaign.action_remind()
        self.assertEqual(len(self._notices(self.beneficiary)), 1)
        self.assertEqual(len(self._notices(self.ben_letter)), 2)
        pending = self.campaign.user_input_ids.filtered(lambda i: i.state != "done")
        self.assertTrue(pending.shaqra_reminded)

    def test_g1_cron_opens_the_next_period_once(self):
        self.campaign.action_send()
        Campaign = self.env["shaqra.satisfaction.campaign"]
        Campaign._cron_satisfaction()
        following = self.campaign.next_campaign_id
        self.assertEqual(
            (following.date_from, following.date_to), (date(2026, 4, 1), date(2026, 4, 30))
        )
        self.assertEqual(following.state, "draft")
        Campaign._cron_satisfaction()
        self.assertEqual(Campaign.search_count([("date_from", "=", date(2026, 4, 1))]), 1)

    def test_g1_cron_reminds_once_after_a_week(self):
        self.campaign.action_send()
        Campaign = self.env["shaqra.satisfaction.campaign"]
        Campaign._cron_satisfaction()
        self.assertFalse(self.campaign.user_input_ids.filtered("shaqra_reminded"))
        self.campaign.date_sent = datetime.now() - timedelta(days=8)
        Campaign._cron_satisfaction()
        Campaign._cron_satisfaction()
        self.assertTrue(all(self.campaign.user_input_ids.mapped("shaqra_reminded")))
        self.assertEqual(len(self._notices(self.beneficiary)), 2)
        self.assertEqual(len(self._notices(self.ben_letter)), 2)

    def test_g1_campaigns_for_management_only(self):
        with self.assertRaises(AccessError):
            self.campaign.with_user(self.user_liaison).read(["name"])
        self.assertEqual(
            self.campaign.with_user(self.user_manager).name, "Satisfaction March 2026"
        )

    def test_g2_g4_visits_on_the_file_and_visitor_sees_own(self):
        Visit = self.env["shaqra.visit"]
        mine = Visit.with_user(self.user_liaison).create(
            {"visit_type": "field_survey", "beneficiary_id": self.beneficiary.id, "score": 80}
        )
        self.assertEqual(mine.visitor_id, self.officer)
        other = Visit.create(
            {
                "visit_type": "interview",
                "beneficiary_id": self.beneficiary.id,
                "visitor_id": self.employee_concerned.id,
            }
        )
        self.assertEqual(self.beneficiary.visit_count, 2)
        self.assertEqual(Visit.with_user(self.user_liaison).search([]), mine)
        with self.assertRaises(AccessError):
            other.with_user(self.user_liaison).read(["findings"])
        with self.assertRaises(ValidationError):
            Visit.create({"visit_type": "supervisory", "visitor_id": self.officer.id})
        action = self.beneficiary.action_view_visits()
        self.assertEqual(self.env["shaqra.visit"].search(action["domain"]), mine | other)


@tagged("post_install", "-at_install")
class TestGovernanceExport(ShaqraComplaintCommon):
    """Policy G5, G6, C6: the governance evidence pack, opened as a workbook."""

    def test_g6_evidence_pack_summary_and_c6_sheet(self):
        Request = self.env["shaqra.request"]

        def answered(when, met, days):
            request = Request.create(
                {"beneficiary_id": self.beneficiary.id, "service_type_id": self.service.id}
            )
            request.write(
                {
                    "date_answered": when,
                    "deadline_met": met,
                    "working_days_taken": days,
                    "date_deadline": date(2026, 3, 20),
                }
            )
            return request

        on_time = answered(datetime(2026, 3, 5, 9, 0), True, 4)
        late = answered(datetime(2026, 3, 25, 9, 0), False, 19)
        answered(datetime(2026, 4, 2, 9, 0), True, 3)  # outside the period
        self.env["shaqra.visit"].create(
            {
                "visit_type": "field_survey",
                "beneficiary_id": self.beneficiary.id,
                "visitor_id": self.officer.id,
                "date": date(2026, 3, 12),
                "state": "done",
            }
        )
        wizard = (
            self.env["shaqra.governance.export"]
            .with_user(self.user_manager)
            .create({"date_from": date(2026, 3, 1), "date_to": date(2026, 3, 31)})
        )
        wizard.action_export()
        self.assertTrue(wizard.file_name.endswith(".xlsx"))
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file)))
        self.assertEqual(book.sheetnames[:2], ["Summary", "C6 Deadlines"])
        summary = {
            row[0]: row[1] for row in book["Summary"].iter_rows(min_row=4, values_only=True)
        }
        self.assertEqual(summary["Requests answered (C6)"], 2)
        self.assertEqual(summary["Answered within the deadline (C6)"], 1)
        self.assertEqual(summary["Answered late (C6)"], 1)
        self.assertEqual(summary["Deadlines met (%)"], 50)
        self.assertEqual(summary["Visits done (G2-G4)"], 1)
        rows = list(book["C6 Deadlines"].iter_rows(min_row=2, values_only=True))
        self.assertEqual([row[0] for row in rows], [on_time.name, late.name])
        self.assertEqual([row[6] for row in rows], [4, 19])
        self.assertEqual([row[7] for row in rows], ["Yes", "No"])
        self.assertEqual(rows[1][4], "2026-03-25")
        self.assertTrue(rows[1][5])
        self.assertTrue(book["C6 Deadlines"].sheet_view.rightToLeft)

    def test_g6_evidence_pack_for_management_only(self):
        with self.assertRaises(AccessError):
            self.env["shaqra.governance.export"].with_user(self.user_liaison).create(
                {"date_from": date(2026, 3, 1), "date_to": date(2026, 3, 31)}
            )
