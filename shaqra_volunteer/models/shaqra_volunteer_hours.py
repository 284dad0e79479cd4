import io

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.shaqra_beneficiary.tools import validation

from .shaqra_volunteer import COORDINATOR_GROUP

MAX_HOURS_PER_DAY = 24.0


class ShaqraVolunteerHours(models.Model):
    """Hours a volunteer gave, logged by the volunteer (portal) or by staff.

    The volunteer submits; the opportunity's supervisor or a coordinator
    approves or rejects. Who approved and when are evidence, set only by
    :meth:`action_approve`; a volunteer never approves their own hours.
    """

    _name = "shaqra.volunteer.hours"
    _description = "Volunteer Hours"
    _inherit = ["mail.thread", "shaqra.evidence.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _evidence_fields = (
        "state",
        "submitted_on",
        "approved_by_id",
        "approved_on",
        "rejected_by_id",
    )
    _evidence_frozen_fields = ("volunteer_id", "assignment_id", "date", "hours", "activity")

    volunteer_id = fields.Many2one(
        "shaqra.volunteer",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        tracking=True,
    )
    company_id = fields.Many2one(related="volunteer_id.company_id", store=True, index=True)
    assignment_id = fields.Many2one(
        "shaqra.volunteer.assignment",
        string="Assignment",
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('volunteer_id', '=', volunteer_id), ('state', 'in', ('accepted', 'done'))]",
    )
    opportunity_id = fields.Many2one(
        related="assignment_id.opportunity_id", store=True, index=True, string="Opportunity"
    )
    supervisor_id = fields.Many2one(related="assignment_id.supervisor_id", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    hours = fields.Float(required=True, tracking=True)
    activity = fields.Char(
        string="What Was Done", required=True, help="What the volunteer did in these hours."
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        string="Status",
        required=True,
        default="draft",
        readonly=True,
        tracking=True,
        index=True,
    )
    submitted_on = fields.Datetime(readonly=True, copy=False)
    approved_by_id = fields.Many2one(
        "res.users", string="Approved By", readonly=True, copy=False, tracking=True
    )
    approved_on = fields.Datetime(readonly=True, copy=False)
    rejected_by_id = fields.Many2one("res.users", string="Rejected By", readonly=True, copy=False)
    reject_reason = fields.Char(string="Reason for Rejection", readonly=True, copy=False)

    @api.depends("volunteer_id", "date", "hours")
    def _compute_display_name(self):
        for line in self:
            line.display_name = self.env._(
                "%(volunteer)s: %(hours)s h on %(date)s",
                volunteer=line.volunteer_id.sudo().name or "",
                hours=line.hours,
                date=line.date or "",
            )

    @api.constrains("hours", "date", "volunteer_id", "assignment_id", "activity")
    def _check_values(self):
        today = fields.Date.context_today(self)
        for line in self:
            if not 0 < line.hours <= MAX_HOURS_PER_DAY:
                raise ValidationError(
                    self.env._("Hours are more than 0 and at most 24 for a day.")
                )
            if line.date > today:
                raise ValidationError(self.env._("Hours cannot be logged for a future date."))
            validation.check_length(line, "activity", line.activity, validation.MAX_CHAR_LENGTH)
            if line.assignment_id and line.assignment_id.volunteer_id != line.volunteer_id:
                raise ValidationError(self.env._("The assignment belongs to another volunteer."))
            total = sum(
                self.sudo()
                .search(
                    [
                        ("volunteer_id", "=", line.volunteer_id.id),
                        ("date", "=", line.date),
                        ("state", "!=", "rejected"),
                    ]
                )
                .mapped("hours")
            )
            if total > MAX_HOURS_PER_DAY:
                raise ValidationError(
                    self.env._(
                        "%(name)s would have %(total)s hours on %(date)s: a day has 24.",
                        name=line.volunteer_id.name,
                        total=total,
                        date=line.date,
                    )
                )

    def _evidence_is_frozen(self):
        return self.state in ("submitted", "approved")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("state") == "draft":
                del vals["state"]
        lines = super().create(vals_list)
        if lines.volunteer_id.filtered(lambda v: v.state != "active"):
            raise UserError(self.env._("Hours are logged only for an active volunteer."))
        if self.env.user.share:
            lines._check_own()
            if lines.assignment_id.filtered(lambda a: a.state not in ("accepted", "done")):
                raise UserError(
                    self.env._("Log hours only on an assignment you were accepted for.")
                )
        return lines

    def write(self, vals):
        if not self._evidence_allowed() and not self.env.user.share:
            self._evidence_check_vals(vals)
            if not self._is_coordinator():
                # A supervisor approves or rejects; the hours stay as logged.
                raise AccessError(
                    self.env._("Only the volunteer or a volunteer coordinator can change hours.")
                )
        if self.env.user.share and not self._evidence_allowed():
            # Evidence first, so that a forged approval is called what it is.
            self._evidence_check_vals(vals)
            self._check_own()
            if self.filtered(lambda h: h.state != "draft"):
                raise UserError(self.env._("Only hours still in draft can be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        if self.filtered(lambda h: h.state == "approved"):
            raise UserError(self.env._("Approved hours are evidence and cannot be deleted."))

    def _check_own(self):
        partner = self.env.user.partner_id
        if self.filtered(lambda h: h.volunteer_id.partner_id != partner):
            raise AccessError(self.env._("You can only log your own hours."))

    def _is_coordinator(self):
        return self.env.su or self.env.user.has_group(COORDINATOR_GROUP)

    def action_submit(self):
        """Send the hours to the supervisor for approval."""
        if not self._is_coordinator():
            self._check_own()
        if self.filtered(lambda h: h.state not in ("draft", "rejected")):
            raise UserError(self.env._("Only draft or rejected hours can be submitted."))
        self._evidence_write(
            {
                "state": "submitted",
                "submitted_on": fields.Datetime.now(),
                "rejected_by_id": False,
            }
        )
        self.sudo().write({"reject_reason": False})
        return True

    def _check_approver(self):
        user = self.env.user
        for line in self:
            if line.volunteer_id.partner_id == user.partner_id:
                raise AccessError(self.env._("A volunteer cannot approve their own hours."))
            if not (self._is_coordinator() or (line.supervisor_id and line.supervisor_id == user)):
                raise AccessError(
                    self.env._(
                        "Only the opportunity's supervisor or a volunteer coordinator can "
                        "approve or reject hours."
                    )
                )
        if self.filtered(lambda h: h.state != "submitted"):
            raise UserError(self.env._("Only submitted hours can be approved or rejected."))

    def action_approve(self):
        """The supervisor approves: who and when are recorded here only."""
        self._check_approver()
        self._evidence_write(
            {
                "state": "approved",
                "approved_by_id": self.env.uid,
                "approved_on": fields.Datetime.now(),
            }
        )
        return True

    def action_reject(self, reason=None):
        self._check_approver()
        self._evidence_write({"state": "rejected", "rejected_by_id": self.env.uid})
        if reason:
            validation.check_length(self[:1], "reject_reason", reason, validation.MAX_CHAR_LENGTH)
            self.sudo().write({"reject_reason": reason})
        return True

    # ------------------------------------------------------------
    # EXPORT
    # ------------------------------------------------------------

    @api.model
    def _national_platform_xlsx(self, domain=None):
        """Approved hours for the national volunteering platform: the volunteer's
        national ID, the opportunity, the dates and the hours. Returns the bytes."""
        if not self._is_coordinator():
            raise AccessError(
                self.env._("Only a volunteer coordinator can export the volunteer hours.")
            )
        lines = self.search(
            [("state", "=", "approved"), *(domain or [])], order="volunteer_id, date"
        )
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        bold = workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        sheet = workbook.add_worksheet(self.env._("Approved Hours"))
        if (self.env.user.lang or "").startswith("ar"):
            sheet.right_to_left()
        headers = [
            self.env._("National ID / Iqama"),
            self.env._("Volunteer"),
            self.env._("Opportunity"),
            self.env._("Date"),
            self.env._("Hours"),
            self.env._("What Was Done"),
            self.env._("Approved By"),
        ]
        sheet.write_row(0, 0, headers, bold)
        for row, line in enumerate(lines, start=1):
            volunteer = line.volunteer_id.sudo()
            sheet.write_row(
                row,
                0,
                [volunteer.national_id, volunteer.name, line.opportunity_id.name or ""],
            )
            sheet.write_datetime(row, 3, fields.Datetime.to_datetime(line.date), date_format)
            sheet.write_number(row, 4, line.hours)
            sheet.write_row(row, 5, [line.activity or "", line.approved_by_id.name or ""])
        sheet.set_column(0, 6, 22)
        sheet.autofilter(0, 0, max(len(lines), 1), len(headers) - 1)
        workbook.close()
        return output.getvalue()

    def action_export_national_platform(self):
        """Download the approved hours (of the selection, or all) as a workbook."""
        domain = [("id", "in", self.ids)] if self else None
        content = self._national_platform_xlsx(domain)
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": "volunteer-hours.xlsx",
                    "raw": content,
                    "mimetype": "application/vnd.openxmlformats-officedocument."
                    "spreadsheetml.sheet",
                    "res_model": self._name,
                    "public": False,
                }
            )
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }
