from datetime import date, datetime, timedelta

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from ..models.shaqra_deadline_mixin import DEADLINE_EVIDENCE_FIELDS
from .common import ShaqraRequestCommon

ANSWER = "shaqra_beneficiary.mail_activity_type_request_answer"
REMINDER = "shaqra_beneficiary.mail_activity_type_request_reminder"
ESCALATION = "shaqra_beneficiary.mail_activity_type_request_escalation"

# Sunday 2026-11-01, 10:00 in Riyadh: 15 working days later is Sunday 22.
STARTED = datetime(2026, 11, 1, 7, 0)


@tagged("post_install", "-at_install")
class TestDeadlineMixin(ShaqraRequestCommon):
    """Policy C6, G6: the working-day clock of shaqra.deadline.mixin, through the request."""

    def _started(self, when=STARTED):
        """A request whose clock the mixin started at ``when`` (UTC)."""
        request = self._ready()
        request._evidence_write({"date_complete": when})
        with freeze_time(when):
            request._deadline_start()
        return request

    def _activity(self, request, xmlid):
        return request.activity_ids.filtered(lambda a: a.activity_type_id == self.env.ref(xmlid))

    def test_c6_request_inherits_the_mixin_with_its_evidence_fields(self):
        Request = self.env["shaqra.request"]
        self.assertIn("shaqra.request", self.registry["shaqra.deadline.mixin"]._inherit_children)
        self.assertTrue(set(DEADLINE_EVIDENCE_FIELDS) <= set(Request._evidence_fields))
        # The request keeps its own wording; the mixin's fields are reflected too.
        self.assertEqual(
            Request._fields["date_reminder"].help,
            "The liaison officer is reminded on this day that the answer is due soon.",
        )
        mixin_field = self.env.ref("shaqra_beneficiary.field_shaqra_deadline_mixin__date_deadline")
        self.assertEqual(mixin_field.field_description, "Answer Due")

    def test_c6_start_on_calendar_and_holiday_pushes_deadline(self):
        request = self._started()
        self.assertEqual(request.date_deadline, date(2026, 11, 22))
        # Reminder three working days before: Thursday 19, Wednesday 18, Tuesday 17.
        self.assertEqual(request.date_reminder, date(2026, 11, 17))
        self.assertEqual(self._activity(request, ANSWER).date_deadline, date(2026, 11, 22))
        self.assertEqual(self._activity(request, REMINDER).date_deadline, date(2026, 11, 17))
        self.assertEqual(self._activity(request, ANSWER).user_id, self.user_liaison)
        # A public holiday inside the window: one working day fewer, one day later.
        self._holiday(date(2026, 11, 10))
        with_holiday = self._started()
        self.assertEqual(with_holiday.date_deadline, date(2026, 11, 23))
        # Restarting the clock recomputes on today's calendar, one activity each.
        with freeze_time(STARTED):
            request._deadline_start()
        self.assertEqual(request.date_deadline, date(2026, 11, 23))
        self.assertEqual(len(self._activity(request, ANSWER)), 1)
        self.assertEqual(self._activity(request, ANSWER).date_deadline, date(2026, 11, 23))

    def test_c6_one_email_to_the_officer_for_the_answer_not_for_the_reminder(self):
        """Starting the clock tells the officer once, of the activity to answer;
        the reminder waits for its day without an e-mail of its own."""
        request = self._started()
        self.assertTrue(self._activity(request, REMINDER))
        assigned = self.env["mail.message"].search(
            [
                ("model", "=", "shaqra.request"),
                ("res_id", "=", request.id),
                ("message_type", "=", "user_notification"),
            ]
        )
        self.assertEqual(len(assigned), 1, assigned.mapped("subject"))
        self.assertIn(self._activity(request, ANSWER).summary, assigned.subject)
        self.assertEqual(assigned.partner_ids, self.user_liaison.partner_id)

    def test_c6_pause_of_n_working_days_pushes_deadline_by_n(self):
        request = self._started()
        # Paused on Monday 2 (Riyadh), resumed on Thursday 5: Tuesday 3,
        # Wednesday 4 and Thursday 5 were paused, three working days.
        with freeze_time("2026-11-02 07:00:00"):
            request._deadline_pause()
        self.assertEqual(request.date_paused, datetime(2026, 11, 2, 7, 0))
        with freeze_time("2026-11-05 07:00:00"):
            request._deadline_resume()
        self.assertFalse(request.date_paused)
        self.assertEqual(request.paused_working_days, 3)
        # Sunday 22 + 3 working days: Wednesday 25; the reminder follows.
        self.assertEqual(request.date_deadline, date(2026, 11, 25))
        self.assertEqual(request.date_reminder, date(2026, 11, 22))
        self.assertEqual(self._activity(request, ANSWER).date_deadline, date(2026, 11, 25))
        self.assertEqual(self._activity(request, REMINDER).date_deadline, date(2026, 11, 22))
        # A second pause adds up; the weekend inside it is not counted.
        with freeze_time("2026-11-05 08:00:00"):
            request._deadline_pause()
        with freeze_time("2026-11-08 07:00:00"):
            request._deadline_resume()
        self.assertEqual(request.paused_working_days, 4)
        self.assertEqual(request.date_deadline, date(2026, 11, 26))

    def test_c6_holiday_inside_the_pause_is_not_a_paused_working_day(self):
        self._holiday(date(2026, 11, 4))
        request = self._started()
        # Day 15 after the holiday: Monday 23.
        self.assertEqual(request.date_deadline, date(2026, 11, 23))
        with freeze_time("2026-11-02 07:00:00"):
            request._deadline_pause()
        with freeze_time("2026-11-05 07:00:00"):
            request._deadline_resume()
        # Tuesday 3 and Thursday 5 only: Wednesday 4 is a holiday.
        self.assertEqual(request.paused_working_days, 2)
        self.assertEqual(request.date_deadline, date(2026, 11, 25))

    def test_c6_pause_and_resume_same_day_change_nothing(self):
        request = self._started()
        with freeze_time("2026-11-02 07:00:00"):
            request._deadline_pause()
        with freeze_time("2026-11-02 12:00:00"):
            request._deadline_resume()
        self.assertEqual(request.paused_working_days, 0)
        self.assertEqual(request.date_deadline, date(2026, 11, 22))
        self.assertFalse(request.date_paused)

    def test_c6_stop_takes_working_days_without_the_paused_ones(self):
        request = self._started()
        with freeze_time("2026-11-02 07:00:00"):
            request._deadline_pause()
        with freeze_time("2026-11-05 07:00:00"):
            request._deadline_resume()
        with freeze_time("2026-11-19 10:00:00"):
            request._deadline_stop()
        self.assertEqual(request.date_answered, datetime(2026, 11, 19, 10, 0))
        # 2-5, 8-12, 15-19 November: 14 working days, 3 of them paused.
        self.assertEqual(request.working_days_taken, 11)
        self.assertTrue(request.deadline_met)
        self.assertEqual(request.deadline_state, "met")
        self.assertFalse(self._activity(request, ANSWER) | self._activity(request, REMINDER))

    def test_c6_stop_while_paused_counts_the_pause(self):
        request = self._started()
        with freeze_time("2026-11-02 07:00:00"):
            request._deadline_pause()
        with freeze_time("2026-11-05 07:00:00"):
            request._deadline_stop()
        self.assertFalse(request.date_paused)
        self.assertEqual(request.paused_working_days, 3)
        # Monday 2 ran; 3, 4 and 5 were paused.
        self.assertEqual(request.working_days_taken, 1)
        self.assertTrue(request.deadline_met)
        # The clock of an answered record does not pause again.
        request._deadline_pause()
        self.assertFalse(request.date_paused)

    def test_c6_paused_clock_is_not_flagged_overdue_then_resumes(self):
        request = self._started()
        with freeze_time("2026-11-20 07:00:00"):
            request._deadline_pause()
        with freeze_time("2026-11-24 09:00:00"):
            self.env["shaqra.request"]._cron_check_deadlines()
            self.assertFalse(request.is_overdue)
            self.assertFalse(request.is_escalated)
            request.invalidate_recordset(["deadline_state"])
            self.assertEqual(request.deadline_state, "on_time")
            # Sunday 22, Monday 23 and Tuesday 24 were paused.
            request._deadline_resume()
        self.assertEqual(request.paused_working_days, 3)
        self.assertEqual(request.date_deadline, date(2026, 11, 25))
        self.assertFalse(request.is_overdue)

    def test_c6_pause_fields_are_evidence(self):
        request = self._started()
        for values in ({"date_paused": "2026-11-02 07:00:00"}, {"paused_working_days": 9}):
            with self.subTest(values=values), self.assertRaises(AccessError):
                request.with_user(self.user_manager).write(values)
        self.assertFalse(request.date_paused)
        self.assertEqual(request.paused_working_days, 0)


@tagged("post_install", "-at_install")
class TestDeadlineStateSearch(ShaqraRequestCommon):
    """Policy C6: the deadline state is searchable and right as days pass, no cron needed."""

    def _with_clock(self, **values):
        request = self._request()
        if values:
            request._evidence_write(values)
        return request

    def test_c6_search_deadline_state_relative_to_today(self):
        Request = self.env["shaqra.request"]
        today = Request._deadline_today()
        day = timedelta(days=1)
        answered = datetime.now() - day
        expected = {
            "none": self._with_clock(),
            "on_time": self._with_clock(date_deadline=today + 10 * day)
            | self._with_clock(date_deadline=today + 10 * day, date_reminder=today + 5 * day)
            # Due today is not late yet.
            | self._with_clock(date_deadline=today)
            # A paused clock is not late: its deadline moves on resume.
            | self._with_clock(date_deadline=today - day, date_paused=answered),
            "due_soon": self._with_clock(date_deadline=today + 3 * day, date_reminder=today)
            | self._with_clock(date_deadline=today + day, date_reminder=today - 2 * day),
            # Late since yesterday: overdue though the daily check has not run.
            "overdue": self._with_clock(date_deadline=today - day)
            | self._with_clock(
                date_deadline=today - 5 * day, date_reminder=today - 8 * day, is_overdue=True
            ),
            "met": self._with_clock(
                date_deadline=today - day, date_answered=answered, deadline_met=True
            ),
            "breached": self._with_clock(
                date_deadline=today - 3 * day, date_answered=answered, deadline_met=False
            ),
        }
        everything = Request.union(*expected.values())
        scope = [("id", "in", everything.ids)]
        for state, requests in expected.items():
            with self.subTest(state=state):
                self.assertEqual(
                    Request.search([*scope, ("deadline_state", "=", state)]), requests
                )
                self.assertEqual(
                    Request.search([*scope, ("deadline_state", "!=", state)]),
                    everything - requests,
                )
                # The computed value agrees with the search.
                everything.invalidate_recordset(["deadline_state"])
                self.assertEqual(set(requests.mapped("deadline_state")), {state})
        self.assertEqual(
            Request.search([*scope, ("deadline_state", "in", ["overdue", "due_soon"])]),
            expected["overdue"] | expected["due_soon"],
        )
        self.assertEqual(
            Request.search([*scope, ("deadline_state", "not in", ["none", "on_time"])]),
            everything - expected["none"] - expected["on_time"],
        )


@tagged("post_install", "-at_install")
class TestDeadlineEscalationBatch(ShaqraRequestCommon):
    """Policy G6: one escalation per record, constant queries per batch."""

    def _late(self, count):
        requests = self.env["shaqra.request"]
        for _i in range(count):
            request = self._ready()
            with freeze_time(STARTED):
                request.action_send_to_committee()
            requests |= request
        return requests

    def _escalate_queries(self, requests):
        with freeze_time("2026-11-23 09:00:00"):
            self.env.flush_all()
            count0 = self.cr.sql_log_count
            requests._deadline_escalate()
            self.env.flush_all()
            return self.cr.sql_log_count - count0

    def _escalations(self, request):
        activities = request.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(ESCALATION)
        )
        notes = request.message_ids.filtered(lambda m: "overdue" in (m.body or ""))
        return len(activities), len(notes)

    def test_g6_one_escalation_per_record_constant_queries(self):
        warm, few, many = self._late(1), self._late(2), self._late(8)
        self._escalate_queries(warm)
        queries_few = self._escalate_queries(few)
        queries_many = self._escalate_queries(many)
        self.assertLessEqual(
            queries_many, queries_few, "Escalating 8 records must not take more than 2"
        )
        for request in warm | few | many:
            self.assertTrue(request.is_escalated)
            self.assertEqual(self._escalations(request), (1, 1))
        # Escalated once, never again: a second batch does nothing.
        self._escalate_queries(few | many)
        for request in few | many:
            self.assertEqual(self._escalations(request), (1, 1))
        activity = (few | many).activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(ESCALATION)
        )
        self.assertEqual(activity.user_id, self.user_manager)
