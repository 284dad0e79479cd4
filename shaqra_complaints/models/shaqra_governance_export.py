import base64
import io
from datetime import datetime, time, timedelta

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.shaqra_beneficiary.tools.hijri import format_hijri

BATCH = 1000


class ShaqraGovernanceExport(models.TransientModel):
    """The governance evidence pack for a period (policy G5, G6, C6): one xlsx,
    right to left, a summary sheet first, then one sheet per clause group:
    C6 deadlines, notices by channel (A1-A6), complaints and settlements
    (D1-D3), compensation claims (C7-C10), satisfaction campaigns and visits
    (G1-G4), liaison officers (F1, G6), policy acknowledgements by department
    (ART4) and data corrections (F3); dates in Gregorian and Hijri.
    Rows are written in batches with xlsxwriter's constant memory mode, so a
    period of 100,000 requests is never loaded at once."""

    _name = "shaqra.governance.export"
    _description = "Governance Evidence Pack"

    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)
    file = fields.Binary(string="Evidence Pack", readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_to < wizard.date_from:
                raise ValidationError(self.env._("The period ends before it starts."))

    def _bounds(self):
        self.ensure_one()
        return (
            datetime.combine(self.date_from, time.min),
            datetime.combine(self.date_to + timedelta(days=1), time.min),
        )

    def _deadline_domain(self):
        start, end = self._bounds()
        return [("date_answered", ">=", start), ("date_answered", "<", end)]

    def _summary_rows(self):
        """(label, value) of the summary sheet, each one COUNT query."""
        self.ensure_one()
        start, end = self._bounds()
        Request = self.env["shaqra.request"]
        answered = Request.search_count(self._deadline_domain())
        met = Request.search_count([*self._deadline_domain(), ("deadline_met", "=", True)])
        received = [("date_received", ">=", start), ("date_received", "<", end)]
        campaigns = self.env["shaqra.satisfaction.campaign"].search(
            [("date_from", "<=", self.date_to), ("date_to", ">=", self.date_from)]
        )
        invited = sum(campaigns.mapped("invited_count"))
        responded = sum(campaigns.mapped("responded_count"))
        visits = self.env["shaqra.visit"].search_count(
            [("date", ">=", self.date_from), ("date", "<=", self.date_to), ("state", "=", "done")]
        )
        return [
            (self.env._("Requests answered (C6)"), answered),
            (self.env._("Answered within the deadline (C6)"), met),
            (self.env._("Answered late (C6)"), answered - met),
            (
                self.env._("Deadlines met (%)"),
                round(100.0 * met / answered, 1) if answered else 0.0,
            ),
            (
                self.env._("Complaints received (D1-D3)"),
                self.env["shaqra.complaint"].search_count(received),
            ),
            (self.env._("Satisfaction invitations (G1)"), invited),
            (self.env._("Satisfaction answers (G1)"), responded),
            (self.env._("Visits done (G2-G4)"), visits),
            (
                self.env._("Notices sent (A1-A6)"),
                self.env["shaqra.notification"].search_count(self._period_datetime("date")),
            ),
            (
                self.env._("Complaints settled amicably (D3)"),
                self.env["shaqra.complaint"].search_count(
                    [*received, ("outcome", "=", "settled")]
                ),
            ),
            (
                self.env._("Compensation claims opened (C7-C10)"),
                self.env["shaqra.compensation.claim"].search_count(
                    self._period_datetime("create_date")
                ),
            ),
            (
                self.env._("Data corrections asked (F3)"),
                self.env["shaqra.data.change.request"].search_count(
                    self._period_datetime("create_date")
                ),
            ),
        ]

    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------

    def _batches(self, model, domain, names):
        """The records of ``domain`` BATCH at a time in id order (each batch
        starts after the last id read, so no OFFSET grows with the period),
        the cache emptied after each batch: a period of 100,000 requests is
        never all in memory."""
        Model = self.env[model]
        last_id = 0
        while True:
            batch = Model.search_fetch(
                [*domain, ("id", ">", last_id)], names, limit=BATCH, order="id"
            )
            if not batch:
                return
            last_id = batch[-1].id
            yield from batch
            self.env.invalidate_all()

    def _day(self, value):
        """A date, or a UTC datetime as the user's local day."""
        if not value:
            return False
        if isinstance(value, datetime):
            return fields.Datetime.context_timestamp(self, value).date()
        return value

    def _dual(self, value):
        """(Gregorian, Hijri) texts of a date or datetime, empty if unset."""
        day = self._day(value)
        if not day:
            return ["", ""]
        return [str(day), format_hijri(day, self.env.lang or "ar")]

    def _label(self, model, field_name, value):
        if not value:
            return ""
        field = self.env[model]._fields[field_name]
        return dict(field._description_selection(self.env)).get(value, value)

    def _yes_no(self, value):
        return self.env._("Yes") if value else self.env._("No")

    def _rate(self, part, whole):
        return round(100.0 * part / whole, 1) if whole else 0.0

    def _sheet(self, workbook, title, headers, bold):
        sheet = workbook.add_worksheet(title)
        sheet.right_to_left()
        sheet.set_column(0, max(len(headers) - 1, 0), 20)
        sheet.write_row(0, 0, headers, bold)
        return sheet

    def _write_rows(self, sheet, rows, start=1):
        row = start
        for values in rows:
            sheet.write_row(row, 0, values)
            row += 1
        return row

    def _period_datetime(self, field_name):
        start, end = self._bounds()
        return [(field_name, ">=", start), (field_name, "<", end)]

    # ------------------------------------------------------------
    # SHEETS
    # ------------------------------------------------------------

    def _c6_rows(self):
        names = ["name", "service_type_id", "date_deadline", "date_answered"]
        names += ["working_days_taken", "deadline_met"]
        for request in self._batches("shaqra.request", self._deadline_domain(), names):
            yield [
                request.name or "",
                request.service_type_id.display_name or "",
                *self._dual(request.date_deadline),
                *self._dual(request.date_answered),
                request.working_days_taken,
                self._yes_no(request.deadline_met),
            ]

    def _notice_rows(self):
        """Policy A1-A6: the notices of the period by channel and status."""
        groups = self.env["shaqra.notification"]._read_group(
            self._period_datetime("date"), ["channel", "state"], ["__count"]
        )
        by_channel = {}
        for channel, state, count in groups:
            by_channel.setdefault(channel, {})[state] = count
        for channel, states in sorted(by_channel.items()):
            yield [
                self._label("shaqra.notification", "channel", channel),
                sum(states.values()),
                states.get("sent", 0),
                states.get("pending", 0),
                states.get("cancelled", 0),
                self._rate(states.get("sent", 0), sum(states.values())),
            ]

    def _complaint_rows(self):
        """Policy D1-D3: each complaint received in the period."""
        names = ["name", "kind", "channel", "date_received", "stage_id", "deadline_state"]
        names += ["outcome", "settlement_state", "settlement_signed_on", "working_days_taken"]
        Complaint = "shaqra.complaint"
        for complaint in self._batches(Complaint, self._period_datetime("date_received"), names):
            yield [
                complaint.name or "",
                self._label(Complaint, "kind", complaint.kind),
                self._label(Complaint, "channel", complaint.channel),
                *self._dual(complaint.date_received),
                complaint.stage_id.display_name or "",
                self._label(Complaint, "sla_state", complaint.sla_state),
                self._label(Complaint, "outcome", complaint.outcome),
                self._label(Complaint, "settlement_state", complaint.settlement_state),
                *self._dual(complaint.settlement_signed_on),
                complaint.working_days_taken,
            ]

    def _claim_rows(self):
        """Policy C7-C10: the compensation claims opened, settled or paid in the period."""
        # The OR of three ranges, each the AND of its two bounds.
        domain = [
            "|",
            "|",
            "&",
            *self._period_datetime("create_date"),
            "&",
            *self._period_datetime("settled_on"),
            "&",
            *self._period_datetime("date_paid"),
        ]
        names = ["name", "state", "beneficiary_id", "complaint_id", "amount_claimed"]
        names += ["amount_assessed", "amount_agreed", "amount_paid", "amount_due"]
        names += ["established_basis", "established_on", "settled_on", "date_paid"]
        Claim = "shaqra.compensation.claim"
        for claim in self._batches(Claim, domain, names):
            yield [
                claim.name or "",
                self._label(Claim, "state", claim.state),
                claim.beneficiary_id.display_name or "",
                claim.complaint_id.display_name or "",
                claim.amount_claimed,
                claim.amount_assessed,
                claim.amount_agreed,
                claim.amount_paid,
                claim.amount_due,
                self._label(Claim, "established_basis", claim.established_basis),
                *self._dual(claim.established_on),
                *self._dual(claim.settled_on),
                *self._dual(claim.date_paid),
            ]

    def _campaign_rows(self):
        """Policy G1: the campaigns of the period, counted by the database."""
        campaigns = self.env["shaqra.satisfaction.campaign"].search(
            [("date_from", "<=", self.date_to), ("date_to", ">=", self.date_from)],
            order="date_from, id",
        )
        counts = {}
        for campaign, state, count in (
            self.env["survey.user_input"]
            .sudo()
            ._read_group(
                [("shaqra_campaign_id", "in", campaigns.ids)],
                ["shaqra_campaign_id", "state"],
                ["__count"],
            )
        ):
            counts.setdefault(campaign.id, {})[state] = count
        scores = {}
        if campaigns:
            self.env.cr.execute(
                """
                SELECT ui.shaqra_campaign_id, AVG(a.answer_score)
                  FROM survey_user_input ui
                  JOIN shaqra_satisfaction_campaign sc ON sc.id = ui.shaqra_campaign_id
                  JOIN survey_user_input_line ln
                    ON ln.user_input_id = ui.id AND ln.question_id = sc.overall_question_id
                  JOIN survey_question_answer a ON a.id = ln.suggested_answer_id
                 WHERE ui.shaqra_campaign_id IN %s AND ui.state = 'done'
                 GROUP BY ui.shaqra_campaign_id
                """,
                (tuple(campaigns.ids),),
            )
            scores = dict(self.env.cr.fetchall())
        for campaign in campaigns:
            states = counts.get(campaign.id, {})
            invited, done = sum(states.values()), states.get("done", 0)
            yield [
                campaign.name,
                *self._dual(campaign.date_from),
                *self._dual(campaign.date_to),
                invited,
                done,
                self._rate(done, invited),
                round(float(scores.get(campaign.id) or 0.0), 2),
            ]

    def _visit_rows(self):
        """Policy G2-G4: the visits of the period."""
        domain = [("date", ">=", self.date_from), ("date", "<=", self.date_to)]
        names = ["visit_type", "date", "beneficiary_id", "department_id", "visitor_id"]
        names += ["state", "score"]
        for visit in self._batches("shaqra.visit", domain, names):
            yield [
                self._label("shaqra.visit", "visit_type", visit.visit_type),
                *self._dual(visit.date),
                visit.beneficiary_id.display_name or visit.department_id.display_name or "",
                visit.visitor_id.display_name or "",
                self._label("shaqra.visit", "state", visit.state),
                visit.score,
            ]

    def _officer_rows(self):
        """Policy F1, G6: each liaison officer's period, grouped by the database."""
        Request = self.env["shaqra.request"]
        received = dict(
            Request._read_group(
                [*self._period_datetime("create_date"), ("liaison_officer_id", "!=", False)],
                ["liaison_officer_id"],
                ["__count"],
            )
        )
        answered, met = {}, {}
        for officer, deadline_met, count in Request._read_group(
            [*self._deadline_domain(), ("liaison_officer_id", "!=", False)],
            ["liaison_officer_id", "deadline_met"],
            ["__count"],
        ):
            answered[officer] = answered.get(officer, 0) + count
            if deadline_met:
                met[officer] = met.get(officer, 0) + count
        complaints = dict(
            self.env["shaqra.complaint"]._read_group(
                [*self._period_datetime("date_received"), ("liaison_officer_id", "!=", False)],
                ["liaison_officer_id"],
                ["__count"],
            )
        )
        start, end = self._bounds()
        self.env.cr.execute(
            """
            SELECT b.liaison_officer_id, COUNT(DISTINCT ui.id), AVG(a.answer_score)
              FROM survey_user_input ui
              JOIN shaqra_satisfaction_campaign sc ON sc.id = ui.shaqra_campaign_id
              JOIN shaqra_beneficiary b ON b.id = ui.shaqra_beneficiary_id
              JOIN survey_user_input_line ln
                ON ln.user_input_id = ui.id AND ln.question_id = sc.overall_question_id
              JOIN survey_question_answer a ON a.id = ln.suggested_answer_id
             WHERE ui.state = 'done' AND b.liaison_officer_id IS NOT NULL
               AND COALESCE(ui.end_datetime, ui.write_date) >= %s
               AND COALESCE(ui.end_datetime, ui.write_date) < %s
             GROUP BY b.liaison_officer_id
            """,
            (start, end),
        )
        Employee = self.env["hr.employee"]
        satisfaction = {Employee.browse(row[0]): row[1:] for row in self.env.cr.fetchall()}
        officers = Employee.union(*received, *answered, *complaints, *satisfaction).sorted("name")
        last = {}
        for evaluation in self.env["shaqra.officer.evaluation"].search(
            [("employee_id", "in", officers.ids), ("state", "=", "recorded")],
            order="date_to desc, id desc",
        ):
            last.setdefault(evaluation.employee_id, evaluation)
        for officer in officers:
            answers, score = satisfaction.get(officer, (0, None))
            evaluation = last.get(officer)
            yield [
                officer.name,
                received.get(officer, 0),
                answered.get(officer, 0),
                met.get(officer, 0),
                self._rate(met.get(officer, 0), answered.get(officer, 0)),
                complaints.get(officer, 0),
                answers,
                round(float(score), 2) if score is not None else "",
                self._label("shaqra.officer.evaluation", "rating", evaluation.rating)
                if evaluation
                else "",
                *self._dual(evaluation.date_to if evaluation else False),
            ]

    def _acknowledgement_rows(self):
        """Policy ART4: signatures of the documents in force, by department.

        Counted as superuser: numbers by department, no names (HR has those)."""
        groups = (
            self.env["shaqra.policy.acknowledgement"]
            .sudo()
            ._read_group(
                [
                    ("policy_id.state", "=", "published"),
                    ("company_id", "in", self.env.companies.ids),
                ],
                ["department_id", "state"],
                ["__count"],
            )
        )
        by_department = {}
        for department, state, count in groups:
            by_department.setdefault(department, {})[state] = count
        for department, states in sorted(
            by_department.items(), key=lambda item: item[0].name or ""
        ):
            total, signed = sum(states.values()), states.get("acknowledged", 0)
            yield [
                department.name or self.env._("No department"),
                total,
                signed,
                states.get("pending", 0),
                self._rate(signed, total),
            ]

    def _correction_rows(self):
        """Policy F3: the beneficiaries' data corrections asked in the period."""
        names = ["create_date", "beneficiary_id", "line_ids", "state", "reviewed_by_id"]
        names += ["reviewed_on"]
        Correction = "shaqra.data.change.request"
        for correction in self._batches(Correction, self._period_datetime("create_date"), names):
            yield [
                *self._dual(correction.create_date),
                correction.beneficiary_id.display_name or "",
                len(correction.line_ids),
                self._label(Correction, "state", correction.state),
                correction.reviewed_by_id.display_name or "",
                *self._dual(correction.reviewed_on),
            ]

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_export(self):
        """Build the xlsx into ``file`` and show it for download: the summary,
        then one sheet per clause group."""
        self.ensure_one()
        # Some sheets are counted in SQL: pending writes first.
        self.env.flush_all()
        lang = self.env.lang or "ar"
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"constant_memory": True})
        bold = workbook.add_format({"bold": True})
        # Summary first.
        summary = workbook.add_worksheet(self.env._("Summary"))
        summary.right_to_left()
        summary.set_column(0, 0, 40)
        summary.set_column(1, 2, 24)
        summary.write_row(0, 0, [self.env._("Governance evidence pack"), "", ""], bold)
        summary.write_row(
            1,
            0,
            [
                self.env._("Period"),
                f"{self.date_from} - {self.date_to}",
                f"{format_hijri(self.date_from, lang)} - {format_hijri(self.date_to, lang)}",
            ],
        )
        for row, (label, value) in enumerate(self._summary_rows(), start=3):
            summary.write_row(row, 0, [label, value])
        gregorian, hijri = self.env._("(Gregorian)"), self.env._("(Hijri)")

        def dual(label):
            return [f"{label} {gregorian}", f"{label} {hijri}"]

        sheets = [
            (
                self.env._("C6 Deadlines"),
                [
                    self.env._("Request"),
                    self.env._("Service"),
                    self.env._("Deadline"),
                    self.env._("Deadline (Hijri)"),
                    self.env._("Answered On"),
                    self.env._("Answered On (Hijri)"),
                    self.env._("Working Days Taken"),
                    self.env._("Deadline Met"),
                ],
                [self._c6_rows()],
            ),
            (
                self.env._("A1-A6 Notices"),
                [
                    self.env._("Channel"),
                    self.env._("Notices"),
                    self.env._("Delivered"),
                    self.env._("To deliver"),
                    self.env._("Cancelled"),
                    self.env._("Delivered (%)"),
                ],
                [self._notice_rows()],
            ),
            (
                self.env._("D1-D3 Complaints"),
                [
                    self.env._("Number"),
                    self.env._("Kind"),
                    self.env._("Channel"),
                    *dual(self.env._("Received On")),
                    self.env._("Stage"),
                    self.env._("SLA"),
                    self.env._("Outcome"),
                    self.env._("Settlement"),
                    *dual(self.env._("Settlement Signed On")),
                    self.env._("Working Days Taken"),
                ],
                [self._complaint_rows()],
            ),
            (
                self.env._("C7-C10 Compensation"),
                [
                    self.env._("Claim"),
                    self.env._("Status"),
                    self.env._("Beneficiary"),
                    self.env._("Complaint"),
                    self.env._("Amount Claimed"),
                    self.env._("Amount Assessed"),
                    self.env._("Amount Agreed"),
                    self.env._("Amount Paid"),
                    self.env._("Amount Due"),
                    self.env._("Established By"),
                    *dual(self.env._("Established On")),
                    *dual(self.env._("Settled On")),
                    *dual(self.env._("Paid On")),
                ],
                [self._claim_rows()],
            ),
            (
                self.env._("G1-G4 Satisfaction Visits"),
                [
                    self.env._("Campaign"),
                    *dual(self.env._("From")),
                    *dual(self.env._("To")),
                    self.env._("Invited"),
                    self.env._("Responded"),
                    self.env._("Response Rate (%)"),
                    self.env._("Average Score"),
                ],
                [
                    self._campaign_rows(),
                    [[]],
                    [
                        [
                            self.env._("Visit"),
                            *dual(self.env._("Date")),
                            self.env._("Beneficiary or Office"),
                            self.env._("Visitor"),
                            self.env._("Status"),
                            self.env._("Score"),
                        ]
                    ],
                    self._visit_rows(),
                ],
            ),
            (
                self.env._("F1-G6 Liaison Officers"),
                [
                    self.env._("Liaison Officer"),
                    self.env._("Requests Received"),
                    self.env._("Requests Answered"),
                    self.env._("Answered on Time"),
                    self.env._("Deadlines Met (%)"),
                    self.env._("Complaints"),
                    self.env._("Satisfaction Answers"),
                    self.env._("Average Satisfaction"),
                    self.env._("Last Evaluation"),
                    *dual(self.env._("Last Evaluation Period End")),
                ],
                [self._officer_rows()],
            ),
            (
                self.env._("ART4 Acknowledgements"),
                [
                    self.env._("Department"),
                    self.env._("Distributed"),
                    self.env._("Signed"),
                    self.env._("Pending"),
                    self.env._("Compliance (%)"),
                ],
                [self._acknowledgement_rows()],
            ),
            (
                self.env._("F3 Data Corrections"),
                [
                    *dual(self.env._("Asked On")),
                    self.env._("Beneficiary"),
                    self.env._("Changes"),
                    self.env._("Status"),
                    self.env._("Reviewed By"),
                    *dual(self.env._("Reviewed On")),
                ],
                [self._correction_rows()],
            ),
        ]
        for title, headers, blocks in sheets:
            sheet = self._sheet(workbook, title, headers, bold)
            row = 1
            for rows in blocks:
                row = self._write_rows(sheet, rows, start=row)
        workbook.close()
        self.write(
            {
                "file": base64.b64encode(output.getvalue()),
                "file_name": f"governance_{self.date_from}_{self.date_to}.xlsx",
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
