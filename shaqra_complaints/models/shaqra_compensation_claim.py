from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare, float_is_zero, format_amount

from odoo.addons.shaqra_beneficiary.models.shaqra_deadline_mixin import DEADLINE_EVIDENCE_FIELDS
from odoo.addons.shaqra_beneficiary.tools.client_info import client_info
from odoo.addons.shaqra_beneficiary.tools.hijri import format_gregorian, format_hijri
from odoo.addons.shaqra_beneficiary.tools.signature import check_signature_image

STATES = [
    ("draft", "Draft"),
    ("investigation", "Investigation"),
    ("established", "Established"),
    ("negotiation", "Negotiation"),
    ("settled", "Settled"),
    ("paid", "Paid"),
    ("rejected", "Rejected"),
]
JUDGMENT_FIELDS = (
    "judgment_authority",
    "judgment_number",
    "judgment_date",
    "judgment_final",
    "judgment_document",
    "amount_ruled",
)
AGREEMENT_FIELDS = ("amount_agreed", "agreement_terms")
# What staff work out before the beneficiary is shown it (C8, C10): the portal
# reads it only through its pages, as superuser, once an offer may be shown.
INTERNAL = "base.group_user"
# The clock of the payment due (E3): shaqra.deadline.mixin with these activities.
ACTIVITY_OFFER_APPROVAL = "shaqra_complaints.mail_activity_type_claim_offer_approval"
ACTIVITY_PAYMENT_DUE = "shaqra_complaints.mail_activity_type_claim_payment_due"
ACTIVITY_PAYMENT_REMINDER = "shaqra_complaints.mail_activity_type_claim_payment_reminder"
ACTIVITY_PAYMENT_OVERDUE = "shaqra_complaints.mail_activity_type_claim_payment_overdue"


class ShaqraCompensationClaim(models.Model):
    """A harmed beneficiary's claim for compensation (policy C7-C10, E3).

    The association compensates only on a sound basis: approved minutes of
    an investigation committee stating that it caused the fault (C7, C8), or
    a final judgment (C9). Negotiation (C10) starts only then; the settlement
    needs the beneficiary's signature on the agreement; payments never exceed
    the agreed amount (E3). The state and every step's evidence are set only
    by the actions.
    """

    _name = "shaqra.compensation.claim"
    _description = "Compensation Claim"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "shaqra.notice.mixin",
        "shaqra.evidence.mixin",
        "shaqra.deadline.mixin",
    ]
    _order = "id desc"
    _check_company_auto = True
    # E3: the payment is due some working days after the settlement.
    _deadline_start_field = "settled_on"
    _deadline_activity_answer = ACTIVITY_PAYMENT_DUE
    _deadline_activity_reminder = ACTIVITY_PAYMENT_REMINDER
    _deadline_activity_escalation = ACTIVITY_PAYMENT_OVERDUE

    name = fields.Char(readonly=True, copy=False, default="/", index="trigram")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    beneficiary_id = fields.Many2one(
        "shaqra.beneficiary", string="Beneficiary", index=True, tracking=True
    )
    partner_id = fields.Many2one(related="beneficiary_id.partner_id")
    complaint_id = fields.Many2one("shaqra.complaint", readonly=True, copy=False, index=True)
    request_id = fields.Many2one("shaqra.request", index=True)
    harm_description = fields.Text(string="Harm Claimed", tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Officer Handling",
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
    )
    committee_id = fields.Many2one(
        "shaqra.committee",
        string="Investigation Committee",
        domain="[('committee_type', '=', 'investigation')]",
        index=True,
        tracking=True,
    )
    finding_ids = fields.One2many(
        "shaqra.compensation.finding",
        "claim_id",
        string="Committee Findings",
        readonly=True,
        groups=INTERNAL,
    )
    meeting_id = fields.Many2one(
        "shaqra.committee.meeting",
        string="Establishing Minutes",
        readonly=True,
        copy=False,
        help="The approved investigation meeting whose minutes state the harm, its extent and "
        "causes and that the association caused the fault.",
    )
    judgment_authority = fields.Char(tracking=True)
    judgment_number = fields.Char(tracking=True)
    judgment_date = fields.Date(tracking=True)
    judgment_final = fields.Boolean(
        string="Final Judgment",
        tracking=True,
        help="A final judgment or decision establishes the claim; an appealable one does not.",
    )
    judgment_document = fields.Binary(attachment=True, copy=False)
    judgment_document_name = fields.Char()
    amount_claimed = fields.Monetary(tracking=True)
    amount_assessed = fields.Monetary(readonly=True, copy=False, tracking=True, groups=INTERNAL)
    amount_ruled = fields.Monetary(tracking=True)
    amount_agreed = fields.Monetary(tracking=True, copy=False, groups=INTERNAL)
    amount_paid = fields.Monetary(compute="_compute_amount_paid", store=True)
    amount_due = fields.Monetary(compute="_compute_amount_paid", store=True, string="Amount Due")
    agreement_terms = fields.Html(copy=False, groups=INTERNAL)
    negotiation_ids = fields.One2many(
        "shaqra.compensation.negotiation",
        "claim_id",
        string="Negotiation Rounds",
        groups=INTERNAL,
    )
    payment_ids = fields.One2many("shaqra.compensation.payment", "claim_id", string="Payments")
    established_basis = fields.Selection(
        [("minutes", "Approved investigation minutes"), ("judgment", "Final judgment")],
        readonly=True,
        copy=False,
    )
    established_on = fields.Datetime(readonly=True, copy=False)
    established_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    agreement_signature = fields.Binary(readonly=True, copy=False, attachment=True)
    agreement_signed_by = fields.Char(readonly=True, copy=False)
    agreement_signed_on = fields.Datetime(readonly=True, copy=False)
    agreement_signed_ip = fields.Char(string="Signed from IP Address", readonly=True, copy=False)
    agreement_signed_ua = fields.Char(string="Signed from Device", readonly=True, copy=False)
    agreement_signed_channel = fields.Selection(
        [("backend", "In person"), ("portal", "On the portal")],
        string="Signed",
        readonly=True,
        copy=False,
    )
    date_deadline = fields.Date(
        string="Payment Due",
        help="The agreed amount is due on this day: set at the settlement, a number of "
        "working days later on the association's calendar (policy E3).",
    )
    is_overdue = fields.Boolean(
        string="Payment Overdue",
        help="Set by the daily check when the payment due date passed and the agreed amount "
        "is not fully paid (policy E3).",
    )
    settled_on = fields.Datetime(readonly=True, copy=False)
    settled_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_paid = fields.Datetime(readonly=True, copy=False)
    reject_reason = fields.Text(readonly=True, copy=False)

    _evidence_fields = (
        "name",
        "state",
        "complaint_id",
        "meeting_id",
        "amount_assessed",
        "established_basis",
        "established_on",
        "established_by_id",
        "agreement_signature",
        "agreement_signed_by",
        "agreement_signed_on",
        "agreement_signed_ip",
        "agreement_signed_ua",
        "agreement_signed_channel",
        "settled_on",
        "settled_by_id",
        "date_paid",
        "reject_reason",
        *DEADLINE_EVIDENCE_FIELDS,
    )
    _evidence_frozen_fields = (*JUDGMENT_FIELDS, *AGREEMENT_FIELDS, "amount_claimed")

    _sql_constraints = [
        ("amount_claimed_positive", "check(amount_claimed >= 0)", "Amounts cannot be negative."),
        ("amount_ruled_positive", "check(amount_ruled >= 0)", "Amounts cannot be negative."),
        ("amount_agreed_positive", "check(amount_agreed >= 0)", "Amounts cannot be negative."),
    ]

    @api.depends("payment_ids.amount", "amount_agreed")
    def _compute_amount_paid(self):
        for claim in self:
            claim.amount_paid = sum(claim.payment_ids.mapped("amount"))
            claim.amount_due = max(claim.amount_agreed - claim.amount_paid, 0.0)

    @api.model_create_multi
    def create(self, vals_list):
        claims = super().create(vals_list)
        for claim in claims:
            claim.sudo().name = (
                self.env["ir.sequence"].sudo().next_by_code("shaqra.compensation.claim") or "/"
            )
        return claims

    def write(self, vals):
        if not self._evidence_allowed():
            # The judgment is the basis once the claim is established; the
            # agreement cannot change once settled (frozen by the mixin).
            judgment = set(vals) & set(JUDGMENT_FIELDS)
            basis = self.filtered(lambda c: c.state not in ("draft", "investigation"))
            if judgment and basis:
                raise UserError(
                    self.env._(
                        "%(claim)s is established: its judgment can no longer be changed.",
                        claim=basis[0].display_name,
                    )
                )
        return super().write(vals)

    def _evidence_is_frozen(self):
        return self.state in ("settled", "paid", "rejected")

    @api.ondelete(at_uninstall=False)
    def _unlink_draft_only(self):
        if self.filtered(lambda c: c.state != "draft"):
            raise UserError(self.env._("Only a draft claim can be deleted."))

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def _check_state(self, states, action):
        for claim in self:
            if claim.state not in states:
                raise UserError(
                    self.env._(
                        "%(claim)s cannot be %(action)s in its current state.",
                        claim=claim.display_name,
                        action=action,
                    )
                )

    def action_send_to_investigation(self):
        self._check_state(("draft",), self.env._("sent to the investigation committee"))
        for claim in self:
            if claim.committee_id.committee_type != "investigation":
                raise UserError(
                    self.env._(
                        "Choose the investigation committee that studies %(claim)s.",
                        claim=claim.display_name,
                    )
                )
        self._evidence_write({"state": "investigation"})
        return True

    def _approved_fault_finding(self):
        """The finding of approved minutes stating the association caused the fault."""
        self.ensure_one()
        # Read as the minutes are: the officer handling the claim may not be a member.
        return self.sudo().finding_ids.filtered(
            lambda f: f.meeting_id.state == "approved"
            and f.meeting_id.committee_id.committee_type == "investigation"
            and f.association_at_fault
        )[-1:]

    def action_establish(self):
        """Establish the claim on a sound basis only (C8, C9)."""
        self._check_state(("draft", "investigation"), self.env._("established"))
        for claim in self:
            finding = claim._approved_fault_finding()
            if finding:
                claim._evidence_write(
                    {
                        "state": "established",
                        "established_basis": "minutes",
                        "meeting_id": finding.meeting_id.id,
                        "amount_assessed": finding.amount_assessed,
                        "established_on": fields.Datetime.now(),
                        "established_by_id": self.env.user.id,
                    }
                )
                continue
            if claim.judgment_number and claim.judgment_authority and claim.judgment_date:
                if not claim.judgment_final:
                    raise UserError(
                        self.env._(
                            "The judgment %(number)s on %(claim)s can still be appealed: the "
                            "claim is established only by a final judgment or decision (C9).",
                            number=claim.judgment_number,
                            claim=claim.display_name,
                        )
                    )
                claim._evidence_write(
                    {
                        "state": "established",
                        "established_basis": "judgment",
                        "established_on": fields.Datetime.now(),
                        "established_by_id": self.env.user.id,
                    }
                )
                continue
            raise UserError(
                self.env._(
                    "%(claim)s is established only by approved investigation minutes stating "
                    "that the association caused the fault, or by a final judgment (C8, C9).",
                    claim=claim.display_name,
                )
            )
        self.message_post(
            body=self.env._("The claim is established."), subtype_xmlid="mail.mt_note"
        )
        return True

    def action_start_negotiation(self):
        for claim in self:
            if claim.state != "established":
                raise UserError(
                    self.env._(
                        "Negotiation on %(claim)s starts only once the claim is established "
                        "(C10).",
                        claim=claim.display_name,
                    )
                )
        self._evidence_write({"state": "negotiation"})
        return True

    def _offer_approval_amount(self):
        """C10: offers above this amount need management's approval."""
        self.ensure_one()
        return self.company_id.shaqra_claim_offer_approval_amount

    def _offer_basis_error(self):
        """Why the agreed amount has no sound basis in the negotiation (C10), or None.

        An agreement above the approval amount rests on an association offer
        of at least that amount approved by management; an offer awaiting
        approval is the basis of nothing.
        """
        self.ensure_one()
        rounding = self.currency_id.rounding
        limit = self._offer_approval_amount()
        if float_compare(self.amount_agreed, limit, precision_rounding=rounding) <= 0:
            return None
        approved = self.sudo().negotiation_ids.filtered(
            lambda r: r.party == "association"
            and r.approved_on
            and float_compare(r.amount, self.amount_agreed, precision_rounding=rounding) >= 0
        )
        if approved:
            return None
        return self.env._(
            "The agreed amount of %(claim)s is above %(limit)s: it needs an offer of the "
            "association approved by management (C10).",
            claim=self.display_name,
            limit=format_amount(self.env, limit, self.currency_id),
        )

    def _portal_can_sign(self):
        """Whether the beneficiary may read and sign the agreement now."""
        self.ensure_one()
        return bool(
            self.state == "negotiation"
            and not self.agreement_signed_on
            and not float_is_zero(self.amount_agreed, precision_rounding=self.currency_id.rounding)
            and not self._offer_basis_error()
        )

    def _portal_rounds(self):
        """The rounds the beneficiary sees: an offer awaiting approval is not one yet."""
        self.ensure_one()
        return self.negotiation_ids.filtered(
            lambda r: r.party == "beneficiary" or not r.approval_required or r.approved_on
        )

    def _portal_timeline(self):
        """The life of the claim for its beneficiary: ``[(datetime or date, text)]``."""
        self.ensure_one()
        steps = [
            (self.create_date, self.env._("Your claim %(claim)s was registered.", claim=self.name))
        ]
        if self.state != "draft" and self.committee_id:
            steps.append(
                (False, self.env._("The claim was referred to the investigation committee."))
            )
        if self.established_on:
            basis = (
                self.env._("the approved minutes of the investigation committee")
                if self.established_basis == "minutes"
                else self.env._("a final judgment")
            )
            steps.append(
                (
                    self.established_on,
                    self.env._("The claim was established by %(basis)s.", basis=basis),
                )
            )
        for line in self._portal_rounds():
            steps.append(
                (
                    line.date,
                    self.env._(
                        "Offer of %(party)s: %(amount)s",
                        party=dict(line._fields["party"]._description_selection(self.env))[
                            line.party
                        ],
                        amount=format_amount(self.env, line.amount, self.currency_id),
                    ),
                )
            )
        if self.agreement_signed_on:
            steps.append(
                (
                    self.agreement_signed_on,
                    self.env._(
                        "The settlement agreement was signed by %(name)s.",
                        name=self.agreement_signed_by,
                    ),
                )
            )
        if self.settled_on:
            steps.append((self.settled_on, self.env._("The claim was settled.")))
        for payment in self.payment_ids:
            steps.append(
                (
                    payment.date,
                    self.env._(
                        "Payment of %(amount)s received.",
                        amount=format_amount(self.env, payment.amount, self.currency_id),
                    ),
                )
            )
        if self.date_paid:
            steps.append((self.date_paid, self.env._("The compensation is fully paid.")))
        if self.state == "rejected":
            steps.append(
                (
                    self.write_date,
                    self.env._(
                        "The claim was not accepted: %(reason)s", reason=self.reject_reason
                    ),
                )
            )
        return [(fields.Date.to_date(when) if when else False, text) for when, text in steps]

    def _agreement_sign(self, signature, signed_by, ip=None, ua=None, channel="backend"):
        """The beneficiary signs the settlement agreement (backend or portal).

        The same evidence either way: who signed, when, from which IP address
        and device (the officer's in person, the beneficiary's on the portal).
        """
        self.ensure_one()
        self._check_state(("negotiation",), self.env._("signed"))
        if self.agreement_signed_on:
            raise UserError(
                self.env._("The agreement of %(claim)s is already signed.", claim=self.name)
            )
        if not signature or not (signed_by or "").strip():
            raise UserError(self.env._("The signature and the signatory's name are required."))
        if float_is_zero(self.amount_agreed, precision_rounding=self.currency_id.rounding):
            raise UserError(self.env._("Record the agreed amount before the agreement is signed."))
        error = self._offer_basis_error()
        if error:
            raise UserError(error)
        check_signature_image(self.env, signature)
        if ip is None and ua is None:
            ip, ua = client_info()
        self._evidence_write(
            {
                "agreement_signature": signature,
                "agreement_signed_by": signed_by.strip()[:200],
                "agreement_signed_on": fields.Datetime.now(),
                "agreement_signed_ip": (ip or "")[:64] or False,
                "agreement_signed_ua": (ua or "")[:512] or False,
                "agreement_signed_channel": channel,
            }
        )
        self.message_post(
            body=self.env._(
                "%(person)s signed the settlement agreement of %(claim)s.",
                person=signed_by.strip()[:200],
                claim=self.name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return True

    def action_settle(self):
        self._check_state(("negotiation",), self.env._("settled"))
        for claim in self:
            if not claim.agreement_signature or not claim.agreement_signed_on:
                raise UserError(
                    self.env._(
                        "The settlement of %(claim)s needs the beneficiary's signature on the "
                        "agreement.",
                        claim=claim.display_name,
                    )
                )
            error = claim._offer_basis_error()
            if error:
                raise UserError(error)
        self._evidence_write(
            {
                "state": "settled",
                "settled_on": fields.Datetime.now(),
                "settled_by_id": self.env.user.id,
            }
        )
        # E3: the payment is due N working days later; an activity for the officer.
        self._deadline_start()
        return True

    def action_reject(self, reason=None):
        reason = (reason or self.env.context.get("shaqra_reject_reason") or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason why the claim is rejected."))
        self._check_state(
            ("draft", "investigation", "established", "negotiation"), self.env._("rejected")
        )
        self._evidence_write({"state": "rejected", "reject_reason": reason})
        for claim in self:
            claim.message_post(
                body=self.env._("Claim rejected: %(reason)s", reason=reason),
                subtype_xmlid="mail.mt_note",
            )
            if claim.beneficiary_id:
                # The beneficiary is told why, over the agreed channel.
                claim._shaqra_notify(
                    "decision",
                    self.env._("Your compensation claim %(claim)s", claim=claim.name),
                    Markup("<p>%s</p>")
                    % self.env._(
                        "Your compensation claim %(claim)s was not accepted: %(reason)s",
                        claim=claim.name,
                        reason=reason,
                    ),
                )
        return True

    def _notify_payment(self, payment):
        """The beneficiary is told of each payment over the agreed channel (E3)."""
        self.ensure_one()
        if not self.beneficiary_id:
            return
        amount = format_amount(self.env, payment.amount, self.currency_id)
        due = format_amount(self.env, self.amount_due, self.currency_id)
        self._shaqra_notify(
            "other",
            self.env._("Payment of your compensation %(claim)s", claim=self.name),
            Markup("<p>%s</p>")
            % self.env._(
                "A payment of %(amount)s of your compensation %(claim)s was made on %(date)s "
                "(reference %(reference)s). Remaining due: %(due)s.",
                amount=amount,
                claim=self.name,
                date=payment.date,
                reference=payment.reference or "-",
                due=due,
            ),
        )

    # ------------------------------------------------------------
    # SETTLEMENT AGREEMENT (C10)
    # ------------------------------------------------------------

    def _amount_in_words(self, amount=None):
        """The agreed amount (or ``amount``) in Arabic words, riyals and halalas."""
        self.ensure_one()
        amount = self.amount_agreed if amount is None else amount
        return self.currency_id._shaqra_amount_in_arabic_words(amount)

    def _agreement_dates(self):
        self.ensure_one()
        calendar = self.env.ref("shaqra_beneficiary.resource_calendar_shaqra", False)
        day = fields.Datetime.context_timestamp(
            self.with_context(tz=(calendar and calendar.tz) or "Asia/Riyadh"),
            self.agreement_signed_on or fields.Datetime.now(),
        )
        return {"hijri": format_hijri(day, "ar"), "gregorian": format_gregorian(day, "ar")}

    def _payment_recorded(self):
        """Called by payments: the claim is paid once the agreed amount is paid."""
        for claim in self:
            if claim.state == "settled" and (
                float_compare(
                    claim.amount_paid,
                    claim.amount_agreed,
                    precision_rounding=claim.currency_id.rounding,
                )
                >= 0
            ):
                claim._evidence_write({"state": "paid", "date_paid": fields.Datetime.now()})
                claim._deadline_stop()

    # ------------------------------------------------------------
    # PAYMENT DUE (E3): shaqra.deadline.mixin's hooks
    # ------------------------------------------------------------

    def _deadline_working_days(self):
        self.ensure_one()
        return self.company_id.shaqra_claim_payment_days

    def _deadline_responsible_user(self):
        self.ensure_one()
        return self.user_id or self._deadline_escalation_user()

    @api.model
    def _deadline_open_domain(self):
        return [("state", "=", "settled")]

    def _deadline_summary(self, kind, user=None):
        self.ensure_one()
        due = format_amount(self.env, self.amount_due, self.currency_id)
        if kind == "answer":
            return self.env._(
                "Pay the compensation %(claim)s (%(amount)s) by its due date",
                claim=self.name,
                amount=due,
            )
        if kind == "reminder":
            return self.env._(
                "Reminder: the compensation %(claim)s is due on %(date)s",
                claim=self.name,
                date=self.date_deadline,
            )
        if kind == "escalation":
            return self.env._(
                "Overdue payment: %(amount)s of the compensation %(claim)s was due on %(date)s",
                amount=due,
                claim=self.name,
                date=self.date_deadline,
            )
        if kind == "overdue_note":
            return self.env._(
                "The payment was due on %(date)s and %(amount)s is still unpaid (policy E3). "
                "Management has been alerted: %(manager)s.",
                date=self.date_deadline,
                amount=due,
                manager=(user and user.name) or self.env._("nobody configured"),
            )
        return self.env._("The compensation is paid.")


class ShaqraCompensationNegotiation(models.Model):
    """A round of offers and counter-offers (C10); recorded once, never rewritten."""

    _name = "shaqra.compensation.negotiation"
    _inherit = ["shaqra.evidence.mixin"]
    _description = "Compensation Negotiation Round"
    _order = "claim_id, date, id"

    claim_id = fields.Many2one(
        "shaqra.compensation.claim", required=True, ondelete="cascade", index=True
    )
    currency_id = fields.Many2one(related="claim_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today)
    party = fields.Selection(
        [("association", "Association"), ("beneficiary", "Beneficiary")], required=True
    )
    amount = fields.Monetary(required=True)
    note = fields.Text(string="Terms")
    recorded_by_id = fields.Many2one("res.users", readonly=True)
    approval_required = fields.Boolean(
        string="Needs Management Approval",
        readonly=True,
        help="An offer of the association above the amount set in the settings needs the "
        "approval of management before it can be the basis of a settlement (C10).",
    )
    approved_by_id = fields.Many2one("res.users", string="Approved By", readonly=True)
    approved_on = fields.Datetime(string="Approved On", readonly=True)
    notice_id = fields.Many2one(
        "shaqra.notification",
        string="Notice",
        readonly=True,
        copy=False,
        help="The association's offer as the beneficiary received it, over the agreed "
        "channel (C10, A1-A6).",
    )

    _evidence_fields = (
        "recorded_by_id",
        "approval_required",
        "approved_by_id",
        "approved_on",
        "notice_id",
    )

    @api.constrains("amount")
    def _check_amount(self):
        for line in self:
            if line.amount <= 0:
                raise ValidationError(self.env._("An offer is a positive amount."))

    def action_approve(self):
        """C10: management approves an offer of the association above the limit."""
        if not self.env.user.has_group("shaqra_beneficiary.group_manager"):
            raise AccessError(self.env._("Only management approves an offer above the limit."))
        for line in self:
            if not line.approval_required or line.approved_on:
                raise UserError(
                    self.env._(
                        "This offer on %(claim)s does not wait for approval.",
                        claim=line.claim_id.display_name,
                    )
                )
            if line.claim_id.state != "negotiation":
                raise UserError(
                    self.env._(
                        "Offers are approved while %(claim)s is in negotiation (C10).",
                        claim=line.claim_id.display_name,
                    )
                )
        # Checked above: the manager approves, the round itself stays read-only.
        self.sudo()._evidence_write(
            {"approved_by_id": self.env.user.id, "approved_on": fields.Datetime.now()}
        )
        self._notify_offer()
        # The claim's "approve the offer" activity is done once no offer waits.
        self.claim_id.sudo().filtered(
            lambda claim: not claim.negotiation_ids.filtered(
                lambda line: line.approval_required and not line.approved_on
            )
        ).activity_feedback([ACTIVITY_OFFER_APPROVAL], feedback=self.env._("Offer approved."))
        for line in self:
            line.claim_id.message_post(
                body=self.env._(
                    "%(user)s approved the association's offer of %(amount)s (C10).",
                    user=self.env.user.name,
                    amount=format_amount(self.env, line.amount, line.currency_id),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    @api.model_create_multi
    def create(self, vals_list):
        rounds = super().create(vals_list)
        for line in rounds:
            if line.claim_id.state != "negotiation":
                raise UserError(
                    self.env._(
                        "Offers are recorded while %(claim)s is in negotiation (C10).",
                        claim=line.claim_id.display_name,
                    )
                )
        rounds._evidence_write({"recorded_by_id": self.env.user.id})
        for line in rounds:
            claim = line.claim_id
            if line.party == "association" and (
                float_compare(
                    line.amount,
                    claim._offer_approval_amount(),
                    precision_rounding=claim.currency_id.rounding,
                )
                > 0
            ):
                line._evidence_write({"approval_required": True})
                claim.sudo().activity_schedule(
                    ACTIVITY_OFFER_APPROVAL,
                    summary=self.env._(
                        "Approve the offer of %(amount)s (C10)", amount=line.amount
                    ),
                    user_id=claim._deadline_escalation_user().id or self.env.user.id,
                )
        rounds.filtered(lambda line: not line.approval_required)._notify_offer()
        return rounds

    def _notify_offer(self):
        """C10: an offer of the association, once it may be shown, reaches the
        beneficiary over the agreed channel as a notice (a meeting or a call
        is delivered by staff with its proof, like any notice)."""
        for line in self.filtered(lambda line: line.party == "association"):
            claim = line.claim_id.sudo()
            if not claim.beneficiary_id or line.notice_id:
                continue
            body = Markup("<p>%s</p>") % self.env._(
                "The association offers %(amount)s to settle your compensation claim "
                "%(claim)s.",
                amount=format_amount(self.env, line.amount, line.currency_id),
                claim=claim.name,
            )
            if line.note:
                body += Markup("<p>%s</p>") % line.note
            notice = claim._shaqra_notify(
                "settlement",
                self.env._("An offer on your compensation claim %(claim)s", claim=claim.name),
                body,
            )
            line.sudo()._evidence_write({"notice_id": notice[:1].id})

    def write(self, vals):
        if not self._evidence_allowed():
            raise UserError(
                self.env._("A negotiation round is a record: add a new round instead.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("A negotiation round is a record and cannot be deleted."))


class ShaqraCompensationPayment(models.Model):
    """A payment of the agreed compensation (E3): never above what remains due."""

    _name = "shaqra.compensation.payment"
    _inherit = ["shaqra.evidence.mixin"]
    _description = "Compensation Payment"
    _order = "claim_id, date, id"

    claim_id = fields.Many2one(
        "shaqra.compensation.claim", required=True, ondelete="restrict", index=True
    )
    currency_id = fields.Many2one(related="claim_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today)
    amount = fields.Monetary(required=True)
    method = fields.Selection(
        [("bank_transfer", "Bank transfer"), ("cheque", "Cheque"), ("cash", "Cash")],
        required=True,
    )
    reference = fields.Char()
    proof = fields.Binary(attachment=True)
    proof_name = fields.Char()
    recorded_by_id = fields.Many2one("res.users", readonly=True)

    _evidence_fields = ("recorded_by_id",)

    @api.model_create_multi
    def create(self, vals_list):
        payments = super().create(vals_list)
        for payment in payments:
            claim = payment.claim_id
            rounding = claim.currency_id.rounding
            if claim.state != "settled":
                raise UserError(
                    self.env._(
                        "Payments are recorded on a settled claim (%(claim)s).",
                        claim=claim.display_name,
                    )
                )
            if float_compare(payment.amount, 0.0, precision_rounding=rounding) <= 0:
                raise UserError(self.env._("A payment is a positive amount."))
            paid = sum(claim.payment_ids.mapped("amount"))
            if float_compare(paid, claim.amount_agreed, precision_rounding=rounding) > 0:
                raise UserError(
                    self.env._(
                        "The payment of %(amount)s is above what remains due on %(claim)s "
                        "(%(due)s).",
                        amount=payment.amount,
                        claim=claim.display_name,
                        due=claim.amount_agreed - (paid - payment.amount),
                    )
                )
        payments._evidence_write({"recorded_by_id": self.env.user.id})
        payments.claim_id._payment_recorded()
        for payment in payments:
            payment.claim_id._notify_payment(payment)
        return payments

    def write(self, vals):
        if not self._evidence_allowed():
            raise UserError(self.env._("A payment is a record: it cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("A payment is a record and cannot be deleted."))
