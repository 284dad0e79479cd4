from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.hijri import format_gregorian, format_hijri


class _AgendaReport:
    """What :meth:`ShaqraCommitteeMeeting._agenda_load` did in one action.

    Passed in the context; compared by identity, so that an environment of an
    earlier load (which the ORM may reuse for an equal context) is never shared.
    """

    def __init__(self):
        self.found = set()
        self.added = 0
        self.skipped = []


class ShaqraCommitteeMeeting(models.Model):
    """A meeting of a committee with its agenda, decisions and minutes.

    Policy C5: complete requests go to the competent committee; the meeting
    takes the requests awaiting that committee on its agenda (which moves
    them to *Committee review*) and records one decision per request.
    Policy C8: the minutes are dated and approved by the members; they are
    approved when ``committee_id.quorum`` members have approved them.

    States: draft (preparing the agenda) -> in progress (decisions are
    recorded) -> held (closed, waiting for the members' approvals) ->
    approved (the minutes are final and locked).

    Evidence (see ``shaqra.evidence.mixin``): the state, the approval date
    and the number change only through the actions; once the meeting is
    closed, what the members approve (committee, date, place, attendance,
    minutes, agenda and decisions) is frozen. A manager may correct the
    minutes text, date, place or attendance of a closed meeting only
    through ``_evidence_override`` with a reason, which leaves a trace; a
    held or approved meeting is never reopened.
    """

    _name = "shaqra.committee.meeting"
    _description = "Committee Meeting"
    _inherit = ["mail.thread", "mail.activity.mixin", "shaqra.evidence.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/", index=True
    )
    # Not check_company: the meeting's company is its committee's, so a new
    # meeting (no company yet) must still offer the committees to pick.
    committee_id = fields.Many2one(
        "shaqra.committee",
        required=True,
        tracking=True,
        index=True,
        ondelete="restrict",
        domain=lambda self: self._domain_committee_id(),
    )
    company_id = fields.Many2one(
        related="committee_id.company_id", store=True, string="Company", index=True
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, tracking=True)
    location = fields.Char()
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("in_progress", "In progress"),
            ("held", "Held"),
            ("approved", "Approved"),
        ],
        string="Meeting Status",
        group_expand=True,
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    member_ids = fields.Many2many(related="committee_id.member_ids", string="Members")
    attendee_ids = fields.Many2many(
        "res.users",
        "shaqra_committee_meeting_attendee_rel",
        "meeting_id",
        "user_id",
        string="Members Present",
        copy=False,
    )
    decision_ids = fields.One2many(
        "shaqra.committee.decision", "meeting_id", string="Agenda and Decisions", copy=False
    )
    request_ids = fields.Many2many(
        "shaqra.request",
        string="Agenda",
        compute="_compute_request_ids",
        search="_search_request_ids",
    )
    # The minutes discuss every case on the agenda: only committee members
    # (and managers) read them; reception reads a meeting only for the
    # number and date of the decision on a request it handles.
    minutes = fields.Html(
        help="What was discussed and decided, as the members approve it.",
        groups="shaqra_beneficiary.group_committee_member",
    )
    approval_ids = fields.One2many(
        "shaqra.committee.meeting.approval", "meeting_id", string="Approvals", copy=False
    )
    approval_count = fields.Integer(compute="_compute_approval_count")
    quorum = fields.Integer(related="committee_id.quorum")
    date_approved = fields.Datetime(string="Minutes Approved On", readonly=True, copy=False)
    user_has_approved = fields.Boolean(compute="_compute_approval_count")
    is_member = fields.Boolean(compute="_compute_is_member")
    date_hijri = fields.Char(string="Hijri Date", compute="_compute_date_hijri")
    agenda_item_count = fields.Integer(string="Agenda Items", compute="_compute_agenda_item_count")

    _evidence_fields = ("state", "date_approved")
    _evidence_frozen_fields = ("committee_id", "date", "location", "minutes", "attendee_ids")
    # What a manager's documented correction may change on a closed meeting.
    _evidence_correctable_fields = ("date", "location", "minutes", "attendee_ids")

    # ------------------------------------------------------------
    # DEFAULTS
    # ------------------------------------------------------------

    def _domain_committee_id(self):
        """The committees a user may hold a meeting of: their own; all for a manager."""
        domain = [("company_id", "in", self.env.companies.ids)]
        if not self.env.user.has_group("shaqra_beneficiary.group_manager"):
            domain.append(("member_ids", "in", [self.env.uid]))
        return domain

    # ------------------------------------------------------------
    # COMPUTES AND CONSTRAINTS
    # ------------------------------------------------------------

    @api.depends("decision_ids.request_id")
    def _compute_request_ids(self):
        for meeting in self:
            meeting.request_ids = meeting.decision_ids.request_id

    def _search_request_ids(self, operator, value):
        return [("decision_ids.request_id", operator, value)]

    @api.depends("decision_ids")
    def _compute_agenda_item_count(self):
        for meeting in self:
            # Counted as superuser: reception reads a meeting (number, date)
            # but not its agenda.
            meeting.agenda_item_count = meeting.sudo()._agenda_item_count()

    @api.depends("approval_ids.user_id")
    @api.depends_context("uid")
    def _compute_approval_count(self):
        # Counted as superuser: reception reads a meeting (number, date) but
        # not its approvals.
        for meeting in self:
            approvals = meeting.sudo().approval_ids
            meeting.approval_count = len(approvals)
            meeting.user_has_approved = self.env.user in approvals.user_id

    @api.depends("committee_id.member_ids")
    @api.depends_context("uid")
    def _compute_is_member(self):
        for meeting in self:
            meeting.is_member = self.env.user in meeting.committee_id.member_ids

    @api.constrains("attendee_ids", "committee_id")
    def _check_attendees_are_members(self):
        """Policy C8: the quorum present counts the committee's members only."""
        for meeting in self:
            strangers = meeting.attendee_ids - meeting.committee_id.member_ids
            if strangers:
                raise ValidationError(
                    self.env._(
                        "Only members of committee %(committee)s can be recorded as present "
                        "(not %(users)s).",
                        committee=meeting.committee_id.name,
                        users=", ".join(strangers.mapped("name")),
                    )
                )

    @api.depends("date")
    def _compute_date_hijri(self):
        for meeting in self:
            day = meeting.date and fields.Datetime.context_timestamp(meeting, meeting.date)
            meeting.date_hijri = format_hijri(day, self.env.lang or "ar") if day else False

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        allowed = self._evidence_allowed()
        for vals in vals_list:
            # A new meeting is a draft with the next number: neither is typed in.
            if vals.get("state") == "draft":
                del vals["state"]
            if not allowed or vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("shaqra.committee.meeting") or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        if "name" in vals and not self._evidence_allowed():
            raise UserError(self.env._("The number of a meeting is given by its sequence."))
        related = {"company_id", "member_ids", "quorum"} & set(vals)
        if related and not self.env.su:
            raise UserError(
                self.env._(
                    "The company, members and quorum of a meeting are those of its committee."
                )
            )
        if "committee_id" in vals and any(
            meeting.committee_id.id != vals["committee_id"] and meeting.decision_ids
            for meeting in self
        ):
            raise UserError(
                self.env._("Remove the requests from the agenda before changing the committee.")
            )
        return super().write(vals)

    def _evidence_is_frozen(self):
        """Policy C8: once closed, the meeting is what the members approve."""
        return self.state in ("held", "approved")

    def _evidence_frozen_message(self, field_names):
        labels = ", ".join(
            self._fields[name]._description_string(self.env) for name in field_names
        )
        return self.env._(
            "Meeting %(meeting)s is closed: its %(fields)s are the minutes the members approve "
            "and can no longer be changed (policy C8). A manager may correct them with a "
            "documented override.",
            meeting=self.name,
            fields=labels,
        )

    def _evidence_override(self, vals, reason):
        """A manager corrects the minutes of a closed meeting, with a reason.

        Only the text, date, place and attendance can be corrected: a closed
        meeting is never reopened, and its decisions, approvals and number
        stay what they are.
        """
        refused = set(vals) - set(self._evidence_correctable_fields)
        if refused:
            raise UserError(
                self.env._(
                    "A closed meeting is never reopened and its decisions and approvals stay "
                    "as recorded: a correction may change only the minutes, date, place and "
                    "attendance (not %(fields)s).",
                    fields=", ".join(
                        self._fields[name]._description_string(self.env)
                        if name in self._fields
                        else name
                        for name in sorted(refused)
                    ),
                )
            )
        return super()._evidence_override(vals, reason)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if self.filtered(lambda m: m.state != "draft"):
            raise UserError(self.env._("Only draft meetings can be deleted."))

    def unlink(self):
        # Take a draft's agenda off first: its requests go back to Awaiting
        # committee (other meetings are refused by _unlink_only_draft).
        self.filtered(lambda m: m.state == "draft").decision_ids.unlink()
        return super().unlink()

    def _check_member(self):
        for meeting in self:
            if not meeting.committee_id._is_member():
                raise UserError(
                    self.env._(
                        "Only the members of committee %(committee)s may do this.",
                        committee=meeting.committee_id.name,
                    )
                )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_load_agenda(self):
        """Put every eligible item awaiting this committee on the agenda (C5).

        The requests (and the items of other add-ons, through
        :meth:`_agenda_load`) are added each on its own: one that may not go
        on the agenda (e.g. never signed) is skipped and listed with the
        reason, the others are added.
        """
        self._check_member()
        for meeting in self:
            if meeting.state not in ("draft", "in_progress"):
                raise UserError(
                    self.env._("Requests can be added only to a meeting not yet held.")
                )
        report = _AgendaReport()
        self.with_context(shaqra_agenda_report=report)._agenda_load()
        for meeting in self:
            if meeting.id not in report.found:
                raise UserError(
                    self.env._(
                        "No request is awaiting committee %(committee)s.",
                        committee=meeting.committee_id.name,
                    )
                )
        added, skipped = report.added, report.skipped
        if skipped and not added:
            raise UserError(
                self.env._(
                    "No request was added to the agenda:\n%(skipped)s",
                    skipped=self._agenda_skipped_text(skipped),
                )
            )
        if not skipped:
            return True
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning",
                "sticky": True,
                "title": self.env._(
                    "Requests added to the agenda: %(added)s; skipped: %(skipped)s",
                    added=added,
                    skipped=len(skipped),
                ),
                "message": self._agenda_skipped_text(skipped),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # --- Agenda extension point: other add-ons' items on a meeting -------------

    def _agenda_load(self):
        """Load the items awaiting the committee onto the agenda of these meetings.

        The base loads the requests awaiting the committee; an add-on calls
        ``super()`` and adds its own items, then tells what it found with
        :meth:`_agenda_report`. Returns nothing.
        """
        for meeting in self:
            requests = self.env["shaqra.request"].search(
                [
                    ("committee_id", "=", meeting.committee_id.id),
                    ("stage_key", "=", "awaiting_committee"),
                    ("id", "not in", meeting.request_ids.ids),
                ]
            )
            added, skipped = [], []
            for request in requests:
                reason = meeting._agenda_refusal(request)
                if not reason:
                    try:
                        with self.env.cr.savepoint():
                            meeting.write(
                                {"decision_ids": [Command.create({"request_id": request.id})]}
                            )
                    except (UserError, ValidationError) as error:
                        reason = error.args[0]
                if reason:
                    skipped.append((request.name, reason))
                else:
                    added.append(request.name)
            meeting._agenda_report(added, skipped)

    def _agenda_report(self, added=(), skipped=()):
        """What :meth:`_agenda_load` did on this meeting: the names of the items
        added, and ``(name, reason)`` of the items skipped.

        Inside :meth:`action_load_agenda` it is shown to the user; called
        elsewhere, what was skipped is posted on the meeting.
        """
        self.ensure_one()
        report = self.env.context.get("shaqra_agenda_report")
        if not isinstance(report, _AgendaReport):
            if skipped:
                self.message_post(
                    body=self.env._(
                        "Not added to the agenda:\n%(skipped)s",
                        skipped=self._agenda_skipped_text(skipped),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
            return
        if added or skipped:
            report.found.add(self.id)
        report.added += len(added)
        report.skipped.extend(skipped)

    def _agenda_undecided_items(self):
        """Display names of the items on this meeting's agenda without a decision.

        :meth:`action_close` refuses while any add-on returns some. Base: the
        requests without a decision.
        """
        self.ensure_one()
        return self.decision_ids.filtered(lambda d: not d.decision).request_id.mapped("name")

    def _agenda_on_decided(self):
        """The meeting is closed: add-ons apply their items' outcomes here.

        Base: nothing more (a request's decision is applied when recorded).
        """

    def _agenda_on_approved(self):
        """The minutes are approved by quorum: add-ons apply what waits for it."""

    def _agenda_item_count(self):
        """Number of items on this meeting's agenda (requests + add-ons' items)."""
        self.ensure_one()
        return len(self.decision_ids)

    def _agenda_refusal(self, request):
        """Why a request awaiting the committee may not go on the agenda, or ""."""
        if not request.is_signed:
            return self.env._(
                "the beneficiary has not signed the request (policy C4): reception must "
                "take the signature first"
            )
        return ""

    def _agenda_skipped_text(self, skipped):
        return "\n".join(
            self.env._("%(request)s: %(reason)s", request=name, reason=reason)
            for name, reason in skipped
        )

    def action_start(self):
        """Open the meeting: decisions may now be recorded."""
        self._check_member()
        for meeting in self:
            if meeting.state != "draft":
                raise UserError(self.env._("Only a draft meeting can be started."))
            if not meeting._agenda_item_count():
                raise UserError(self.env._("Put at least one request on the agenda first."))
        self._evidence_write({"state": "in_progress"})
        return True

    def action_close(self):
        """Close the meeting: every request decided, quorum present (C8)."""
        self._check_member()
        for meeting in self:
            if meeting.state != "in_progress":
                raise UserError(self.env._("Only a meeting in progress can be closed."))
            undecided = meeting._agenda_undecided_items()
            requests = meeting.decision_ids.filtered(lambda d: not d.decision).request_id
            if undecided and undecided == requests.mapped("name"):
                raise UserError(
                    self.env._(
                        "These requests on the agenda have no decision yet: %(requests)s.",
                        requests=", ".join(undecided),
                    )
                )
            if undecided:
                raise UserError(
                    self.env._(
                        "These items on the agenda have no decision yet: %(items)s.",
                        items=", ".join(undecided),
                    )
                )
            if len(meeting.attendee_ids) < meeting.quorum:
                raise UserError(
                    self.env._(
                        "Only %(present)s member(s) present: the quorum of %(quorum)s is not "
                        "reached.",
                        present=len(meeting.attendee_ids),
                        quorum=meeting.quorum,
                    )
                )
        self._evidence_write({"state": "held"})
        for meeting in self:
            meeting._schedule_approval_activities()
        self._agenda_on_decided()
        return True

    def action_approve(self):
        """The current member approves the minutes (C8).

        The minutes are approved when the committee's quorum of members has
        approved them; each member approves once.
        """
        self._check_member()
        for meeting in self:
            if meeting.state != "held":
                raise UserError(self.env._("Only the minutes of a held meeting can be approved."))
            if self.env.user not in meeting.committee_id.member_ids:
                raise UserError(self.env._("Only members of the committee approve its minutes."))
            if self.env.user in meeting.approval_ids.user_id:
                raise UserError(self.env._("You have already approved these minutes."))
            # The approval is the current member's, now: never typed in.
            self.env["shaqra.committee.meeting.approval"]._evidence_create(
                [
                    {
                        "meeting_id": meeting.id,
                        "user_id": self.env.user.id,
                        "date": fields.Datetime.now(),
                    }
                ]
            )
            meeting.activity_feedback(
                ["mail.mail_activity_data_todo"],
                user_id=self.env.user.id,
                feedback=self.env._("Minutes approved."),
            )
            if len(meeting.approval_ids) >= meeting.quorum:
                meeting._evidence_write(
                    {"state": "approved", "date_approved": fields.Datetime.now()}
                )
                meeting.activity_unlink(["mail.mail_activity_data_todo"])
                meeting._agenda_on_approved()
                meeting.message_post(
                    body=self.env._(
                        "The minutes are approved by %(members)s.",
                        members=", ".join(meeting.approval_ids.user_id.mapped("name")),
                    )
                )
        return True

    def _schedule_approval_activities(self):
        self.ensure_one()
        for member in self.committee_id.member_ids:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=member.id,
                summary=self.env._("Approve the minutes of %(meeting)s", meeting=self.name),
            )

    def action_print_minutes(self):
        self.ensure_one()
        return self.env.ref("shaqra_beneficiary.shaqra_committee_meeting_report").report_action(
            self
        )

    def _minutes_dates(self, value=None):
        """Hijri and Gregorian dates of the meeting (or of ``value``, e.g. a
        member's approval) for the printed minutes."""
        self.ensure_one()
        value = value or self.date
        if not value:
            return {"hijri": "", "gregorian": ""}
        day = fields.Datetime.context_timestamp(self, value)
        return {"hijri": format_hijri(day, "ar"), "gregorian": format_gregorian(day, "ar")}
