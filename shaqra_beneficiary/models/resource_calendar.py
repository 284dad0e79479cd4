from datetime import datetime, time, timedelta

import pytz

from odoo import models
from odoo.exceptions import UserError


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def shaqra_add_working_days(self, date_from, days):
        """Return the date of the ``days``-th working day after ``date_from``.

        Policy C6: the answer is due within 15 working days of the day the
        request became complete. Day 1 is the first working day *after*
        that day, so completing on a weekend or a holiday starts the count
        on the next working day. Global leaves of the calendar (public
        holidays) are not working days.
        """
        self.ensure_one()
        if days < 1:
            raise UserError(self.env._("The number of working days must be at least 1."))
        tz = pytz.timezone(self.tz or "UTC")
        start = tz.localize(datetime.combine(date_from + timedelta(days=1), time.min))
        end = self.plan_days(days, start, compute_leaves=True)
        if not end:
            raise UserError(
                self.env._(
                    "The working calendar %(calendar)s has no %(days)s working days "
                    "after %(date)s. Check its working hours and holidays.",
                    calendar=self.display_name,
                    days=days,
                    date=date_from,
                )
            )
        return end.astimezone(tz).date()

    def shaqra_working_days_before(self, date_to, days):
        """Return the ``days``-th working day before ``date_to`` (policy C6 reminders)."""
        self.ensure_one()
        if days < 1:
            raise UserError(self.env._("The number of working days must be at least 1."))
        tz = pytz.timezone(self.tz or "UTC")
        start = self.plan_days(
            -days, tz.localize(datetime.combine(date_to, time.min)), compute_leaves=True
        )
        return start.astimezone(tz).date() if start else False

    def shaqra_count_working_days(self, date_from, date_to):
        """Working days after ``date_from`` up to and including ``date_to`` (C6 statistics).

        Counted like the deadline: the day of completion itself is not
        counted, so an answer given on the deadline took exactly the
        allowed number of working days.
        """
        self.ensure_one()
        if not date_from or not date_to or date_to <= date_from:
            return 0
        tz = pytz.timezone(self.tz or "UTC")
        start = tz.localize(datetime.combine(date_from + timedelta(days=1), time.min))
        end = tz.localize(datetime.combine(date_to + timedelta(days=1), time.min))
        intervals = self._work_intervals_batch(start, end, compute_leaves=True)[False]
        return len(
            {interval_start.astimezone(tz).date() for interval_start, _stop, _meta in intervals}
        )
