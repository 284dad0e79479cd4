from datetime import date, datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError

try:
    from hijridate import Gregorian, Hijri
except ImportError:  # declared in external_dependencies; Odoo refuses to install without it
    Gregorian = Hijri = None

# hijridate covers the Umm al-Qura calendar for these Hijri years only.
HIJRI_MIN, HIJRI_MAX = 1343, 1500


def _to_date(hijri):
    """The Gregorian day of an Umm al-Qura date, as a plain ``datetime.date``."""
    gregorian = hijri.to_gregorian()
    return date(gregorian.year, gregorian.month, gregorian.day)


class ShaqraHolidayWizard(models.TransientModel):
    """Policy C6: Saudi official holidays are not working days.

    For one Hijri year it creates, as global leaves (no resource) of the
    calendar, whole days in the calendar's time zone:

    - Eid al-Fitr from 1 Shawwal and Eid al-Adha from 10 Dhu al-Hijjah, on
      the Umm al-Qura calendar (hijridate);
    - Founding Day (22 February) and National Day (23 September): the
      occurrences that fall inside the Hijri year, from 1 Muharram to its
      last day. A Hijri year is shorter than a Gregorian one, so running the
      wizard for consecutive Hijri years creates each occurrence exactly once.

    A holiday that overlaps a global leaf already on the calendar is skipped,
    so running it twice creates nothing new.
    """

    _name = "shaqra.holiday.wizard"
    _description = "Generate Saudi Official Holidays"

    @api.model
    def _default_hijri_year(self):
        if not Gregorian:
            return HIJRI_MIN
        return Gregorian.fromdate(fields.Date.context_today(self)).to_hijri().year

    @api.model
    def _default_calendar_id(self):
        return self.env.company._shaqra_service_calendar()

    hijri_year = fields.Integer(required=True, default=_default_hijri_year)
    calendar_id = fields.Many2one(
        "resource.calendar", string="Working Calendar", required=True, default=_default_calendar_id
    )
    fitr_days = fields.Integer(string="Eid al-Fitr (days)", default=4, required=True)
    adha_days = fields.Integer(string="Eid al-Adha (days)", default=4, required=True)
    founding_days = fields.Integer(string="Founding Day (days)", default=1, required=True)
    national_days = fields.Integer(string="National Day (days)", default=1, required=True)
    preview = fields.Text(compute="_compute_preview")

    @api.depends("hijri_year", "fitr_days", "adha_days", "founding_days", "national_days")
    def _compute_preview(self):
        for wizard in self:
            try:
                holidays = wizard._holidays()
            except UserError as error:
                wizard.preview = str(error)
                continue
            wizard.preview = "\n".join(
                f"{name}: {first} → {first + timedelta(days=days - 1)}"
                for name, first, days in holidays
            )

    def _holidays(self):
        """[(name, first Gregorian day, number of days)] of the Hijri year."""
        self.ensure_one()
        if not Hijri:
            raise UserError(self.env._("The hijridate Python package is not installed."))
        year = self.hijri_year
        if not HIJRI_MIN <= year < HIJRI_MAX:
            raise UserError(
                self.env._(
                    "The Hijri year must be between %(first)s and %(last)s.",
                    first=HIJRI_MIN,
                    last=HIJRI_MAX - 1,
                )
            )
        durations = (self.fitr_days, self.adha_days, self.founding_days, self.national_days)
        if any(days < 0 for days in durations):
            raise UserError(self.env._("The number of days of a holiday cannot be negative."))
        year_start = _to_date(Hijri(year, 1, 1)).toordinal()
        year_end = _to_date(Hijri(year + 1, 1, 1)).toordinal() - 1
        holidays = [
            (
                self.env._("Eid al-Fitr %(year)s", year=year),
                _to_date(Hijri(year, 10, 1)),
                self.fitr_days,
            ),
            (
                self.env._("Eid al-Adha %(year)s", year=year),
                _to_date(Hijri(year, 12, 10)),
                self.adha_days,
            ),
        ]
        first_year = date.fromordinal(year_start).year
        for gregorian_year in (first_year, first_year + 1):
            for month, day, name, days in (
                (
                    2,
                    22,
                    self.env._("Founding Day %(year)s", year=gregorian_year),
                    self.founding_days,
                ),
                (
                    9,
                    23,
                    self.env._("National Day %(year)s", year=gregorian_year),
                    self.national_days,
                ),
            ):
                holiday = date(gregorian_year, month, day)
                if year_start <= holiday.toordinal() <= year_end:
                    holidays.append((name, holiday, days))
        return sorted((h for h in holidays if h[2] > 0), key=lambda h: h[1])

    def _leave_values(self, name, first, days):
        """A global leave covering whole days in the calendar's time zone, in UTC."""
        tz = pytz.timezone(self.calendar_id.tz or "UTC")
        start = tz.localize(datetime.combine(first, time.min))
        stop = tz.localize(datetime.combine(first + timedelta(days=days - 1), time.max))
        return {
            "name": name,
            "calendar_id": self.calendar_id.id,
            "resource_id": False,
            "company_id": self.calendar_id.company_id.id or self.env.company.id,
            "date_from": start.astimezone(pytz.utc).replace(tzinfo=None, microsecond=0),
            "date_to": stop.astimezone(pytz.utc).replace(tzinfo=None, microsecond=0),
            "time_type": "leave",
        }

    def action_generate(self):
        self.ensure_one()
        if not self.env.user.has_group("shaqra_beneficiary.group_manager"):
            raise UserError(self.env._("Only a manager may generate the public holidays."))
        # Odoo lets only administrators write global leaves; the association's
        # managers keep its holiday calendar, so the check above stands in for it.
        Leave = self.env["resource.calendar.leaves"].sudo()
        to_create = []
        for name, first, days in self._holidays():
            values = self._leave_values(name, first, days)
            overlap = Leave.search_count(
                [
                    ("calendar_id", "=", self.calendar_id.id),
                    ("resource_id", "=", False),
                    ("date_from", "<=", values["date_to"]),
                    ("date_to", ">=", values["date_from"]),
                ]
            )
            if not overlap:
                to_create.append(values)
        leaves = Leave.create(to_create)
        message = (
            self.env._(
                "%(count)s public holiday(s) added to %(calendar)s for %(year)s AH.",
                count=len(leaves),
                calendar=self.calendar_id.display_name,
                year=self.hijri_year,
            )
            if leaves
            else self.env._(
                "The holidays of %(year)s AH are already on %(calendar)s: nothing added.",
                year=self.hijri_year,
                calendar=self.calendar_id.display_name,
            )
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Public holidays"),
                "message": message,
                "type": "success" if leaves else "info",
                "sticky": False,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
