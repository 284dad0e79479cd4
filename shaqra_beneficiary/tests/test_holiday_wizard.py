from datetime import date, datetime

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import ShaqraRequestCommon


@tagged("post_install", "-at_install")
class TestHolidayWizard(ShaqraRequestCommon):
    """Policy C6: Saudi official holidays of a Hijri year, as global leaves."""

    def _generate(self, year=1448, **values):
        form = Form(self.env["shaqra.holiday.wizard"].with_user(self.user_manager))
        form.hijri_year = year
        form.calendar_id = self.calendar
        for name, value in values.items():
            setattr(form, name, value)
        return form.save().action_generate()

    def _leaves(self):
        return self.env["resource.calendar.leaves"].search(
            [("calendar_id", "=", self.calendar.id), ("resource_id", "=", False)],
            order="date_from",
        )

    def test_c6_holidays_of_1448(self):
        before = self._leaves()
        self._generate()
        leaves = self._leaves() - before
        by_name = {leave.name: leave for leave in leaves}
        self.assertEqual(
            sorted(by_name),
            sorted(
                [
                    "Eid al-Fitr 1448",
                    "Eid al-Adha 1448",
                    "Founding Day 2027",
                    "National Day 2026",
                ]
            ),
        )
        # Umm al-Qura: 1 Shawwal 1448 = 9 March 2027, 10 Dhu al-Hijjah = 16 May 2027;
        # whole days in Riyadh (UTC+3), stored in UTC.
        fitr = by_name["Eid al-Fitr 1448"]
        self.assertEqual(fitr.date_from, datetime(2027, 3, 8, 21, 0, 0))
        self.assertEqual(fitr.date_to, datetime(2027, 3, 12, 20, 59, 59))
        adha = by_name["Eid al-Adha 1448"]
        self.assertEqual(adha.date_from, datetime(2027, 5, 15, 21, 0, 0))
        self.assertEqual(adha.date_to, datetime(2027, 5, 19, 20, 59, 59))
        self.assertEqual(by_name["Founding Day 2027"].date_from, datetime(2027, 2, 21, 21, 0))
        self.assertEqual(by_name["National Day 2026"].date_from, datetime(2026, 9, 22, 21, 0))
        self.assertEqual(by_name["National Day 2026"].date_to, datetime(2026, 9, 23, 20, 59, 59))

    def test_c6_second_run_creates_no_duplicates(self):
        self._generate()
        count = len(self._leaves())
        action = self._generate()
        self.assertEqual(len(self._leaves()), count)
        self.assertEqual(action["params"]["type"], "info")

    def test_c6_durations_are_configurable(self):
        before = self._leaves()
        self._generate(fitr_days=2, adha_days=6, national_days=0)
        leaves = self._leaves() - before
        fitr = leaves.filtered(lambda leaf: leaf.name == "Eid al-Fitr 1448")
        self.assertEqual(fitr.date_to, datetime(2027, 3, 10, 20, 59, 59))
        adha = leaves.filtered(lambda leaf: leaf.name == "Eid al-Adha 1448")
        self.assertEqual(adha.date_to, datetime(2027, 5, 21, 20, 59, 59))
        self.assertFalse(leaves.filtered(lambda leaf: leaf.name.startswith("National Day")))

    def test_c6_generated_holidays_move_deadlines(self):
        self._generate()
        # National Day, Wednesday 23 September 2026, is not a working day:
        # from Sunday 13 September, 15 working days end on Monday 5 October.
        self.assertEqual(self.company.shaqra_deadline_for(date(2026, 9, 13)), date(2026, 10, 5))

    def test_c6_consecutive_years_do_not_overlap(self):
        self._generate(1447)
        self._generate(1448)
        names = self._leaves().mapped("name")
        self.assertEqual(names.count("National Day 2026"), 1)
        self.assertIn("Founding Day 2026", names)
        self.assertIn("National Day 2025", names)

    def test_c6_year_out_of_range(self):
        with self.assertRaises(UserError):
            self._generate(1200)
