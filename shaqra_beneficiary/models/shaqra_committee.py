from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ShaqraCommittee(models.Model):
    """A committee of the association (policy C5, C8).

    Service-review committees study complete requests (C5); the
    Investigation and Follow-up Committee records harm in minutes dated and
    approved by its members (C8). Minutes are approved when ``quorum``
    members have approved them.
    """

    _name = "shaqra.committee"
    _description = "Committee"
    _inherit = ["mail.thread"]
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    committee_type = fields.Selection(
        [
            ("service_review", "Service review"),
            ("follow_up", "Follow-up"),
            ("investigation", "Investigation and follow-up"),
        ],
        string="Type",
        required=True,
        default="service_review",
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)
    member_ids = fields.Many2many("res.users", string="Members", tracking=True)
    chair_id = fields.Many2one("res.users", string="Chair", tracking=True)
    quorum = fields.Integer(
        default=1, help="Number of member approvals needed to approve a meeting's minutes."
    )
    meeting_ids = fields.One2many("shaqra.committee.meeting", "committee_id", string="Meetings")
    meeting_count = fields.Integer(compute="_compute_counts")
    request_ids = fields.One2many("shaqra.request", "committee_id", string="Requests")
    awaiting_request_count = fields.Integer(string="Requests Awaiting", compute="_compute_counts")

    # ------------------------------------------------------------
    # COMPUTES AND CONSTRAINTS
    # ------------------------------------------------------------

    def _compute_counts(self):
        meetings = dict(
            self.env["shaqra.committee.meeting"]._read_group(
                [("committee_id", "in", self.ids)], ["committee_id"], ["__count"]
            )
        )
        awaiting = dict(
            self.env["shaqra.request"]._read_group(
                [("committee_id", "in", self.ids), ("stage_key", "=", "awaiting_committee")],
                ["committee_id"],
                ["__count"],
            )
        )
        for committee in self:
            committee.meeting_count = meetings.get(committee, 0)
            committee.awaiting_request_count = awaiting.get(committee, 0)

    @api.constrains("quorum", "member_ids", "chair_id")
    def _check_quorum(self):
        """Policy C8: approval by members needs members enough to reach it."""
        for committee in self:
            if committee.quorum < 1:
                raise ValidationError(
                    self.env._(
                        "The quorum of committee %(name)s must be at least 1.", name=committee.name
                    )
                )
            if committee.member_ids and committee.quorum > len(committee.member_ids):
                raise ValidationError(
                    self.env._(
                        "The quorum of committee %(name)s (%(quorum)s) cannot be larger "
                        "than its number of members (%(members)s).",
                        name=committee.name,
                        quorum=committee.quorum,
                        members=len(committee.member_ids),
                    )
                )
            if committee.chair_id and committee.chair_id not in committee.member_ids:
                raise ValidationError(
                    self.env._(
                        "The chair of committee %(name)s must be one of its members.",
                        name=committee.name,
                    )
                )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_view_meetings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "shaqra_beneficiary.shaqra_committee_meeting_action"
        )
        action["domain"] = [("committee_id", "=", self.id)]
        action["context"] = {"default_committee_id": self.id}
        return action

    def action_view_awaiting_requests(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Requests Awaiting %(committee)s", committee=self.name),
            "res_model": "shaqra.request",
            "view_mode": "list,form",
            "domain": [("committee_id", "=", self.id), ("stage_key", "=", "awaiting_committee")],
        }

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _is_member(self, user=None):
        """Whether ``user`` may act for this committee: a member or a manager."""
        self.ensure_one()
        user = user or self.env.user
        return user in self.member_ids or user.has_group("shaqra_beneficiary.group_manager")
