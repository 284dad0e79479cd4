from markupsafe import Markup

from odoo.tests import freeze_time, tagged
from odoo.tools import SQL

from .common import ShaqraRequestCommon

ESCALATION = "shaqra_beneficiary.mail_activity_type_request_escalation"

# Queries of one run of the daily deadline check with one batch to escalate;
# it must not grow with the number of late requests (policy C6, G6 at the
# association's scale: thousands of late requests in one night).
MAX_QUERIES_PER_BATCH = 50


@tagged("post_install", "-at_install")
class TestRequestDeadlineBatch(ShaqraRequestCommon):
    """Policy C6, G6: the daily deadline check works in batches of constant queries."""

    def _late_requests(self, count, completed="2026-11-01 07:00:00"):
        requests = self.env["shaqra.request"]
        for _i in range(count):
            request = self._ready()
            with freeze_time(completed):
                request.action_send_to_committee()
            requests |= request
        return requests

    def _cron_queries(self, when, **kwargs):
        Request = self.env["shaqra.request"]
        with freeze_time(when):
            self.env.flush_all()
            count0 = self.cr.sql_log_count
            Request._cron_check_deadlines(**kwargs)
            self.env.flush_all()
            return self.cr.sql_log_count - count0

    def _escalations(self, request):
        activities = request.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(ESCALATION)
        )
        messages = request.message_ids.filtered(lambda m: "overdue" in (m.body or ""))
        return activities, messages

    def test_c6_cron_queries_do_not_grow_with_late_requests(self):
        # Nothing late yet: warms the caches the check uses.
        self._cron_queries("2026-11-10 09:00:00")
        few = self._late_requests(2, "2026-11-01 07:00:00")
        queries_few = self._cron_queries("2026-11-23 09:00:00")
        many = self._late_requests(12, "2026-11-02 07:00:00")
        queries_many = self._cron_queries("2026-11-30 09:00:00")
        self.assertLessEqual(queries_few, MAX_QUERIES_PER_BATCH)
        self.assertLessEqual(
            queries_many,
            queries_few,
            "Escalating 12 late requests must not take more queries than escalating 2",
        )
        for request in few | many:
            self.assertTrue(request.is_overdue)
            self.assertTrue(request.is_escalated)
            activities, messages = self._escalations(request)
            self.assertEqual(len(activities), 1)
            self.assertEqual(activities.user_id, self.user_manager)
            self.assertEqual(len(messages), 1)

    def test_g6_cron_escalates_each_request_once_over_several_batches(self):
        late = self._late_requests(7)
        queries = self._cron_queries("2026-11-23 09:00:00", batch_size=3)
        self.assertLessEqual(queries, 3 * MAX_QUERIES_PER_BATCH)
        for request in late:
            activities, messages = self._escalations(request)
            self.assertEqual(len(activities), 1)
            self.assertEqual(len(messages), 1)
        self._cron_queries("2026-11-24 09:00:00", batch_size=3)
        for request in late:
            activities, messages = self._escalations(request)
            self.assertEqual((len(activities), len(messages)), (1, 1))

    def test_g6_cron_resumes_after_an_interrupted_run(self):
        late = self._late_requests(5)
        # A previous run committed its first batch, then stopped.
        with freeze_time("2026-11-23 09:00:00"):
            late[:2]._deadline_escalate()
        cron = self.env.ref("shaqra_beneficiary.ir_cron_shaqra_request_deadline")
        # The scheduler calls the job once per batch while some remain and
        # commits each (ir.cron progress API): 3 left in batches of 2.
        reported = []
        for _call in range(2):
            progress = self.env["ir.cron.progress"].create(
                {"cron_id": cron.id, "done": 0, "remaining": 0}
            )
            with freeze_time("2026-11-23 09:00:00"):
                self.env["shaqra.request"].with_context(
                    ir_cron_progress_id=progress.id
                )._cron_check_deadlines(batch_size=2)
            reported.append((progress.done, progress.remaining))
        self.assertEqual(reported, [(2, 1), (1, 0)])
        for request in late:
            self.assertTrue(request.is_overdue)
            activities, messages = self._escalations(request)
            self.assertEqual((len(activities), len(messages)), (1, 1))

    def test_c6_cron_does_not_escalate_requests_answered_in_time(self):
        late = self._late_requests(2)
        with freeze_time("2026-11-20 07:00:00"):
            late[0].stage_id = self.stage["decided"]
        self._cron_queries("2026-11-23 09:00:00")
        self.assertFalse(late[0].is_escalated)
        self.assertEqual(self._escalations(late[0])[0], self.env["mail.activity"])
        self.assertTrue(late[1].is_escalated)

    def test_g6_escalation_note_is_the_row_odoo_logs(self):
        """The notes of a batch are inserted at once: the same row as the one
        mail.thread._message_log_batch writes, the note shown in the chatter."""
        first, second = self._late_requests(2)
        body = Markup("<p>%s</p>") % "Overdue <request> & note"
        logged = first._message_log_batch(bodies={first.id: body})
        second._deadline_log_notes({second.id: body})
        self.env.flush_all()
        inserted = second.message_ids.filtered(lambda m: m.body == body)
        self.assertEqual(len(inserted), 1, "the note is in the record's chatter")
        self.assertEqual(inserted.subtype_id, self.env.ref("mail.mt_note"))
        columns = [
            name
            for name, field in self.env["mail.message"]._fields.items()
            if field.store and field.column_type
        ]
        rows = {}
        for message in (logged, inserted):
            self.cr.execute(
                SQL(
                    "SELECT %s FROM mail_message WHERE id = %s",
                    SQL(", ").join(SQL.identifier(name) for name in columns),
                    message.id,
                )
            )
            rows[message] = dict(zip(columns, self.cr.fetchone(), strict=True))
        different = {
            name
            for name in columns
            if rows[logged][name] != rows[inserted][name]
            and name not in {"id", "res_id", "message_id", "date", "create_date", "write_date"}
        }
        self.assertFalse(different, {n: (rows[logged][n], rows[inserted][n]) for n in different})
        self.assertTrue(rows[inserted]["message_id"])
        self.assertTrue(rows[inserted]["create_date"])
        # A body that is not Markup is text: escaped, never markup.
        first._deadline_log_notes({first.id: "<b>not bold</b>"})
        self.assertTrue(
            first.message_ids.filtered(lambda m: m.body == "&lt;b&gt;not bold&lt;/b&gt;")
        )
