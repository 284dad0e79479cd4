from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.shaqra_beneficiary.tools import validation


class ShaqraVolunteerOpportunity(models.Model):
    """A volunteering need: what, where, when, how many volunteers (B3)."""

    _name = "shaqra.volunteer.opportunity"
    _description = "Volunteer Opportunity"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Title", required=True, tracking=True, translate=False)
    description = fields.Html(sanitize=True)
    field_id = fields.Many2one(
        "shaqra.work.field", string="Field of Work", ondelete="restrict", tracking=True
    )
    skill_ids = fields.Many2many("shaqra.volunteer.skill", string="Skills Needed")
    place = fields.Char(tracking=True)
    date_start = fields.Date(string="Start Date", required=True, tracking=True)
    date_end = fields.Date(string="End Date", tracking=True)
    seats = fields.Integer(
        required=True,
        default=1,
        tracking=True,
        help="How many volunteers the opportunity takes: accepting more is refused.",
    )
    supervisor_id = fields.Many2one(
        "res.users",
        string="Supervisor",
        domain=[("share", "=", False)],
        tracking=True,
        help="Accepts the volunteers' applications and approves their hours.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    is_published = fields.Boolean(
        string="Published",
        tracking=True,
        help="Shown on the website and the portal, where active volunteers apply.",
    )
    active = fields.Boolean(default=True)
    assignment_ids = fields.One2many(
        "shaqra.volunteer.assignment", "opportunity_id", string="Applications"
    )
    seats_taken = fields.Integer(compute="_compute_seats", string="Volunteers Accepted")
    seats_available = fields.Integer(compute="_compute_seats", string="Seats Left")
    hours_approved = fields.Float(compute="_compute_hours_approved", string="Approved Hours")

    @api.depends("seats", "assignment_ids.state")
    def _compute_seats(self):
        for opportunity in self:
            taken = len(
                opportunity.sudo().assignment_ids.filtered(
                    lambda a: a.state in ("accepted", "done")
                )
            )
            opportunity.seats_taken = taken
            opportunity.seats_available = max(opportunity.seats - taken, 0)

    def _compute_hours_approved(self):
        groups = (
            self.env["shaqra.volunteer.hours"]
            .sudo()
            ._read_group(
                [("opportunity_id", "in", self.ids), ("state", "=", "approved")],
                ["opportunity_id"],
                ["hours:sum"],
            )
        )
        totals = {opportunity.id: total for opportunity, total in groups}
        for opportunity in self:
            opportunity.hours_approved = totals.get(opportunity.id, 0.0)

    @api.constrains("seats", "date_start", "date_end", "name", "place")
    def _check_values(self):
        for opportunity in self:
            if opportunity.seats < 1 or opportunity.seats > 10000:
                raise ValidationError(
                    self.env._("An opportunity takes between 1 and 10000 volunteers.")
                )
            if opportunity.date_end and opportunity.date_end < opportunity.date_start:
                raise ValidationError(self.env._("The end date is before the start date."))
            validation.check_length(
                opportunity, "name", opportunity.name, validation.MAX_NAME_LENGTH
            )
            validation.check_length(
                opportunity, "place", opportunity.place, validation.MAX_NAME_LENGTH
            )

    def _is_open(self):
        self.ensure_one()
        today = fields.Date.context_today(self)
        return self.active and self.is_published and (not self.date_end or self.date_end >= today)

    def action_publish(self):
        self.write({"is_published": True})
        return True

    def action_unpublish(self):
        self.write({"is_published": False})
        return True
