import base64
from datetime import date, datetime, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.shaqra_beneficiary.tools.hijri import format_hijri

from .common import ShaqraComplaintCommon

# The smallest valid PNG (1 x 1 pixel).
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


@tagged("post_install", "-at_install")
class TestVisit(ShaqraComplaintCommon):
    """Policy G2-G4: visits planned in the visitor's calendar, their
    questionnaire, photos, follow-up actions, evidence of completion and
    the visit report."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.planned = datetime(2026, 3, 10, 7, 0)
        cls.visit = (
            cls.env["shaqra.visit"]
            .with_user(cls.user_liaison)
            .create(
                {
                    "visit_type": "field_survey",
                    "beneficiary_id": cls.beneficiary.id,
                    "date_planned": cls.planned,
                }
            )
            .with_env(cls.env)
        )

    def _fill(self, visit, user):
        """Fill the visit's questionnaire in as ``user`` (first answer of each
        choice question, a note for text questions)."""
        visit.with_user(user).action_fill_questionnaire()
        answer = visit.sudo().user_input_ids
        for question in answer.survey_id.question_ids:
            if question.question_type == "simple_choice":
                answer._save_lines(question, question.suggested_answer_ids[0].id)
            else:
                answer._save_lines(question, "VISIT-NOTE: roof leaks")
        answer._mark_done()
        return answer

    def test_g2_visit_creates_calendar_event(self):
        event = self.visit.calendar_event_id
        self.assertTrue(event)
        self.assertEqual(event.start, self.planned)
        self.assertEqual(event.stop, self.planned + timedelta(hours=1))
        self.assertIn(self.user_liaison.partner_id, event.partner_ids)
        self.assertEqual(event.user_id, self.user_liaison)
        self.assertEqual((event.res_model, event.res_id), ("shaqra.visit", self.visit.id))
        self.assertEqual(self.visit.date, date(2026, 3, 10))
        # Moved: the same event moves; another visitor: they are invited instead.
        self.visit.with_user(self.user_liaison).date_planned = self.planned + timedelta(days=2)
        self.assertEqual(self.visit.calendar_event_id, event)
        self.assertEqual(event.start, self.planned + timedelta(days=2))
        self.assertEqual(self.visit.date, date(2026, 3, 12))
        self.visit.visitor_id = self.employee_concerned
        self.assertEqual(event.partner_ids, self.user_concerned.partner_id)
        # Cancelled: the event is removed.
        self.visit.action_cancel()
        self.assertFalse(event.exists())
        self.assertFalse(self.visit.calendar_event_id)

    def test_g3_visit_without_time_is_an_all_day_event_removed_with_the_visit(self):
        department = self.env["hr.department"].create({"name": "Visited office"})
        visit = self.env["shaqra.visit"].create(
            {
                "visit_type": "supervisory",
                "department_id": department.id,
                "visitor_id": self.employee_concerned.id,
                "date": date(2026, 4, 5),
            }
        )
        event = visit.calendar_event_id
        self.assertTrue(event.allday)
        self.assertEqual(event.start_date, date(2026, 4, 5))
        visit.unlink()
        self.assertFalse(event.exists())

    def test_g2_g4_questionnaire_per_visit_type(self):
        expected = {
            "field_survey": "shaqra_complaints.survey_visit_field_survey",
            "supervisory": "shaqra_complaints.survey_visit_supervisory",
            "interview": "shaqra_complaints.survey_visit_interview",
        }
        for visit_type, xmlid in expected.items():
            survey = self.env.ref(xmlid)
            self.assertTrue(3 <= len(survey.question_ids) <= 5, "a short questionnaire")
            self.assertTrue(all(q.title for q in survey.question_ids))
            self.assertEqual(
                self.env["shaqra.visit"].new({"visit_type": visit_type}).survey_id, survey
            )
        self.assertEqual(
            self.visit.sudo().survey_title, self.env.ref(expected["field_survey"]).title
        )

    def test_g2_visitor_fills_the_questionnaire_linked_to_the_visit(self):
        action = self.visit.with_user(self.user_liaison).action_fill_questionnaire()
        answer = self.visit.sudo().user_input_ids
        self.assertEqual(len(answer), 1)
        self.assertEqual(answer.shaqra_visit_id, self.visit)
        self.assertEqual(answer.partner_id, self.user_liaison.partner_id)
        self.assertEqual(action["url"], answer.get_start_url())
        self.assertEqual(self.visit.survey_state, "in_progress")
        # Opened again (the phone lost the page): the same answer.
        self.visit.with_user(self.user_liaison).action_fill_questionnaire()
        self.assertEqual(self.visit.sudo().user_input_ids, answer)
        self.assertTrue(answer._shaqra_staff_may_fill(self.user_manager))
        self.assertFalse(answer._shaqra_staff_may_fill(self.user_reception))
        self._fill(self.visit, self.user_liaison)
        self.visit.invalidate_recordset()
        self.assertEqual(self.visit.survey_state, "done")
        with self.assertRaises(UserError):
            self.visit.with_user(self.user_liaison).action_fill_questionnaire()
        with self.assertRaises(AccessError):
            self.visit.with_user(self.user_reception).action_fill_questionnaire()

    def test_g2_photos_images_only_and_size_limit(self):
        Attachment = self.env["ir.attachment"]
        photo = Attachment.create({"name": "house.png", "raw": PNG, "mimetype": "image/png"})
        self.visit.with_user(self.user_liaison).photo_ids = [(4, photo.id)]
        self.assertEqual(self.visit.photo_ids, photo)
        pdf = Attachment.create(
            {"name": "notes.pdf", "raw": b"%PDF-1.4 tiny", "mimetype": "application/pdf"}
        )
        with self.assertRaises(ValidationError):
            self.visit.photo_ids = [(4, pdf.id)]
        huge = Attachment.create(
            {"name": "huge.png", "raw": PNG + b"0" * (5 * 1024 * 1024), "mimetype": "image/png"}
        )
        with self.assertRaises(ValidationError):
            self.visit.photo_ids = [(4, huge.id)]

    def test_g2_done_sets_evidence_and_freezes_the_visit(self):
        Visit = self.env["shaqra.visit"].with_user(self.user_liaison)
        with self.assertRaises(AccessError):
            self.visit.with_user(self.user_liaison).write({"state": "done"})
        for user in (self.user_manager, self.env.ref("base.user_admin")):
            with self.assertRaises(AccessError):
                self.visit.with_user(user).write({"done_by_id": user.id})
            with self.assertRaises(AccessError):
                Visit.with_user(user).create(
                    {
                        "visit_type": "interview",
                        "beneficiary_id": self.beneficiary.id,
                        "state": "done",
                    }
                )
        self.visit.with_user(self.user_liaison).write(
            {"findings": "<p>VISIT-FINDINGS: the roof leaks</p>", "score": 60}
        )
        self.visit.with_user(self.user_liaison).action_done()
        self.assertEqual(self.visit.state, "done")
        self.assertEqual(self.visit.done_by_id, self.user_liaison)
        self.assertTrue(self.visit.done_on)
        self.assertTrue(self.visit.calendar_event_id, "a done visit stays in the calendar")
        photo = self.env["ir.attachment"].create(
            {"name": "late.png", "raw": PNG, "mimetype": "image/png"}
        )
        for vals in (
            {"score": 90},
            {"findings": "<p>Changed</p>"},
            {"photo_ids": [(4, photo.id)]},
        ):
            with self.assertRaises(UserError):
                self.visit.with_user(self.user_manager).write(vals)
        with self.assertRaises(UserError):
            self.visit.with_user(self.user_liaison).action_done()
        with self.assertRaises(UserError):
            self.visit.with_user(self.user_liaison).action_cancel()
        self.assertEqual(self.visit.score, 60)

    def test_g2_followups_and_report_with_hijri_answers_and_actions(self):
        self._fill(self.visit, self.user_liaison)
        self.visit.with_user(self.user_liaison).write(
            {"findings": "<p>VISIT-FINDINGS: the roof leaks</p>", "score": 60}
        )
        deadline = date(2026, 3, 20)
        activity = self.visit.with_user(self.user_liaison).activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=deadline,
            summary="VISIT-ACTION: refer the repair request",
            user_id=self.user_reception.id,
        )
        self.assertEqual(
            (activity.user_id, activity.date_deadline), (self.user_reception, deadline)
        )
        self.visit.with_user(self.user_liaison).action_done()
        action = self.visit.with_user(self.user_liaison).action_print_report()
        self.assertEqual(action["report_name"], "shaqra_complaints.report_shaqra_visit")
        html = (
            self.env["ir.actions.report"]
            .with_user(self.user_liaison)
            ._render_qweb_html("shaqra_complaints.report_shaqra_visit", self.visit.ids)[0]
            .decode()
        )
        self.assertIn('dir="rtl"', html)
        self.assertIn(format_hijri(date(2026, 3, 10), "ar"), html)
        self.assertIn("VISIT-FINDINGS", html)
        self.assertIn("VISIT-NOTE: roof leaks", html)
        self.assertIn(
            self.env.ref("shaqra_complaints.survey_visit_field_survey_q_housing").title, html
        )
        self.assertIn("VISIT-ACTION: refer the repair request", html)
        self.assertIn(self.user_reception.name, html)
        self.assertIn(self.company.name, html, "the association's letterhead")
        self.assertIn(self.user_liaison.name, html)
