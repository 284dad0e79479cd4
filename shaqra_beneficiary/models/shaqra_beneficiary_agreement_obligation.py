from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

ACTIVITY_OBLIGATION = "mail.mail_activity_data_todo"
# Days before its due date a beneficiary is reminded of an obligation.
REMINDER_DAYS = 3


class ShaqraBeneficiaryAgreementObligation(models.Model):
    """An obligation of an agreement, with its due date (policy ART2).

    When the agreement comes into force, each dated obligation becomes an
    activity of the liaison officer, and the beneficiary is reminded of
    their own obligations over the agreed channel before they fall due.
    """

    _name = "shaqra.beneficiary.agreement.obligation"
    _description = "Agreement Obligation"
    _order = "agreement_id, sequence, id"

    agreement_id = fields.Many2one(
        "shaqra.beneficiary.agreement", required=True, ondelete="cascade", index=True
    )
    beneficiary_id = fields.Many2one(related="agreement_id.beneficiary_id", store=True)
    company_id = fields.Many2one(related="agreement_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Obligation", required=True)
    party = fields.Selection(
        [("beneficiary", "Beneficiary"), ("association", "Association")],
        required=True,
        default="beneficiary",
    )
    date_due = fields.Date(string="Due On")
    is_done = fields.Boolean(string="Done")
    reminded_on = fields.Datetime(readonly=True, copy=False)
    activity_id = fields.Many2one(
        "mail.activity", string="Activity", readonly=True, copy=False, ondelete="set null"
    )

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    def write(self, vals):
        if {"agreement_id", "name", "party", "date_due"} & set(vals) and not self.env.su:
            signed = self.agreement_id.filtered(lambda a: a._evidence_is_frozen())
            if signed:
                raise UserError(
                    self.env._(
                        "The obligations of agreement %(agreement)s were signed: they cannot "
                        "change.",
                        agreement=signed[0].name,
                    )
                )
        result = super().write(vals)
        if vals.get("is_done"):
            self.activity_id.sudo().action_feedback(feedback=self.env._("Done."))
        return result

    def _shaqra_schedule_activities(self):
        """ART2: a dated obligation is followed as an activity of the liaison officer."""
        for obligation in self.filtered(lambda o: o.date_due and not o.is_done):
            beneficiary = obligation.agreement_id.beneficiary_id
            user = (
                beneficiary.liaison_user_id
                or obligation.agreement_id.request_id.liaison_user_id
                or self.env.user
            )
            activity = obligation.agreement_id.sudo().activity_schedule(
                ACTIVITY_OBLIGATION,
                date_deadline=obligation.date_due,
                summary=self.env._(
                    "Agreement %(agreement)s: %(obligation)s",
                    agreement=obligation.agreement_id.name,
                    obligation=obligation.name,
                ),
                user_id=user.id,
            )
            obligation.sudo().activity_id = activity

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _cron_remind(self):
        """Remind beneficiaries once of their obligations falling due soon."""
        today = fields.Date.context_today(self)
        due = self.search(
            [
                ("agreement_id.state", "=", "active"),
                ("party", "=", "beneficiary"),
                ("is_done", "=", False),
                ("reminded_on", "=", False),
                ("date_due", "!=", False),
                ("date_due", "<=", today + timedelta(days=REMINDER_DAYS)),
            ]
        )
        for obligation in due:
            obligation.agreement_id._shaqra_notify_beneficiary(
                self.env._("Reminder of your obligation under your agreement"),
                Markup("<p>%s</p>")
                % self.env._(
                    "Under agreement %(agreement)s you undertook to: %(obligation)s, by "
                    "%(date)s.",
                    agreement=obligation.agreement_id.name,
                    obligation=obligation.name,
                    date=obligation.date_due,
                ),
            )
            obligation.reminded_on = fields.Datetime.now()
        return True
