from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# Scores of the overall question at or below which a beneficiary is dissatisfied.
DISSATISFIED_SCORE = 2
RECURRENCE_MONTHS = {"monthly": 1, "quarterly": 3}


class ShaqraSatisfactionCampaign(models.Model):
    """A beneficiary-satisfaction questionnaire sent for a period (policy G1).

    The audience is the beneficiaries served in the period (a request or a
    complaint answered between ``date_from`` and ``date_to``), or all the
    beneficiaries, optionally narrowed to categories and fields of work.
    Sending creates one personal survey invitation per beneficiary, never two
    for the same campaign, and delivers it over the beneficiary's agreed
    channel through the notice log.
    """

    _name = "shaqra.satisfaction.campaign"
    _description = "Satisfaction Campaign"
    _inherit = ["shaqra.notice.mixin"]
    _order = "date_from desc, id desc"

    name = fields.Char(required=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    survey_id = fields.Many2one(
        "survey.survey",
        string="Questionnaire",
        required=True,
        default=lambda self: self.env.ref(
            "shaqra_complaints.survey_beneficiary_satisfaction", raise_if_not_found=False
        ),
    )
    overall_question_id = fields.Many2one(
        "survey.question",
        string="Overall Satisfaction Question",
        domain="[('survey_id', '=', survey_id)]",
        default=lambda self: self.env.ref(
            "shaqra_complaints.survey_question_overall", raise_if_not_found=False
        ),
        help="A beneficiary whose answer to this question scores "
        "2 or less is dissatisfied: their liaison officer gets a follow-up activity.",
    )
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    audience = fields.Selection(
        [
            ("served", "Beneficiaries served in the period"),
            ("all", "All beneficiaries"),
        ],
        required=True,
        default="served",
        help="Served: a request or a complaint of the beneficiary was answered in the period.",
    )
    category_ids = fields.Many2many("shaqra.beneficiary.category", string="Categories")
    field_ids = fields.Many2many("shaqra.work.field", string="Fields of Work")
    recurrence = fields.Selection(
        [("none", "Once"), ("monthly", "Monthly"), ("quarterly", "Quarterly")],
        required=True,
        default="none",
    )
    next_campaign_id = fields.Many2one(
        "shaqra.satisfaction.campaign", string="Next Campaign", readonly=True, copy=False
    )
    state = fields.Selection(
        [("draft", "Draft"), ("sent", "Sent"), ("closed", "Closed")],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
    )
    date_sent = fields.Datetime(string="Sent On", readonly=True, copy=False)
    user_input_ids = fields.One2many(
        "survey.user_input", "shaqra_campaign_id", string="Invitations", readonly=True
    )
    invited_count = fields.Integer(string="Invited", compute="_compute_results")
    responded_count = fields.Integer(string="Responded", compute="_compute_results")
    response_rate = fields.Float(string="Response Rate (%)", compute="_compute_results")
    on_behalf_count = fields.Integer(
        string="Filled In By Staff",
        compute="_compute_results",
        help="Answers filled in by an employee on behalf of the beneficiary (letter, meeting).",
    )
    average_score = fields.Float(
        string="Average Overall Score",
        compute="_compute_results",
        digits=(16, 2),
        help="The average score (1 to 5) of the answers to the overall satisfaction question.",
    )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for campaign in self:
            if campaign.date_to < campaign.date_from:
                raise ValidationError(
                    self.env._(
                        "The campaign %(campaign)s ends before it starts.",
                        campaign=campaign.name,
                    )
                )

    @api.depends(
        "user_input_ids.state",
        "user_input_ids.user_input_line_ids.suggested_answer_id",
        "user_input_ids.shaqra_filled_by_id",
        "overall_question_id",
    )
    def _compute_results(self):
        for campaign in self:
            inputs = campaign.sudo().user_input_ids
            done = inputs.filtered(lambda i: i.state == "done")
            invited = len(inputs)
            campaign.invited_count = invited
            campaign.responded_count = len(done)
            campaign.on_behalf_count = len(done.filtered("shaqra_filled_by_id"))
            campaign.response_rate = 100.0 * len(done) / invited if invited else 0.0
            scores = [
                line.suggested_answer_id.answer_score
                for line in done.user_input_line_ids
                if line.question_id == campaign.overall_question_id and line.suggested_answer_id
            ]
            campaign.average_score = sum(scores) / len(scores) if scores else 0.0

    # ------------------------------------------------------------
    # AUDIENCE
    # ------------------------------------------------------------

    def _period_bounds(self):
        """The period as naive UTC datetimes [start, end)."""
        self.ensure_one()
        start = datetime.combine(self.date_from, time.min)
        end = datetime.combine(self.date_to + timedelta(days=1), time.min)
        return start, end

    def _audience_beneficiaries(self):
        """The beneficiaries of the campaign, each once."""
        self.ensure_one()
        Beneficiary = self.env["shaqra.beneficiary"].sudo()
        domain = [("company_id", "in", [self.company_id.id, False])]
        if "company_id" not in Beneficiary._fields:
            domain = []
        if self.category_ids:
            domain.append(("category_id", "in", self.category_ids.ids))
        if self.field_ids:
            domain.append(("field_id", "in", self.field_ids.ids))
        if self.audience == "served":
            start, end = self._period_bounds()
            served = [("date_answered", ">=", start), ("date_answered", "<", end)]
            requests = self.env["shaqra.request"].sudo().search(served)
            complaints = (
                self.env["shaqra.complaint"]
                .sudo()
                .search([*served, ("beneficiary_id", "!=", False)])
            )
            ids = set(requests.beneficiary_id.ids) | set(complaints.beneficiary_id.ids)
            domain.append(("id", "in", list(ids)))
        return Beneficiary.search(domain).filtered("partner_id")

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_send(self):
        """Invite each beneficiary of the audience not yet invited, over their channel."""
        for campaign in self:
            if campaign.state == "closed":
                raise UserError(
                    self.env._("The campaign %(campaign)s is closed.", campaign=campaign.name)
                )
            if not campaign.survey_id:
                raise UserError(self.env._("Choose the campaign's questionnaire first."))
            invited = set(campaign.sudo().user_input_ids.partner_id.ids)
            for beneficiary in campaign._audience_beneficiaries():
                if beneficiary.partner_id.id in invited:
                    continue
                answer = campaign._invite(beneficiary)
                invited.add(beneficiary.partner_id.id)
                campaign._notify_invitation(answer, reminder=False)
            campaign.write({"state": "sent", "date_sent": fields.Datetime.now()})
        return True

    def _invite(self, beneficiary):
        self.ensure_one()
        return self.survey_id.sudo()._create_answer(
            partner=beneficiary.partner_id,
            check_attempts=False,
            shaqra_campaign_id=self.id,
            shaqra_beneficiary_id=beneficiary.id,
        )

    def _notify_invitation(self, answer, reminder=False):
        """Log (and deliver where automatic) the invitation of ``answer``."""
        self.ensure_one()
        url = answer.get_base_url() + answer.get_start_url()
        values = {"campaign": self.name, "url": url, "name": answer.shaqra_beneficiary_id.name}
        if reminder:
            subject = self.env._("Reminder: your opinion of our service")
            body = self.env._(
                "Dear %(name)s, we have not yet received your answer to the "
                "questionnaire %(campaign)s. You can answer here: %(url)s",
                **values,
            )
        else:
            subject = self.env._("Your opinion of our service")
            body = self.env._(
                "Dear %(name)s, please tell us how we served you by answering "
                "the questionnaire %(campaign)s: %(url)s",
                **values,
            )
        return self.with_context(
            shaqra_satisfaction_beneficiary_id=answer.shaqra_beneficiary_id.id
        )._shaqra_notify("other", subject, body)

    def _shaqra_notice_recipient(self):
        self.ensure_one()
        beneficiary = (
            self.env["shaqra.beneficiary"]
            .sudo()
            .browse(self.env.context.get("shaqra_satisfaction_beneficiary_id"))
            .exists()
        )
        partner = beneficiary.partner_id
        return {
            "partner": partner,
            "beneficiary": beneficiary,
            "channel": beneficiary.preferred_channel or "email",
            "name": partner.name or "",
            "email": partner.email or "",
            "mobile": beneficiary.whatsapp_number or partner.mobile or "",
        }

    def action_remind(self):
        """Remind once each invited beneficiary who has not answered."""
        for campaign in self.filtered(lambda c: c.state == "sent"):
            pending = campaign.sudo().user_input_ids.filtered(
                lambda i: i.state != "done" and not i.shaqra_reminded
            )
            for answer in pending:
                campaign._notify_invitation(answer, reminder=True)
            pending.write({"shaqra_reminded": True})
        return True

    def _escalation_user(self):
        """The manager set in the settings, else the first manager."""
        self.ensure_one()
        user = self.company_id.shaqra_escalation_user_id
        if not user:
            user = (
                self.env.ref("shaqra_beneficiary.group_manager")
                .users.filtered(lambda u: u.active and not u.share and u.id != 1)
                .sorted("id")[:1]
            )
        return user

    def action_close(self):
        self.write({"state": "closed"})
        return True

    def action_view_answers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("survey.action_survey_user_input")
        action["domain"] = [("shaqra_campaign_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    def action_view_results(self):
        """G1: the campaign's average score per question, by category, field
        of work and liaison officer."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "shaqra_complaints.shaqra_satisfaction_report_action"
        )
        action["domain"] = [("campaign_id", "=", self.id)]
        return action

    # ------------------------------------------------------------
    # CRON
    # ------------------------------------------------------------

    def _next_period_values(self):
        self.ensure_one()
        months = RECURRENCE_MONTHS[self.recurrence]
        date_from = self.date_to + timedelta(days=1)
        date_to = date_from + relativedelta(months=months) - timedelta(days=1)
        return {
            "name": self.env._(
                "%(campaign)s (%(date_from)s - %(date_to)s)",
                campaign=self.survey_id.title or self.name,
                date_from=date_from,
                date_to=date_to,
            ),
            "company_id": self.company_id.id,
            "survey_id": self.survey_id.id,
            "overall_question_id": self.overall_question_id.id,
            "date_from": date_from,
            "date_to": date_to,
            "audience": self.audience,
            "category_ids": [fields.Command.set(self.category_ids.ids)],
            "field_ids": [fields.Command.set(self.field_ids.ids)],
            "recurrence": self.recurrence,
        }

    @api.model
    def _cron_satisfaction(self, reminder_days=7):
        """Open the next period of recurring campaigns whose period ended and
        remind non-respondents of campaigns sent ``reminder_days`` ago."""
        today = fields.Date.context_today(self)
        due = self.search(
            [
                ("recurrence", "!=", "none"),
                ("state", "!=", "draft"),
                ("next_campaign_id", "=", False),
                ("date_to", "<", today),
            ]
        )
        for campaign in due:
            campaign.next_campaign_id = self.create(campaign._next_period_values())
        to_remind = self.search(
            [
                ("state", "=", "sent"),
                ("date_sent", "<=", fields.Datetime.now() - timedelta(days=reminder_days)),
            ]
        )
        to_remind.action_remind()


class SurveyUserInput(models.Model):
    _name = "survey.user_input"
    _inherit = ["survey.user_input", "shaqra.evidence.mixin"]
    # Who filled the questionnaire in for the beneficiary, and when: set by
    # the action that opens it for them (letter, meeting), never typed in.
    _evidence_fields = ("shaqra_filled_by_id", "shaqra_filled_on")

    shaqra_campaign_id = fields.Many2one(
        "shaqra.satisfaction.campaign",
        string="Satisfaction Campaign",
        index="btree_not_null",
        ondelete="cascade",
        readonly=True,
    )
    shaqra_beneficiary_id = fields.Many2one(
        "shaqra.beneficiary", string="Beneficiary", index="btree_not_null", readonly=True
    )
    shaqra_reminded = fields.Boolean(string="Reminded", readonly=True, copy=False)
    shaqra_followup_done = fields.Boolean(string="Follow-up Scheduled", readonly=True, copy=False)
    shaqra_visit_id = fields.Many2one(
        "shaqra.visit", string="Visit", index="btree_not_null", ondelete="cascade", readonly=True
    )
    shaqra_filled_by_id = fields.Many2one(
        "res.users",
        string="Filled In By Staff",
        readonly=True,
        copy=False,
        help="The employee who filled the questionnaire in on behalf of the beneficiary "
        "(a letter or a meeting).",
    )
    shaqra_filled_on = fields.Datetime(string="Filled In On Behalf On", readonly=True, copy=False)
    shaqra_channel = fields.Selection(
        related="shaqra_beneficiary_id.preferred_channel", string="Channel"
    )

    _sql_constraints = [
        (
            "shaqra_campaign_partner_unique",
            "UNIQUE(shaqra_campaign_id, partner_id)",
            "A beneficiary is invited only once to a satisfaction campaign.",
        )
    ]

    def _shaqra_invitation_notice(self):
        """The latest invitation notice of this answer's campaign to its beneficiary."""
        self.ensure_one()
        return (
            self.env["shaqra.notification"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "shaqra.satisfaction.campaign"),
                    ("res_id", "=", self.shaqra_campaign_id.id),
                    ("beneficiary_id", "=", self.shaqra_beneficiary_id.id),
                    ("state", "!=", "cancelled"),
                ],
                order="id desc",
                limit=1,
            )
        )

    def _shaqra_check_campaign_staff(self):
        self.ensure_one()
        if not self.shaqra_campaign_id:
            raise UserError(self.env._("This answer is not a satisfaction invitation."))
        # Only who runs the campaign (management) acts on its invitations.
        self.shaqra_campaign_id.check_access("write")

    def action_shaqra_open_whatsapp(self):
        """Deliver the invitation by WhatsApp (A3): the click-to-chat link to
        the beneficiary's number, with the questionnaire's link in the text."""
        self.ensure_one()
        self._shaqra_check_campaign_staff()
        notice = self._shaqra_invitation_notice()
        if not notice or notice.channel != "whatsapp":
            raise UserError(self.env._("This invitation is not sent by WhatsApp."))
        if notice.state == "pending":
            notice._deliver()
            return {"type": "ir.actions.act_url", "url": notice.whatsapp_url, "target": "new"}
        return notice.action_open_whatsapp()

    def action_shaqra_fill_on_behalf(self):
        """Fill the questionnaire in for the beneficiary (letter, meeting):
        who does it and when are recorded on the answer."""
        self.ensure_one()
        self._shaqra_check_campaign_staff()
        answer = self.sudo()
        if answer.state == "done":
            raise UserError(self.env._("The beneficiary has already answered."))
        if answer.shaqra_filled_by_id and answer.shaqra_filled_by_id != self.env.user:
            raise UserError(
                self.env._(
                    "%(user)s is already filling this questionnaire in for the beneficiary.",
                    user=answer.shaqra_filled_by_id.name,
                )
            )
        if not answer.shaqra_filled_by_id:
            answer._evidence_write(
                {"shaqra_filled_by_id": self.env.uid, "shaqra_filled_on": fields.Datetime.now()}
            )
        return {"type": "ir.actions.act_url", "url": answer.get_start_url(), "target": "new"}

    def _shaqra_staff_may_fill(self, user):
        """Whether ``user``, who is not the answer's person, may fill it in:
        the staff member recorded as filling it in for the beneficiary, or
        the visitor (or a manager) of the visit it belongs to."""
        self.ensure_one()
        if not user or user._is_public() or not user._is_internal():
            return False
        if self.shaqra_filled_by_id and self.shaqra_filled_by_id == user:
            return True
        if self.shaqra_visit_id:
            visit = self.shaqra_visit_id.with_user(user)
            return visit.has_access("write") and visit.state == "planned"
        return False

    def _mark_done(self):
        result = super()._mark_done()
        self._shaqra_followup_dissatisfied()
        return result

    def _shaqra_is_dissatisfied(self):
        self.ensure_one()
        question = self.shaqra_campaign_id.overall_question_id
        lines = self.user_input_line_ids.filtered(
            lambda line: line.question_id == question and line.suggested_answer_id
        )
        return any(line.suggested_answer_id.answer_score <= DISSATISFIED_SCORE for line in lines)

    def _shaqra_answers_summary(self):
        """What the beneficiary answered, question by question, as HTML."""
        self.ensure_one()
        items = Markup()
        for line in self.sudo().user_input_line_ids.filtered(lambda line: not line.skipped):
            if line.answer_type == "suggestion":
                value = line.suggested_answer_id.value
            elif line.answer_type in ("text_box", "char_box"):
                value = line.value_text_box or line.value_char_box
            elif line.answer_type == "numerical_box":
                value = str(line.value_numerical_box)
            elif line.answer_type in ("date", "datetime"):
                value = str(line.value_date or line.value_datetime)
            else:
                value = line.display_name
            items += Markup("<li><b>%s</b>: %s</li>") % (line.question_id.title, value or "")
        return Markup("<ul>%s</ul>") % items if items else Markup()

    def _shaqra_followup_dissatisfied(self):
        """A follow-up activity for the liaison officer of each dissatisfied
        beneficiary, once per invitation."""
        todo = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        for answer in self.sudo():
            if (
                not answer.shaqra_campaign_id
                or answer.shaqra_followup_done
                or not answer.shaqra_beneficiary_id
                or not answer._shaqra_is_dissatisfied()
            ):
                continue
            beneficiary = answer.shaqra_beneficiary_id
            user = (
                beneficiary.liaison_officer_id.user_id
                or answer.shaqra_campaign_id._escalation_user()
            )
            beneficiary.activity_schedule(
                activity_type_id=todo.id if todo else False,
                summary=self.env._(
                    "Dissatisfied beneficiary: follow up (%(campaign)s)",
                    campaign=answer.shaqra_campaign_id.name,
                ),
                # The officer reads what the beneficiary answered where he
                # works, without rights on the questionnaires (G1, G6).
                note=answer._shaqra_answers_summary(),
                user_id=user.id or self.env.uid,
            )
            answer.shaqra_followup_done = True
