from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .shaqra_volunteer import COORDINATOR_GROUP


class ShaqraVolunteerAssignment(models.Model):
    """A volunteer's application to an opportunity and, once accepted, their shift.

    The status, the decision and the check-in/check-out times are evidence:
    only the actions set them. Accepting respects the opportunity's seats.
    """

    _name = "shaqra.volunteer.assignment"
    _description = "Volunteer Assignment"
    _inherit = ["mail.thread", "mail.activity.mixin", "shaqra.evidence.mixin"]
    _order = "id desc"
    _rec_name = "opportunity_id"
    _check_company_auto = True
    _evidence_fields = ("state", "decided_by_id", "decided_on", "check_in", "check_out")

    volunteer_id = fields.Many2one(
        "shaqra.volunteer",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        tracking=True,
    )
    opportunity_id = fields.Many2one(
        "shaqra.volunteer.opportunity",
        string="Opportunity",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        tracking=True,
    )
    company_id = fields.Many2one(related="opportunity_id.company_id", store=True, index=True)
    supervisor_id = fields.Many2one(related="opportunity_id.supervisor_id", store=True)
    date_start = fields.Date(related="opportunity_id.date_start")
    state = fields.Selection(
        [
            ("applied", "Applied"),
            ("accepted", "Accepted"),
            ("declined", "Declined"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        string="Status",
        required=True,
        default="applied",
        readonly=True,
        tracking=True,
        index=True,
    )
    motivation = fields.Text(help="What the volunteer wrote when applying.")
    decided_by_id = fields.Many2one("res.users", string="Decided By", readonly=True)
    decided_on = fields.Datetime(readonly=True)
    check_in = fields.Datetime(string="Checked In", readonly=True)
    check_out = fields.Datetime(string="Checked Out", readonly=True)
    hours_ids = fields.One2many("shaqra.volunteer.hours", "assignment_id", string="Hours")
    hours_approved = fields.Float(compute="_compute_hours_approved", string="Approved Hours")

    _sql_constraints = [
        (
            "volunteer_opportunity_uniq",
            "unique(volunteer_id, opportunity_id)",
            "The volunteer has already applied to this opportunity.",
        ),
    ]

    def _compute_hours_approved(self):
        for assignment in self:
            assignment.hours_approved = sum(
                assignment.sudo()
                .hours_ids.filtered(lambda h: h.state == "approved")
                .mapped("hours")
            )

    @api.depends("volunteer_id", "opportunity_id")
    def _compute_display_name(self):
        for assignment in self:
            assignment.display_name = self.env._(
                "%(opportunity)s - %(volunteer)s",
                opportunity=assignment.opportunity_id.sudo().name or "",
                volunteer=assignment.volunteer_id.sudo().name or "",
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("state") == "applied":
                del vals["state"]
        assignments = super().create(vals_list)
        for assignment in assignments:
            if assignment.volunteer_id.state != "active":
                raise UserError(
                    self.env._(
                        "Only an active volunteer can apply to an opportunity (%(name)s).",
                        name=assignment.volunteer_id.name,
                    )
                )
        return assignments

    def write(self, vals):
        if not self._evidence_allowed():
            self._evidence_check_vals(vals)
            if not self.env.user.has_group(COORDINATOR_GROUP):
                raise AccessError(
                    self.env._("Only a volunteer coordinator can change an application.")
                )
        return super().write(vals)

    def _check_staff(self):
        """The opportunity's supervisor or a volunteer coordinator decides."""
        if self.env.su or self.env.user.has_group(COORDINATOR_GROUP):
            return
        if self.filtered(lambda a: a.supervisor_id != self.env.user):
            raise AccessError(
                self.env._(
                    "Only the opportunity's supervisor or a volunteer coordinator can do this."
                )
            )

    def _check_state(self, allowed):
        if self.filtered(lambda a: a.state not in allowed):
            raise UserError(self.env._("This is not possible in the assignment's status."))

    def action_accept(self):
        """Accept the volunteer, within the opportunity's seats."""
        self._check_staff()
        self._check_state(("applied", "declined"))
        for assignment in self:
            opportunity = assignment.opportunity_id
            # One acceptance at a time per opportunity: the seats hold.
            self.env.cr.execute(
                "SELECT id FROM shaqra_volunteer_opportunity WHERE id = %s FOR UPDATE",
                [opportunity.id],
            )
            opportunity.invalidate_recordset(["seats_taken", "seats_available"])
            taken = self.sudo().search_count(
                [("opportunity_id", "=", opportunity.id), ("state", "in", ("accepted", "done"))]
            )
            if taken >= opportunity.seats:
                raise UserError(
                    self.env._(
                        "%(opportunity)s is full: its %(seats)s seats are taken.",
                        opportunity=opportunity.name,
                        seats=opportunity.seats,
                    )
                )
            assignment._evidence_write(
                {
                    "state": "accepted",
                    "decided_by_id": self.env.uid,
                    "decided_on": fields.Datetime.now(),
                }
            )
        return True

    def action_decline(self):
        self._check_staff()
        self._check_state(("applied", "accepted"))
        self._evidence_write(
            {
                "state": "declined",
                "decided_by_id": self.env.uid,
                "decided_on": fields.Datetime.now(),
            }
        )
        return True

    def action_check_in(self):
        self._check_staff()
        self._check_state(("accepted",))
        if self.filtered("check_in"):
            raise UserError(self.env._("The volunteer has already checked in."))
        self._evidence_write({"check_in": fields.Datetime.now()})
        return True

    def action_check_out(self):
        self._check_staff()
        self._check_state(("accepted",))
        if self.filtered(lambda a: not a.check_in or a.check_out):
            raise UserError(self.env._("Check the volunteer in before checking them out."))
        self._evidence_write({"check_out": fields.Datetime.now(), "state": "done"})
        return True

    def action_cancel(self):
        """The volunteer withdraws an application, or staff cancel it."""
        volunteer_user = self.volunteer_id.user_id
        if not (len(volunteer_user) == 1 and volunteer_user == self.env.user):
            self._check_staff()
        self._check_state(("applied", "accepted"))
        self._evidence_write({"state": "cancelled"})
        return True
