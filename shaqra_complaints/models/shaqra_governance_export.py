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
    right to left, a summary sheet first, then one sheet per clause group.
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
        """(label, value) of the summary sheet."""
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
        _ = self.env._
        return [
            (_("Requests answered (C6)"), answered),
            (_("Answered within the deadline (C6)"), met),
            (_("Answered late (C6)"), answered - met),
            (_("Deadlines met (%)"), round(100.0 * met / answered, 1) if answered else 0.0),
            (
                _("Complaints received (D1-D3)"),
                self.env["shaqra.complaint"].search_count(received),
            ),
            (_("Satisfaction invitations (G1)"), invited),
            (_("Satisfaction answers (G1)"), responded),
            (_("Visits done (G2-G4)"), visits),
        ]

    def action_export(self):
        """Build the xlsx into ``file`` and show it for download."""
        self.ensure_one()
        _ = self.env._
        lang = self.env.lang or "ar"
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"constant_memory": True})
        bold = workbook.add_format({"bold": True})
        # Summary first.
        summary = workbook.add_worksheet(_("Summary"))
        summary.right_to_left()
        summary.set_column(0, 0, 40)
        summary.set_column(1, 2, 24)
        summary.write_row(0, 0, [_("Governance evidence pack"), "", ""], bold)
        summary.write_row(
            1,
            0,
            [
                _("Period"),
                f"{self.date_from} - {self.date_to}",
                f"{format_hijri(self.date_from, lang)} - {format_hijri(self.date_to, lang)}",
            ],
        )
        for row, (label, value) in enumerate(self._summary_rows(), start=3):
            summary.write_row(row, 0, [label, value])
        # C6: every request answered in the period, in batches.
        sheet = workbook.add_worksheet(_("C6 Deadlines"))
        sheet.right_to_left()
        sheet.set_column(0, 8, 18)
        sheet.write_row(
            0,
            0,
            [
                _("Request"),
                _("Service"),
                _("Deadline"),
                _("Deadline (Hijri)"),
                _("Answered On"),
                _("Answered On (Hijri)"),
                _("Working Days Taken"),
                _("Deadline Met"),
            ],
            bold,
        )
        Request = self.env["shaqra.request"]
        row, offset = 1, 0
        names = ["name", "service_type_id", "date_deadline", "date_answered"]
        names += ["working_days_taken", "deadline_met"]
        while True:
            batch = Request.search_fetch(
                self._deadline_domain(), names, offset=offset, limit=BATCH, order="id"
            )
            if not batch:
                break
            for request in batch:
                answered = request.date_answered.date() if request.date_answered else False
                sheet.write_row(
                    row,
                    0,
                    [
                        request.name or "",
                        request.service_type_id.display_name or "",
                        str(request.date_deadline or ""),
                        format_hijri(request.date_deadline, lang),
                        str(answered or ""),
                        format_hijri(answered, lang),
                        request.working_days_taken,
                        _("Yes") if request.deadline_met else _("No"),
                    ],
                )
                row += 1
            offset += BATCH
            self.env.invalidate_all()
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
