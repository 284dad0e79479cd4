import logging

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL, split_every
from odoo.tools.mail import generate_tracking_message_id

_logger = logging.getLogger(__name__)

# Evidence fields of the clock: the inheriting model splats them into its
# ``_evidence_fields`` (set only by the clock's actions, never typed).
DEADLINE_EVIDENCE_FIELDS = (
    "date_deadline",
    "date_reminder",
    "is_overdue",
    "is_escalated",
    "date_answered",
    "working_days_taken",
    "deadline_met",
    "date_paused",
    "paused_working_days",
)

# Records escalated per batch by the daily deadline check.
ESCALATION_BATCH_SIZE = 1000

DEADLINE_STATES = [
    ("none", "No deadline yet"),
    ("on_time", "On time"),
    ("due_soon", "Due soon"),
    ("overdue", "Overdue"),
    ("met", "Answered on time"),
    ("breached", "Answered late"),
]


class ShaqraDeadlineMixin(models.AbstractModel):
    """A working-day clock for an answer due (policy C6, G6).

    The clock starts from the Datetime field named by ``_deadline_start_field``:
    the answer is due ``_deadline_working_days()`` working days later on the
    association's service calendar, public holidays excluded. The person
    responsible gets an answer activity due on the deadline and a reminder
    before it; a daily check flags late records and alerts management once
    per record. The clock can be paused (waiting for the other party) and
    resumed: the working days paused push the deadline. Stopping it (the
    answer) records how many working days it took and whether it was on time.

    The inheriting model has ``company_id`` and ``mail.activity.mixin``, and
    lists :data:`DEADLINE_EVIDENCE_FIELDS` in its ``_evidence_fields``: the
    actions below write them through ``_evidence_write``.
    """

    _name = "shaqra.deadline.mixin"
    _description = "Working-Day Answer Deadline"

    # The Datetime field of the model that starts the clock.
    _deadline_start_field = "date_complete"
    # Activity types of the answer, its reminder and the escalation.
    _deadline_activity_answer = "shaqra_beneficiary.mail_activity_type_request_answer"
    _deadline_activity_reminder = "shaqra_beneficiary.mail_activity_type_request_reminder"
    _deadline_activity_escalation = "shaqra_beneficiary.mail_activity_type_request_escalation"

    date_deadline = fields.Date(string="Answer Due", copy=False, readonly=True, index=True)
    date_reminder = fields.Date(
        string="Reminder On",
        copy=False,
        readonly=True,
        help="The person responsible is reminded on this day that the answer is due soon.",
    )
    is_overdue = fields.Boolean(
        string="Overdue",
        copy=False,
        readonly=True,
        index=True,
        help="Set by the daily deadline check when the answer is late (policy C6).",
    )
    is_escalated = fields.Boolean(
        string="Escalated to Management",
        copy=False,
        readonly=True,
        help="Management was alerted once that this record is overdue (policy G6).",
    )
    date_answered = fields.Datetime(
        string="Answered On",
        copy=False,
        readonly=True,
        help="When the answer was given: the clock stopped then.",
    )
    working_days_taken = fields.Integer(
        copy=False,
        readonly=True,
        aggregator="avg",
        help="Working days from the start of the clock to the answer, paused days "
        "excluded (policy C6).",
    )
    deadline_met = fields.Boolean(
        string="Answered on Time",
        copy=False,
        readonly=True,
        help="The answer was given on or before the deadline (policy C6).",
    )
    date_paused = fields.Datetime(
        string="Clock Paused Since",
        copy=False,
        readonly=True,
        help="The clock is paused since then (waiting for the other party); empty while "
        "it runs.",
    )
    paused_working_days = fields.Integer(
        string="Working Days Paused",
        copy=False,
        readonly=True,
        help="Working days the clock was paused in all: the deadline was pushed by as many.",
    )
    deadline_state = fields.Selection(
        DEADLINE_STATES,
        compute="_compute_deadline_state",
        search="_search_deadline_state",
    )

    # ------------------------------------------------------------
    # HOOKS (override per model)
    # ------------------------------------------------------------

    def _deadline_working_days(self):
        """How many working days the answer may take (policy C6: 15)."""
        self.ensure_one()
        return 15

    def _deadline_escalation_user(self):
        """Policy G6: who is alerted when the answer is late.

        The manager set in the settings, else the first active internal user
        of the management group.
        """
        self.ensure_one()
        user = self.company_id.shaqra_escalation_user_id
        if not user:
            user = (
                self.env.ref("shaqra_beneficiary.group_manager")
                .users.filtered(lambda u: u.active and not u.share and u.id != 1)
                .sorted("id")[:1]
            )
        return user

    def _deadline_responsible_user(self):
        """Who answers (gets the answer and reminder activities)."""
        self.ensure_one()
        return self._deadline_escalation_user()

    @api.model
    def _deadline_open_domain(self):
        """Extra domain of the records whose clock may still run."""
        return []

    def _deadline_summary(self, kind, user=None):
        """Text of the clock's activities and notes.

        ``kind``: ``answer`` (answer activity), ``reminder`` (reminder
        activity), ``escalation`` (management's activity), ``overdue_note``
        (chatter note of the escalation; ``user`` is who was alerted),
        ``done`` (feedback closing the activities when answered).
        """
        self.ensure_one()
        if kind == "answer":
            return self.env._("Answer before the deadline (policy C6)")
        if kind == "reminder":
            return self.env._("Reminder: the answer is due on %(date)s", date=self.date_deadline)
        if kind == "escalation":
            return self.env._(
                "Overdue: the answer was due on %(date)s (%(record)s)",
                date=self.date_deadline,
                record=self.display_name,
            )
        if kind == "overdue_note":
            return self.env._(
                "This is overdue: the answer was due on %(date)s (policy C6). "
                "Management has been alerted: %(manager)s.",
                date=self.date_deadline,
                manager=(user and user.name) or self.env._("nobody configured"),
            )
        return self.env._("Answered.")

    # ------------------------------------------------------------
    # COMPUTE / SEARCH
    # ------------------------------------------------------------

    @api.model
    def _deadline_today(self):
        """Today in the association calendar's time zone."""
        # Only the columns needed: this runs on every kanban column and list
        # page, and the company and calendar rows are wide.
        company = self.env.company
        company.fetch(["shaqra_service_calendar_id", "resource_calendar_id"])
        calendar = company._shaqra_service_calendar()
        calendar.fetch(["tz"])
        tz = calendar.tz or "Asia/Riyadh"
        return fields.Date.context_today(self.with_context(tz=tz))

    @api.depends(
        "date_deadline",
        "date_reminder",
        "date_answered",
        "deadline_met",
        "is_overdue",
        "date_paused",
    )
    def _compute_deadline_state(self):
        today = self._deadline_today()
        for record in self:
            if record.date_answered:
                record.deadline_state = "met" if record.deadline_met else "breached"
            elif not record.date_deadline:
                record.deadline_state = "none"
            elif record.is_overdue or (not record.date_paused and record.date_deadline < today):
                record.deadline_state = "overdue"
            elif not record.date_paused and record.date_reminder and record.date_reminder <= today:
                record.deadline_state = "due_soon"
            else:
                # A paused clock is not late: its deadline moves on resume.
                record.deadline_state = "on_time"

    @api.model
    def _deadline_state_domain(self, state, today):
        """The records in ``state`` on ``today``: the same rules as the compute."""
        running = [("date_answered", "=", False), ("date_deadline", "!=", False)]
        unflagged = [("is_overdue", "=", False)]
        # A paused clock is not late: its deadline moves on resume.
        not_late = ["|", ("date_paused", "!=", False), ("date_deadline", ">=", today)]
        reminder_due = [
            ("date_paused", "=", False),
            ("date_reminder", "!=", False),
            ("date_reminder", "<=", today),
        ]
        no_reminder_due = [
            "|",
            "|",
            ("date_paused", "!=", False),
            ("date_reminder", "=", False),
            ("date_reminder", ">", today),
        ]
        return {
            "none": [("date_answered", "=", False), ("date_deadline", "=", False)],
            "met": [("date_answered", "!=", False), ("deadline_met", "=", True)],
            "breached": [("date_answered", "!=", False), ("deadline_met", "=", False)],
            "overdue": expression.AND(
                [
                    running,
                    [
                        "|",
                        ("is_overdue", "=", True),
                        "&",
                        ("date_paused", "=", False),
                        ("date_deadline", "<", today),
                    ],
                ]
            ),
            "due_soon": expression.AND([running, unflagged, not_late, reminder_due]),
            "on_time": expression.AND([running, unflagged, not_late, no_reminder_due]),
        }[state]

    def _search_deadline_state(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(
                self.env._("The deadline state can only be searched for given values.")
            )
        values = value if isinstance(value, list | tuple | set) else [value]
        keys = dict(DEADLINE_STATES)
        today = self._deadline_today()
        domain = expression.OR(
            [self._deadline_state_domain(state, today) for state in values if state in keys]
        )
        if operator in ("!=", "not in"):
            domain = ["!", *expression.normalize_domain(domain)]
        return domain

    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------

    def _deadline_calendar(self):
        self.ensure_one()
        return self.company_id._shaqra_service_calendar()

    def _deadline_local_date(self, value):
        """The day of a UTC datetime in the association calendar's time zone."""
        self.ensure_one()
        tz = self._deadline_calendar().tz or "Asia/Riyadh"
        return fields.Datetime.context_timestamp(self.with_context(tz=tz), value).date()

    def _deadline_reminder_date(self, deadline, start_day):
        """Policy C6: the reminder falls N working days before the deadline.

        No reminder when N is 0 or when the reminder would fall on or before
        the day the clock started (the answer activity itself is enough then).
        """
        self.ensure_one()
        days = self.company_id.shaqra_reminder_days
        if not days or not deadline:
            return False
        reminder = self._deadline_calendar().shaqra_working_days_before(deadline, days)
        return reminder if reminder and reminder > start_day else False

    def _deadline_dates(self, start=None):
        """(start day, deadline, reminder) for a clock started at ``start``
        (default: the start field), without the days paused."""
        self.ensure_one()
        start = start or self[self._deadline_start_field] or fields.Datetime.now()
        start_day = self._deadline_local_date(start)
        deadline = self.company_id.shaqra_deadline_for(start_day, self._deadline_working_days())
        return start_day, deadline, self._deadline_reminder_date(deadline, start_day)

    def _deadline_schedule_activities(self):
        """Policy C6: an activity due on the deadline, and a reminder before it.

        The responsible user is told by e-mail of the activity to answer; the
        reminder waits in their activities for its day without an e-mail of
        its own (one e-mail per new record, not two at once).
        """
        for record in self:
            user = record._deadline_responsible_user()
            if not user:
                continue
            record.activity_unlink(
                [record._deadline_activity_answer, record._deadline_activity_reminder]
            )
            record.activity_schedule(
                record._deadline_activity_answer,
                date_deadline=record.date_deadline,
                summary=record._deadline_summary("answer"),
                user_id=user.id,
            )
            if record.date_reminder:
                record.with_context(mail_activity_quick_update=True).activity_schedule(
                    record._deadline_activity_reminder,
                    date_deadline=record.date_reminder,
                    summary=record._deadline_summary("reminder"),
                    user_id=user.id,
                )

    def _deadline_paused_days(self, now):
        """Working days the clock has been paused until ``now`` (0 when running)."""
        self.ensure_one()
        if not self.date_paused:
            return 0
        return self._deadline_calendar().shaqra_count_working_days(
            self._deadline_local_date(self.date_paused), self._deadline_local_date(now)
        )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def _deadline_start(self):
        """Start the clock from the start field: fix the deadline and the
        reminder on the association calendar, schedule their activities."""
        for record in self:
            _start_day, deadline, reminder = record._deadline_dates()
            record._evidence_write(
                {
                    "date_deadline": deadline,
                    "date_reminder": reminder,
                    "is_overdue": False,
                    "is_escalated": False,
                    "date_paused": False,
                    "paused_working_days": 0,
                }
            )
            record._deadline_schedule_activities()

    def _deadline_pause(self):
        """Pause the running clocks (waiting for the other party)."""
        now = fields.Datetime.now()
        running = self.filtered(
            lambda r: r.date_deadline and not r.date_answered and not r.date_paused
        )
        if running:
            running._evidence_write({"date_paused": now})

    def _deadline_resume(self):
        """Resume paused clocks: the working days paused push the deadline
        and the reminder, and add to ``paused_working_days``."""
        now = fields.Datetime.now()
        today = self._deadline_today()
        for record in self.filtered("date_paused"):
            days = record._deadline_paused_days(now)
            calendar = record._deadline_calendar()
            deadline, reminder = record.date_deadline, record.date_reminder
            if days:
                deadline = calendar.shaqra_add_working_days(deadline, days)
                reminder = reminder and calendar.shaqra_add_working_days(reminder, days)
            record._evidence_write(
                {
                    "date_paused": False,
                    "paused_working_days": record.paused_working_days + days,
                    "date_deadline": deadline,
                    "date_reminder": reminder,
                    "is_overdue": bool(deadline and deadline < today),
                }
            )
            if days:
                record._deadline_schedule_activities()

    def _deadline_stop(self):
        """The answer stops the clock: when, in how many working days, on time or not.

        Fixed once, here, whoever gives the answer; the clock's activities
        are closed.
        """
        self.filtered("date_paused")._deadline_resume()
        now = fields.Datetime.now()
        for record in self:
            values = {"date_answered": now, "is_overdue": False}
            start = record[record._deadline_start_field]
            if start:
                answer_day = record._deadline_local_date(now)
                taken = record._deadline_calendar().shaqra_count_working_days(
                    record._deadline_local_date(start), answer_day
                )
                values.update(
                    working_days_taken=max(taken - record.paused_working_days, 0),
                    deadline_met=bool(record.date_deadline and answer_day <= record.date_deadline),
                )
            record._evidence_write(values)
        if self:
            self.activity_feedback(
                [
                    self._deadline_activity_answer,
                    self._deadline_activity_reminder,
                    self._deadline_activity_escalation,
                ],
                feedback=self[:1]._deadline_summary("done"),
            )

    @api.model
    def _deadline_late_domain(self, today):
        """Records whose answer is late on ``today`` (policy C6)."""
        return [
            ("date_deadline", "<", today),
            ("date_answered", "=", False),
            ("date_paused", "=", False),
            *self._deadline_open_domain(),
        ]

    @api.model
    def _cron_deadline_check(self, batch_size=ESCALATION_BATCH_SIZE):
        """Policy C6, G6: daily, flag late records and alert management once.

        At the association's scale (100,000 records, thousands late at once)
        this works in batches with a constant number of queries per batch: one
        UPDATE flags every late record, then the records not escalated yet are
        escalated ``batch_size`` at a time (activities and notes created in
        bulk). Run by the scheduler, each call escalates one batch and reports
        through the cron progress API; ir.cron commits it and calls again, so
        an interrupted run resumes where it stopped and each record is
        escalated exactly once.
        """
        today = self._deadline_today()
        # The daily job runs as the system user; sudo() keeps it independent
        # of the record rules and of who triggers it by hand.
        records = self.sudo()
        late_domain = self._deadline_late_domain(today)
        # One UPDATE flags every late record (13,000 on a bad night): the
        # flag is a plain column (no stored field depends on it, it is not
        # tracked), so the ORM write of 13,000 records is not needed.
        records.flush_model()
        to_flag = records._search([*late_domain, ("is_overdue", "=", False)])
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET is_overdue = TRUE, write_uid = %s, write_date = %s WHERE id IN %s",
                SQL.identifier(self._table),
                self.env.uid,
                fields.Datetime.now(),
                to_flag.subselect(),
            )
        )
        records.invalidate_model(["is_overdue", "write_uid", "write_date"])
        to_escalate = records.search([*late_domain, ("is_escalated", "=", False)], order="id")
        batches = list(split_every(batch_size, to_escalate.ids, records.browse))
        if self.env.context.get("ir_cron_progress_id"):
            # Run by the scheduler: one batch per call. ir.cron commits it and
            # calls again while some remain (Odoo's cron progress API), so an
            # interrupted run resumes where it stopped.
            batches = batches[:1]
        done = 0
        for batch in batches:
            batch._deadline_escalate()
            done += len(batch)
        self.env["ir.cron"]._notify_progress(done=done, remaining=len(to_escalate) - done)
        _logger.info("Deadline check: %s %s record(s) escalated as overdue", done, self._name)
        return True

    def _deadline_log_notes(self, bodies):
        """Log the internal notes ``{record id: body}`` of a batch with one INSERT.

        The rows are those of ``mail.thread._message_log_batch`` (an internal
        note of the current user, no notification, nobody to reply to but the
        record's own reply-to): on a bad night, 13,000 overdue records, the
        ORM's work for each message took half of the daily check. A body is
        ``Markup`` built from escaped text; anything else is escaped here.
        """
        if not bodies:
            return
        author_id, email_from = self._message_compute_author(raise_on_email=False)
        reply_to = self._notify_get_reply_to(default=email_from)
        subtype_id = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note")
        now = fields.Datetime.now()
        message_id = generate_tracking_message_id("message-notify")
        uid = self.env.uid
        self.env["mail.message"].flush_model()
        for chunk in split_every(ESCALATION_BATCH_SIZE, list(bodies.items())):
            self.env.cr.execute(
                SQL(
                    """INSERT INTO mail_message (model, res_id, body, message_type, subtype_id,
                               is_internal, author_id, email_from, reply_to, message_id,
                               email_add_signature, date, create_uid, create_date, write_uid,
                               write_date)
                       VALUES %s""",
                    SQL(", ").join(
                        SQL(
                            "(%s, %s, %s, 'notification', %s, TRUE, %s, %s, %s, %s, FALSE,"
                            " %s, %s, %s, %s, %s)",
                            self._name,
                            res_id,
                            str(body if isinstance(body, Markup) else escape(body)),
                            subtype_id,
                            author_id,
                            email_from,
                            reply_to.get(res_id) or email_from,
                            message_id,
                            now,
                            uid,
                            now,
                            uid,
                            now,
                        )
                        for res_id, body in chunk
                    ),
                )
            )
        # The records' messages in cache no longer hold every note.
        self.invalidate_recordset(
            [
                name
                for name, field in self._fields.items()
                if field.type == "one2many" and field.comodel_name == "mail.message"
            ]
        )

    def _deadline_escalate(self):
        """Policy G6: one activity for management and one note per record, then never again.

        Works on a batch: the activities and the notes are created in bulk, so
        the number of queries does not grow with the batch. The activities are
        created without one notification e-mail each: the manager finds them
        in the activity menu.
        """
        records = self.filtered(lambda r: not r.is_escalated)
        if not records:
            return
        today = fields.Date.context_today(self)
        activity_type = self.env.ref(self._deadline_activity_escalation)
        model_id = self.env["ir.model"]._get_id(self._name)
        activity_vals, bodies = [], {}
        for record in records:
            manager = record._deadline_escalation_user()
            if manager:
                activity_vals.append(
                    {
                        "activity_type_id": activity_type.id,
                        "automated": True,
                        "res_model_id": model_id,
                        "res_id": record.id,
                        # Given here, these stored computed fields are not
                        # recomputed by one more UPDATE per 100 activities.
                        "res_model": self._name,
                        "res_name": record.display_name,
                        "user_tz": manager.tz,
                        "date_done": False,
                        "date_deadline": today,
                        "summary": record._deadline_summary("escalation"),
                        "user_id": manager.id,
                    }
                )
            bodies[record.id] = Markup("<p>%s</p>") % record._deadline_summary(
                "overdue_note", user=manager
            )
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
            activity_vals
        )
        records._deadline_log_notes(bodies)
        # One UPDATE for the batch (the ORM would write 100 rows at a time).
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET is_escalated = TRUE, write_uid = %s, write_date = %s WHERE id IN %s",
                SQL.identifier(self._table),
                self.env.uid,
                fields.Datetime.now(),
                tuple(records.ids),
            )
        )
        records.invalidate_recordset(["is_escalated", "write_uid", "write_date"])
