from datetime import date, datetime, time, timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ShaqraCommon


@tagged("post_install", "-at_install")
class TestWorkingCalendar(ShaqraCommon):
    """Policy C6: 15 working days, Sunday to Thursday, holidays excluded."""

    def _holiday(self, day):
        # A whole day in Asia/Riyadh (UTC+3), stored in UTC like every datetime.
        start = datetime.combine(day, time.min) - timedelta(hours=3)
        return self.env["resource.calendar.leaves"].create(
            {
                "name": "Holiday",
                "calendar_id": self.calendar.id,
                "date_from": start,
                "date_to": start + timedelta(hours=23, minutes=59, seconds=59),
            }
        )

    def test_c6_calendar_is_sunday_to_thursday(self):
        days = set(self.calendar.attendance_ids.mapped("dayofweek"))
        self.assertEqual(days, {"6", "0", "1", "2", "3"})
        self.assertEqual(self.calendar.tz, "Asia/Riyadh")
        self.assertEqual(self.company._shaqra_service_calendar(), self.calendar)

    def test_c6_deadline_from_sunday(self):
        self.assertEqual(self.company.shaqra_deadline_for(date(2026, 11, 1)), date(2026, 11, 22))

    def test_c6_deadline_skips_holiday(self):
        self._holiday(date(2026, 11, 10))
        self.assertEqual(self.company.shaqra_deadline_for(date(2026, 11, 1)), date(2026, 11, 23))

    def test_c6_deadline_from_weekend(self):
        self.assertEqual(self.company.shaqra_deadline_for(date(2026, 11, 6)), date(2026, 11, 26))

    def test_c6_deadline_accepts_strings_for_rpc(self):
        self.assertEqual(self.company.shaqra_deadline_for("2026-11-01"), date(2026, 11, 22))

    def test_c6_one_working_day(self):
        # Thursday -> the next working day is Sunday.
        self.assertEqual(
            self.company.shaqra_deadline_for(date(2026, 11, 5), days=1), date(2026, 11, 8)
        )

    def test_c6_zero_days_is_refused(self):
        with self.assertRaises(UserError):
            self.company.shaqra_deadline_for(date(2026, 11, 1), days=0)

    def test_c6_fallback_calendar(self):
        self.company.shaqra_service_calendar_id = False
        self.assertEqual(self.company._shaqra_service_calendar(), self.calendar)
