from datetime import timedelta

from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import UserError


class ShaqraOverview(models.Model):
    """Policy G5, G6: the screen management opens first.

    A single record (shipped as data) whose figures are computed when it is
    read, each with one COUNT or grouped query under the reader's rights, so
    it stays fast whatever the number of requests; each figure is a button
    opening the list behind it (:meth:`action_open_kpi`), whose count is the
    figure. The month-by-month trend is the KPI report (graph and pivot).
    """

    _name = "shaqra.overview"
    _description = "Management Overview"

    name = fields.Char(required=True, translate=True)
    # Requests (C6)
    request_open = fields.Integer(string="Open Requests", compute="_compute_figures")
    request_due_week = fields.Integer(string="Due This Week", compute="_compute_figures")
    request_overdue = fields.Integer(string="Overdue", compute="_compute_figures")
    request_met = fields.Integer(string="Answered on Time", compute="_compute_figures")
    request_missed = fields.Integer(string="Answered Late", compute="_compute_figures")
    request_answered = fields.Integer(
        string="Answered Against a Deadline", compute="_compute_figures"
    )
    request_met_rate = fields.Float(string="Deadlines Met (%)", compute="_compute_figures")
    # Complaints (D1-D3)
    complaint_on_track = fields.Integer(string="On Track", compute="_compute_figures")
    complaint_at_risk = fields.Integer(string="At Risk", compute="_compute_figures")
    complaint_breached = fields.Integer(string="Breached", compute="_compute_figures")
    complaint_decided = fields.Integer(string="Complaints Decided", compute="_compute_figures")
    complaint_settled = fields.Integer(string="Settled Amicably", compute="_compute_figures")
    complaint_settlement_rate = fields.Float(
        string="Settlement Rate (%)", compute="_compute_figures"
    )
    # Inquiries (F1)
    inquiry_open = fields.Integer(string="Open Inquiries", compute="_compute_figures")
    inquiry_by_officer = fields.Html(
        string="Open Inquiries by Liaison Officer", compute="_compute_figures", sanitize=False
    )
    # Satisfaction (G1)
    campaign_id = fields.Many2one(
        "shaqra.satisfaction.campaign", string="Last Campaign", compute="_compute_figures"
    )
    campaign_invited = fields.Integer(string="Invited", compute="_compute_figures")
    campaign_responded = fields.Integer(string="Responded", compute="_compute_figures")
    campaign_response_rate = fields.Float(string="Response Rate (%)", compute="_compute_figures")
    campaign_score = fields.Float(
        string="Average Score", compute="_compute_figures", digits=(16, 2)
    )
    # Visits (G2-G4)
    visit_planned = fields.Integer(string="Visits Planned", compute="_compute_figures")
    visit_done = fields.Integer(string="Visits Done This Month", compute="_compute_figures")
    # Policy acknowledgements (ART4)
    ack_pending = fields.Integer(string="Signatures Pending", compute="_compute_figures")
    ack_done = fields.Integer(string="Signed", compute="_compute_figures")
    ack_all = fields.Integer(string="Signatures Asked", compute="_compute_figures")
    ack_rate = fields.Float(string="Compliance (%)", compute="_compute_figures")

    # ------------------------------------------------------------
    # FIGURES
    # ------------------------------------------------------------

    def _kpis(self):
        """{figure: (model, domain, action xml id, extra context)} of every
        counted figure; the figure is the count of its domain and its button
        opens the action on that domain."""
        today = fields.Date.context_today(self)
        week_end = fields.Date.to_string(today + timedelta(days=6))
        month_start = fields.Date.to_string(today.replace(day=1))
        today = fields.Date.to_string(today)
        open_request = [("stage_is_final", "=", False)]
        open_complaint = [("stage_id.is_final", "=", False)]
        request = "shaqra_beneficiary.shaqra_request_action"
        complaint = "shaqra_complaints.shaqra_complaint_action"
        ack = "shaqra_beneficiary.shaqra_policy_acknowledgement_action"
        # Who signed is HR's (ART4): management counts them in every allowed
        # company (see _kpi_model), HR opens the names.
        current_ack = [
            ("policy_id.state", "=", "published"),
            ("company_id", "in", self.env.companies.ids),
        ]
        visit = "shaqra_complaints.shaqra_visit_action"
        return {
            "request_open": ("shaqra.request", open_request, request, {}),
            "request_due_week": (
                "shaqra.request",
                [
                    ("date_answered", "=", False),
                    ("date_deadline", ">=", today),
                    ("date_deadline", "<=", week_end),
                ],
                request,
                {},
            ),
            "request_overdue": (
                "shaqra.request",
                [("deadline_state", "=", "overdue")],
                request,
                {},
            ),
            "request_met": (
                "shaqra.request",
                [("date_answered", "!=", False), ("deadline_met", "=", True)],
                request,
                {},
            ),
            "request_missed": (
                "shaqra.request",
                [
                    ("date_answered", "!=", False),
                    ("date_complete", "!=", False),
                    ("deadline_met", "=", False),
                ],
                request,
                {},
            ),
            # The base of the deadline rate: answered on time or late.
            "request_answered": (
                "shaqra.request",
                [
                    ("date_answered", "!=", False),
                    "|",
                    ("deadline_met", "=", True),
                    ("date_complete", "!=", False),
                ],
                request,
                {"group_by": ["deadline_met"]},
            ),
            "complaint_on_track": (
                "shaqra.complaint",
                [*open_complaint, ("sla_state", "=", "on_track")],
                complaint,
                {},
            ),
            "complaint_at_risk": (
                "shaqra.complaint",
                [*open_complaint, ("sla_state", "=", "at_risk")],
                complaint,
                {},
            ),
            "complaint_breached": (
                "shaqra.complaint",
                [*open_complaint, ("sla_state", "=", "breached")],
                complaint,
                {},
            ),
            "complaint_decided": (
                "shaqra.complaint",
                [("outcome", "!=", False)],
                complaint,
                {"group_by": ["outcome"]},
            ),
            "complaint_settled": (
                "shaqra.complaint",
                [("outcome", "=", "settled")],
                complaint,
                {},
            ),
            "inquiry_open": (
                "crm.lead",
                [("is_shaqra_inquiry", "=", True), ("probability", "<", 100)],
                "shaqra_beneficiary.crm_lead_action_shaqra_inquiry",
                {"group_by": ["user_id"]},
            ),
            "visit_planned": ("shaqra.visit", [("state", "=", "planned")], visit, {}),
            "visit_done": (
                "shaqra.visit",
                [("state", "=", "done"), ("date", ">=", month_start), ("date", "<=", today)],
                visit,
                {},
            ),
            "ack_pending": (
                "shaqra.policy.acknowledgement",
                [*current_ack, ("state", "=", "pending")],
                ack,
                {"group_by": ["department_id"]},
            ),
            "ack_all": (
                "shaqra.policy.acknowledgement",
                current_ack,
                ack,
                {"group_by": ["department_id", "state"]},
            ),
            "ack_done": (
                "shaqra.policy.acknowledgement",
                [*current_ack, ("state", "=", "acknowledged")],
                ack,
                {"group_by": ["department_id"]},
            ),
        }

    def _kpi_model(self, model):
        """The model a figure is counted on: signatures are counted as
        superuser (a number, no name), the rest under the reader's rights."""
        if model == "shaqra.policy.acknowledgement":
            return self.env[model].sudo()
        return self.env[model]

    def _compute_figures(self):
        counts = {
            key: self._kpi_model(model).search_count(domain)
            for key, (model, domain, _xmlid, _context) in self._kpis().items()
        }

        def rate(part, whole):
            return round(100.0 * part / whole, 1) if whole else 0.0

        values = dict(counts)
        values["request_met_rate"] = rate(counts["request_met"], counts["request_answered"])
        values["complaint_settlement_rate"] = rate(
            counts["complaint_settled"], counts["complaint_decided"]
        )
        values["ack_rate"] = rate(counts["ack_done"], counts["ack_all"])
        values["inquiry_by_officer"] = self._inquiry_table()
        values.update(self._campaign_figures())
        for overview in self:
            overview.update(values)

    def _inquiry_table(self):
        """Open inquiries per liaison officer, one grouped query."""
        _model, domain, _xmlid, _context = self._kpis()["inquiry_open"]
        groups = self.env["crm.lead"]._read_group(domain, ["user_id"], ["__count"])
        if not groups:
            return Markup("<p>%s</p>") % self.env._("No open inquiry.")
        rows = Markup("").join(
            Markup("<tr><td>%s</td><td>%s</td></tr>")
            % (user.name or self.env._("Unassigned"), count)
            for user, count in sorted(groups, key=lambda group: -group[1])
        )
        return Markup(
            '<table class="table table-sm"><thead><tr><th>%s</th><th>%s</th></tr></thead>'
            "<tbody>%s</tbody></table>"
        ) % (self.env._("Liaison Officer"), self.env._("Open Inquiries"), rows)

    def _campaign_figures(self):
        """Invited, responded, rate and overall score of the last campaign sent."""
        campaign = self.env["shaqra.satisfaction.campaign"].search(
            [("state", "!=", "draft")], order="date_sent desc nulls last, id desc", limit=1
        )
        values = {
            "campaign_id": campaign.id,
            "campaign_invited": 0,
            "campaign_responded": 0,
            "campaign_response_rate": 0.0,
            "campaign_score": 0.0,
        }
        if not campaign:
            return values
        states = dict(
            self.env["survey.user_input"]
            .sudo()
            ._read_group([("shaqra_campaign_id", "=", campaign.id)], ["state"], ["__count"])
        )
        invited = sum(states.values())
        responded = states.get("done", 0)
        self.env["survey.user_input.line"].flush_model()
        self.env.cr.execute(
            """
            SELECT AVG(a.answer_score)
              FROM survey_user_input ui
              JOIN survey_user_input_line ln ON ln.user_input_id = ui.id
              JOIN survey_question_answer a ON a.id = ln.suggested_answer_id
             WHERE ui.shaqra_campaign_id = %s AND ui.state = 'done' AND ln.question_id = %s
            """,
            (campaign.id, campaign.overall_question_id.id or 0),
        )
        score = self.env.cr.fetchone()[0]
        values.update(
            campaign_invited=invited,
            campaign_responded=responded,
            campaign_response_rate=round(100.0 * responded / invited, 1) if invited else 0.0,
            campaign_score=round(float(score or 0.0), 2),
        )
        return values

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_open_kpi(self):
        """Open the list behind the figure named in the context ``shaqra_kpi``."""
        self.ensure_one()
        kpis = self._kpis()
        key = self.env.context.get("shaqra_kpi")
        if key not in kpis:
            raise UserError(self.env._("Unknown figure: %(figure)s.", figure=key or ""))
        model, domain, xmlid, context = kpis[key]
        if not self.env[model].has_access("read") or (
            model == "shaqra.policy.acknowledgement"
            and not self.env.user.has_group("hr.group_hr_manager")
        ):
            raise UserError(
                self.env._(
                    "Only Human Resources sees who signed; the figures by department "
                    "are in the governance evidence pack."
                )
                if model == "shaqra.policy.acknowledgement"
                else self.env._("You may not open this list.")
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = list(domain)
        # The figure's own list: no default filter narrows it further.
        action["context"] = dict(context, create=False)
        action["name"] = action["display_name"] = self.env._(
            "%(list)s: %(figure)s",
            list=action["name"],
            figure=self._fields[key].get_description(self.env)["string"],
        )
        action["res_model"] = model
        action["target"] = "current"
        return action

    def action_open_campaign(self):
        self.ensure_one()
        if not self.campaign_id:
            raise UserError(self.env._("No satisfaction campaign was sent yet."))
        return {
            "type": "ir.actions.act_window",
            "res_model": "shaqra.satisfaction.campaign",
            "res_id": self.campaign_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_open_trend(self):
        return self.env["ir.actions.act_window"]._for_xml_id(
            "shaqra_complaints.shaqra_kpi_report_action"
        )
