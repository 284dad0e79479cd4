from odoo.tests import freeze_time, tagged

from .test_policy import PolicyCommon


@tagged("post_install", "-at_install")
class TestPolicyRemindBatch(PolicyCommon):
    """Policy ART4 at the association's scale: the daily reminders and the
    escalation to HR of 2,000 employees work in batches of constant queries."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy.write({"reminder_days": 3, "escalation_days": 7})
        Employee = cls.env["hr.employee"]
        cls.few = Employee.create(
            [{"name": f"Few {i}", "work_email": f"few{i}@example.com"} for i in range(2)]
        )
        cls.many = Employee.create(
            [{"name": f"Many {i}", "work_email": f"many{i}@example.com"} for i in range(12)]
        )

    def _cron_queries(self, when):
        Ack = self.env["shaqra.policy.acknowledgement"]
        with freeze_time(when):
            self.env.flush_all()
            count0 = self.cr.sql_log_count
            Ack._cron_remind()
            self.env.flush_all()
            return self.cr.sql_log_count - count0

    def _acks_of(self, employees):
        return self._acks().filtered(lambda a: a.employee_id in employees)

    def _mails(self, acks):
        # By count, not by subject: the subject is in each person's language.
        return self.env["mail.mail"].search_count(
            [("model", "=", "shaqra.policy.acknowledgement"), ("res_id", "in", acks.ids)]
        )

    def test_art4_reminders_and_escalations_do_not_grow_with_people(self):
        with freeze_time("2026-02-01 08:00:00"):
            self.policy._distribute(employees=self.few)
        with freeze_time("2026-02-02 08:00:00"):
            self.policy._distribute(employees=self.many)
        acks = self._acks_of(self.few | self.many)
        self.assertEqual(len(acks), 14)
        mails_before = self._mails(acks)
        self._cron_queries("2026-02-02 09:00:00")  # nothing due yet: warms the caches
        remind_few = self._cron_queries("2026-02-04 09:00:00")
        remind_many = self._cron_queries("2026-02-05 09:00:00")
        escalate_few = self._cron_queries("2026-02-08 09:00:00")
        escalate_many = self._cron_queries("2026-02-09 09:00:00")
        self.assertLessEqual(
            remind_many, remind_few + 3, "Reminding 12 people must cost what reminding 2 costs"
        )
        self.assertLessEqual(
            escalate_many, escalate_few + 3, "Escalating 12 people must cost what 2 cost"
        )
        self.assertEqual(self._mails(acks) - mails_before, 14, "One reminder e-mail each")
        for ack in acks:
            self.assertTrue(ack.reminded_on)
            self.assertTrue(ack.escalated_on)
            hr = ack.activity_ids.filtered(lambda a: a.user_id == self.user_hr)
            self.assertEqual(len(hr), 1)
            notes = ack.message_ids.filtered(lambda m: "Reminder sent" in (m.body or ""))
            self.assertEqual(len(notes), 1)
        # Once each: the next days change nothing.
        self._cron_queries("2026-02-10 09:00:00")
        self.assertEqual(self._mails(acks) - mails_before, 14)
        for ack in acks:
            hr = ack.activity_ids.filtered(lambda a: a.user_id == self.user_hr)
            self.assertEqual(len(hr), 1)
