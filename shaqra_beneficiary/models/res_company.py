from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    shaqra_service_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Beneficiary Service Calendar",
        help="Working days and public holidays on which the association counts "
        "the 15 working days it has to answer a complete request (policy C6).",
        check_company=True,
    )
    shaqra_reminder_days = fields.Integer(
        string="Reminder Before Deadline (Working Days)",
        default=3,
        help="How many working days before the answer is due the liaison officer "
        "gets a reminder activity (policy C6).",
    )
    shaqra_escalation_user_id = fields.Many2one(
        "res.users",
        string="Escalate Overdue Requests To",
        domain=[("share", "=", False)],
        help="Manager who receives an activity when a request passes its deadline "
        "(policy C6, G6). When empty, the liaison officer's manager, then any "
        "beneficiary services manager, is used.",
    )

    _sql_constraints = [
        (
            "shaqra_reminder_days_positive",
            "check(shaqra_reminder_days >= 0)",
            "The reminder cannot be a negative number of working days.",
        ),
    ]

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _shaqra_service_calendar(self):
        """The calendar that counts service deadlines for this company.

        Falls back to the association's seeded working week, then to the
        company's own working hours, so that a deadline is never computed
        on a calendar-less company.
        """
        self.ensure_one()
        return (
            self.shaqra_service_calendar_id
            or self.env.ref(
                "shaqra_beneficiary.resource_calendar_shaqra",
                raise_if_not_found=False,
            )
            or self.resource_calendar_id
        )

    def shaqra_deadline_for(self, date_from, days=15):
        """Return the deadline for something completed on ``date_from`` (C6).

        Public so that integrations can ask for it over JSON-RPC: the
        ``days``-th working day after ``date_from`` on the company's
        beneficiary-service calendar, public holidays excluded.
        """
        self.ensure_one()
        return self._shaqra_service_calendar().shaqra_add_working_days(
            fields.Date.to_date(date_from), days
        )
