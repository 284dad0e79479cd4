from datetime import date, datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, freeze_time, tagged

from .common import ShaqraRequestCommon

ANSWER = "shaqra_beneficiary.mail_activity_type_request_answer"
REMINDER = "shaqra_beneficiary.mail_activity_type_request_reminder"
ESCALATION = "shaqra_beneficiary.mail_activity_type_request_escalation"


@tagged("post_install", "-at_install")
class TestRequestDeadline(ShaqraRequestCommon):
    """Policy C6: the answer is due 15 working days after completion."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.committee = cls.env["shaqra.committee"].create(
            {
                "name": "Deadline committee",
                "member_ids": [Command.set(cls.user_committee.ids)],
                "quorum": 1,
            }
        )
        cls.service.committee_id = cls.committee

    def _agenda(self, request):
        """The request goes on a meeting's agenda: Committee review (C5)."""
        meeting = self.env["shaqra.committee.meeting"].create(
            {
                "committee_id": self.committee.id,
                "decision_ids": [Command.create({"request_id": request.id})],
            }
        )
        meeting.with_user(self.user_committee).action_start()
        return meeting

    def _decide(self, request):
        """The committee decides in its meeting: the request is Decided (C5)."""
        meeting = self._agenda(request)
        meeting.decision_ids.with_user(self.user_committee).write(
            {"decision": "approved", "approved_amount": 100.0}
        )
        self.assertEqual(request.stage_key, "decided")

    def _complete_at(self, when):
        request = self._ready()
        with freeze_time(when):
            request.action_send_to_committee()
        return request

    def _activities(self, request, xmlid):
        return request.activity_ids.filtered(lambda a: a.activity_type_id == self.env.ref(xmlid))

    def test_c6_deadline_complete_on_sunday(self):
        # Sunday 2026-11-01 10:00 in Riyadh.
        request = self._complete_at("2026-11-01 07:00:00")
        self.assertEqual(request.date_complete, datetime(2026, 11, 1, 7, 0))
        self.assertEqual(request.date_deadline, date(2026, 11, 22))

    def test_c6_deadline_skips_holiday(self):
        self._holiday(date(2026, 11, 10))
        request = self._complete_at("2026-11-01 07:00:00")
        self.assertEqual(request.date_deadline, date(2026, 11, 23))

    def test_c6_deadline_crosses_weekend_and_holiday(self):
        # Complete Thursday 2026-11-05; Friday and Saturday are the weekend and
        # Sunday 8 is a holiday, so the count starts on Monday 9: 9-12 (4),
        # 15-19 (9), 22-26 (14), Sunday 29 (15).
        self._holiday(date(2026, 11, 8))
        request = self._complete_at("2026-11-05 07:00:00")
        self.assertEqual(request.date_deadline, date(2026, 11, 29))

    def test_c6_holiday_on_a_weekend_changes_nothing(self):
        # Friday 2026-11-13 is not a working day anyway.
        self._holiday(date(2026, 11, 13))
        request = self._complete_at("2026-11-01 07:00:00")
        self.assertEqual(request.date_deadline, date(2026, 11, 22))

    def test_c6_deadline_cron_is_active_and_scheduled(self):
        cron = self.env.ref("shaqra_beneficiary.ir_cron_shaqra_request_deadline")
        self.assertTrue(cron.active)
        self.assertEqual(cron.model_id.model, "shaqra.request")
        self.assertEqual(cron.state, "code")
        self.assertEqual(cron.code.strip(), "model._cron_check_deadlines()")
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))
        self.assertTrue(cron.nextcall)
        self.assertTrue(
            cron.user_id._is_superuser() or cron.user_id.has_group("base.group_system")
        )

    def test_c6_deadline_complete_on_weekend(self):
        # Friday 2026-11-06: the count starts on Sunday.
        request = self._complete_at("2026-11-06 09:00:00")
        self.assertEqual(request.date_deadline, date(2026, 11, 26))

    def test_c6_day_of_completion_is_taken_in_riyadh(self):
        # 22:30 UTC on Sunday is 01:30 on Monday in Riyadh.
        request = self._complete_at("2026-11-01 22:30:00")
        self.assertEqual(request.date_deadline, date(2026, 11, 23))

    def test_c6_deadline_fixed_at_completion(self):
        request = self._complete_at("2026-11-01 07:00:00")
        self._holiday(date(2026, 11, 10))
        with freeze_time("2026-11-03 07:00:00"):
            self._agenda(request)
        self.assertEqual(request.stage_key, "committee_review")
        self.assertEqual(request.date_deadline, date(2026, 11, 22))
        self.assertEqual(request.date_complete, datetime(2026, 11, 1, 7, 0))

    def test_c6_service_type_response_days(self):
        self.service.response_days = 5
        request = self._complete_at("2026-11-01 07:00:00")
        self.assertEqual(request.date_deadline, date(2026, 11, 8))

    def test_c6_completion_schedules_answer_activity_for_officer(self):
        request = self._complete_at("2026-11-01 07:00:00")
        answer = self._activities(request, ANSWER)
        self.assertEqual(len(answer), 1)
        self.assertEqual(answer.user_id, self.user_liaison)
        self.assertEqual(answer.date_deadline, date(2026, 11, 22))

    def test_c6_reminder_three_working_days_before(self):
        request = self._complete_at("2026-11-01 07:00:00")
        # Sunday 22 -> Thursday 19, Wednesday 18, Tuesday 17.
        self.assertEqual(request.date_reminder, date(2026, 11, 17))
        reminder = self._activities(request, REMINDER)
        self.assertEqual(len(reminder), 1)
        self.assertEqual(reminder.date_deadline, date(2026, 11, 17))
        self.assertEqual(reminder.user_id, self.user_liaison)

    def test_c6_reminder_days_are_configurable(self):
        settings = self.env["res.config.settings"].create({"shaqra_reminder_days": 5})
        settings.execute()
        self.assertEqual(self.company.shaqra_reminder_days, 5)
        request = self._complete_at("2026-11-01 07:00:00")
        self.assertEqual(request.date_reminder, date(2026, 11, 15))
        self.company.shaqra_reminder_days = 0
        request = self._complete_at("2026-11-01 07:00:00")
        self.assertFalse(request.date_reminder)
        self.assertFalse(self._activities(request, REMINDER))

    def test_c6_deadline_state_for_kanban_colours(self):
        request = self._complete_at("2026-11-01 07:00:00")
        for now, state in (
            ("2026-11-10 07:00:00", "on_time"),
            ("2026-11-17 07:00:00", "due_soon"),
            ("2026-11-23 07:00:00", "overdue"),
        ):
            with self.subTest(now=now), freeze_time(now):
                request.invalidate_recordset(["deadline_state"])
                self.assertEqual(request.deadline_state, state)

    def test_c6_cron_flags_overdue_and_escalates_once(self):
        request = self._complete_at("2026-11-01 07:00:00")
        on_time = self._complete_at("2026-11-12 07:00:00")
        Request = self.env["shaqra.request"]
        with freeze_time("2026-11-22 09:00:00"):
            Request._cron_check_deadlines()
        self.assertFalse(request.is_overdue, "Due today is not late yet")
        with freeze_time("2026-11-23 09:00:00"):
            Request._cron_check_deadlines()
        self.assertTrue(request.is_overdue)
        self.assertTrue(request.is_escalated)
        self.assertFalse(on_time.is_overdue)
        escalation = self._activities(request, ESCALATION)
        self.assertEqual(len(escalation), 1)
        self.assertEqual(escalation.user_id, self.user_manager)
        messages = request.message_ids.filtered(lambda m: "overdue" in (m.body or ""))
        self.assertEqual(len(messages), 1)
        with freeze_time("2026-11-24 09:00:00"):
            Request._cron_check_deadlines()
            Request._cron_check_deadlines()
        self.assertEqual(len(self._activities(request, ESCALATION)), 1)
        self.assertEqual(
            len(request.message_ids.filtered(lambda m: "overdue" in (m.body or ""))), 1
        )

    def test_g6_escalation_falls_back_to_officers_manager(self):
        self.company.shaqra_escalation_user_id = False
        request = self._complete_at("2026-11-01 07:00:00")
        self.assertEqual(request._deadline_escalation_user(), self.user_manager)
        self.employee_liaison.parent_id = False
        self.assertTrue(
            request._deadline_escalation_user().has_group("shaqra_beneficiary.group_manager")
        )

    def test_c6_cron_ignores_decided_and_cancelled(self):
        request = self._complete_at("2026-11-01 07:00:00")
        with freeze_time("2026-11-20 07:00:00"):
            self._decide(request)
        with freeze_time("2026-11-30 07:00:00"):
            self.env["shaqra.request"]._cron_check_deadlines()
        self.assertFalse(request.is_overdue)
        self.assertFalse(request.is_escalated)

    def test_c6_decided_on_time_statistics(self):
        request = self._complete_at("2026-11-01 07:00:00")
        with freeze_time("2026-11-19 10:00:00"):
            self._decide(request)
        self.assertEqual(request.date_answered, datetime(2026, 11, 19, 10, 0))
        # 2-5, 8-12 and 15-19 November: 14 working days.
        self.assertEqual(request.working_days_taken, 14)
        self.assertTrue(request.deadline_met)
        self.assertEqual(request.deadline_state, "met")
        self.assertFalse(self._activities(request, ANSWER))
        self.assertFalse(self._activities(request, REMINDER))

    def test_c6_decided_late_statistics(self):
        request = self._complete_at("2026-11-01 07:00:00")
        with freeze_time("2026-11-23 09:00:00"):
            self.env["shaqra.request"]._cron_check_deadlines()
        with freeze_time("2026-11-24 10:00:00"):
            self._decide(request)
        self.assertEqual(request.working_days_taken, 17)
        self.assertFalse(request.deadline_met)
        self.assertFalse(request.is_overdue)
        self.assertEqual(request.deadline_state, "breached")
        self.assertFalse(self._activities(request, ESCALATION))

    def test_g6_liaison_report_counts(self):
        late = self._complete_at("2026-11-01 07:00:00")
        self._complete_at("2026-11-12 07:00:00")
        answered = self._complete_at("2026-11-01 07:00:00")
        with freeze_time("2026-11-19 10:00:00"):
            self._decide(answered)
        with freeze_time("2026-11-23 09:00:00"):
            self.env["shaqra.request"]._cron_check_deadlines()
        self.assertTrue(late.is_overdue)
        self.env.flush_all()
        row = self.env["shaqra.liaison.report"].search(
            [("employee_id", "=", self.employee_liaison.id)]
        )
        self.assertEqual(row.request_count, 3)
        self.assertEqual(row.open_count, 2)
        self.assertEqual(row.overdue_count, 1)
        self.assertEqual(row.answered_count, 1)
        self.assertEqual(row.met_count, 1)
        self.assertEqual(row.breached_count, 0)
        self.assertEqual(row.avg_working_days, 14)
        self.assertEqual(row.user_id, self.user_liaison)


@tagged("post_install", "-at_install")
class TestRecomputeDeadline(ShaqraRequestCommon):
    """Policy C6: a manager recomputes a deadline after a calendar change, with a reason."""

    def _wizard(self, request, user):
        action = request.action_open_recompute_deadline()
        form = Form(
            self.env[action["res_model"]].with_user(user).with_context(**action["context"])
        )
        return form

    def test_c6_manager_recomputes_after_holiday_with_logged_reason(self):
        request = self._ready()
        with freeze_time("2026-11-01 07:00:00"):
            request.action_send_to_committee()
        self._holiday(date(2026, 11, 10))
        form = self._wizard(request, self.user_manager)
        self.assertEqual(form.current_deadline, date(2026, 11, 22))
        self.assertEqual(form.new_deadline, date(2026, 11, 23))
        form.reason = "Holiday declared late"
        wizard = form.save()
        with freeze_time("2026-11-05 07:00:00"):
            wizard.action_confirm()
        self.assertEqual(request.date_deadline, date(2026, 11, 23))
        self.assertEqual(request.date_reminder, date(2026, 11, 18))
        activity = request.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(ANSWER)
        )
        self.assertEqual(activity.date_deadline, date(2026, 11, 23))
        self.assertIn("Holiday declared late", request.message_ids[0].body)
        # The deadline is evidence: the correction is logged as an override.
        trace = self.env["shaqra.evidence.override"].search(
            [("res_model", "=", "shaqra.request"), ("res_id", "=", request.id)]
        )
        self.assertEqual(trace.user_id, self.user_manager)
        self.assertEqual(trace.reason, "Holiday declared late")

    def test_c6_deadline_is_not_typed_even_by_a_manager(self):
        request = self._ready()
        with freeze_time("2026-11-01 07:00:00"):
            request.action_send_to_committee()
        # The liaison officer of the request and a manager may write the request.
        for user in (self.user_liaison, self.user_manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError) as refused:
                request.with_user(user).write({"date_deadline": "2027-01-31"})
            self.assertIn("evidence", str(refused.exception))
        self.assertEqual(request.date_deadline, date(2026, 11, 22))

    def test_c6_only_manager_recomputes(self):
        request = self._ready()
        request.action_send_to_committee()
        wizard = self.env["shaqra.request.recompute.deadline"].create(
            {"request_id": request.id, "reason": "Try"}
        )
        with self.assertRaises(UserError):
            wizard.with_user(self.user_liaison).action_confirm()

    def test_c6_reason_required_and_request_must_be_complete(self):
        request = self._request()
        wizard = self.env["shaqra.request.recompute.deadline"].create(
            {"request_id": request.id, "reason": "Try"}
        )
        with self.assertRaisesText(UserError, "not complete"):
            wizard.action_confirm()
        self._verify_all(request)
        request.signature = self.signature
        request.action_send_to_committee()
        wizard = self.env["shaqra.request.recompute.deadline"].create(
            {"request_id": request.id, "reason": "   "}
        )
        with self.assertRaisesText(UserError, "reason"):
            wizard.action_confirm()
