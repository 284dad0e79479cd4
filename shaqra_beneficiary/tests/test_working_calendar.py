from datetime import date, datetime, time, timedelta

from pytz import timezone

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

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
        # Sunday (6) to Thursday (3), 08:00-12:00 and 12:00-16:00 in Riyadh.
        attendance = sorted(
            (a.dayofweek, a.hour_from, a.hour_to) for a in self.calendar.attendance_ids
        )
        self.assertEqual(
            attendance,
            sorted(
                (day, hours[0], hours[1])
                for day in ("6", "0", "1", "2", "3")
                for hours in ((8.0, 12.0), (12.0, 16.0))
            ),
        )
        self.assertEqual(self.calendar.tz, "Asia/Riyadh")
        self.assertEqual(self.calendar.hours_per_day, 8.0)

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


@tagged("post_install", "-at_install")
class TestAssociationCalendarData(TransactionCase):
    """Policy C6: the installed data, as it is, without the test bases setting
    the company's calendar themselves."""

    def test_c6_main_company_counts_on_the_associations_calendar(self):
        company = self.env.ref("base.main_company")
        data = self.env["ir.model.data"].search(
            [("module", "=", "shaqra_beneficiary"), ("name", "=", "resource_calendar_shaqra")]
        )
        self.assertEqual(data.model, "resource.calendar")
        self.assertEqual(company.shaqra_service_calendar_id.id, data.res_id)
        self.assertEqual(company._shaqra_service_calendar().id, data.res_id)
        self.assertEqual(
            company.shaqra_service_calendar_id.name,
            "Shaqra Association Working Week (Sunday-Thursday)",
        )

    def test_c6_working_hours_of_a_week_in_riyadh(self):
        """8 hours on each of Sunday to Thursday, none on Friday and Saturday."""
        calendar = self.env.ref("base.main_company").shaqra_service_calendar_id
        riyadh = timezone("Asia/Riyadh")
        hours = {}
        for offset in range(7):  # Sunday 1 to Saturday 7 November 2026
            day = date(2026, 11, 1) + timedelta(days=offset)
            start = riyadh.localize(datetime.combine(day, time.min))
            hours[day.strftime("%A")] = calendar.get_work_hours_count(
                start, start + timedelta(days=1), compute_leaves=False
            )
        self.assertEqual(
            hours,
            {
                "Sunday": 8.0,
                "Monday": 8.0,
                "Tuesday": 8.0,
                "Wednesday": 8.0,
                "Thursday": 8.0,
                "Friday": 0.0,
                "Saturday": 0.0,
            },
        )
