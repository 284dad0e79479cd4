import datetime

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.hijri import format_gregorian, format_hijri
from ..tools.signature import check_signature_image
from .shaqra_agreement_template import PAYMENT_SCHEDULES

AGREEMENT_STATES = [
    ("draft", "To sign"),
    ("signed", "Signed"),
    ("active", "Active"),
    ("ended", "Ended"),
    ("terminated", "Terminated"),
]
OPEN_STATES = ("draft", "signed", "active")


class ShaqraBeneficiaryAgreement(models.Model):
    """The agreement between the association and a beneficiary (policy ART2).

    Made from the published template of the service when a request is
    approved; it states the service granted, the amount and schedule, the
    duration, both parties' obligations and how it ends. The beneficiary
    signs it (in person at reception or on the portal) and so does the
    association's representative (a manager). Signatures, signers, dates
    and the state are evidence: only the signing and the state actions set
    them (``shaqra.evidence.mixin``).
    """

    _name = "shaqra.beneficiary.agreement"
    _description = "Beneficiary Agreement"
    _inherit = [
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "shaqra.evidence.mixin",
        "shaqra.notice.mixin",
    ]
    _order = "id desc"
    _check_company_auto = True

    _evidence_fields = (
        "state",
        "signature",
        "signed_by",
        "signed_on",
        "representative_signature",
        "representative_user_id",
        "representative_signed_on",
        "date_closed",
        "template_id",
        "version",
        "next_agreement_id",
    )
    _evidence_frozen_fields = (
        "beneficiary_id",
        "request_id",
        "amount",
        "payment_schedule",
        "date_start",
        "date_end",
        "terms",
        "association_obligations",
        "termination_terms",
    )

    name = fields.Char(string="Number", required=True, readonly=True, copy=False, default="/")
    beneficiary_id = fields.Many2one(
        "shaqra.beneficiary",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    partner_id = fields.Many2one(related="beneficiary_id.partner_id", store=True, index=True)
    request_id = fields.Many2one(
        "shaqra.request", index=True, ondelete="restrict", check_company=True, tracking=True
    )
    template_id = fields.Many2one(
        "shaqra.agreement.template", string="Template", readonly=True, ondelete="restrict"
    )
    version = fields.Integer(
        readonly=True, aggregator=False, help="The version of the template signed."
    )
    service_type_id = fields.Many2one(
        related="template_id.service_type_id", store=True, string="Service"
    )
    department_id = fields.Many2one(
        related="service_type_id.department_id", store=True, string="Concerned Department"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(tracking=True)
    payment_schedule = fields.Selection(PAYMENT_SCHEDULES, string="Schedule")
    date_start = fields.Date(string="Start", tracking=True)
    date_end = fields.Date(string="End", tracking=True)
    terms = fields.Html(string="Service Granted and Terms", sanitize=True)
    association_obligations = fields.Html(string="Obligations of the Association", sanitize=True)
    termination_terms = fields.Html(string="How the Agreement Ends", sanitize=True)
    obligation_ids = fields.One2many(
        "shaqra.beneficiary.agreement.obligation", "agreement_id", string="Obligations"
    )
    state = fields.Selection(
        AGREEMENT_STATES,
        string="Status",
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    signature = fields.Image(
        string="Beneficiary's Signature",
        copy=False,
        attachment=True,
        readonly=True,
        max_width=1024,
        max_height=1024,
    )
    signed_by = fields.Char(string="Signed By", readonly=True, copy=False)
    signed_on = fields.Datetime(string="Signed On", readonly=True, copy=False)
    representative_signature = fields.Image(
        string="Representative's Signature",
        copy=False,
        attachment=True,
        readonly=True,
        max_width=1024,
        max_height=1024,
    )
    representative_user_id = fields.Many2one(
        "res.users", string="Association's Representative", readonly=True, copy=False
    )
    representative_signed_on = fields.Datetime(
        string="Representative Signed On", readonly=True, copy=False
    )
    end_reason = fields.Text(
        string="Reason for Ending", copy=False, help="Why the agreement ended or was terminated."
    )
    date_closed = fields.Datetime(string="Ended On", readonly=True, copy=False)
    previous_agreement_id = fields.Many2one(
        "shaqra.beneficiary.agreement",
        string="Previous Version",
        readonly=True,
        copy=False,
        index=True,
    )
    next_agreement_id = fields.Many2one(
        "shaqra.beneficiary.agreement", string="Replaced By", readonly=True, copy=False
    )

    _sql_constraints = [
        ("name_uniq", "unique(name, company_id)", "The agreement number must be unique."),
    ]

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("shaqra.beneficiary.agreement") or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        if "end_reason" in vals and not self.env.su:
            closed = self.filtered(lambda a: a.state in ("ended", "terminated"))
            if closed:
                raise UserError(
                    self.env._(
                        "Agreement %(agreement)s has ended: the reason recorded is final.",
                        agreement=closed[0].name,
                    )
                )
        return super().write(vals)

    def _evidence_is_frozen(self):
        # What a party signed cannot change under their signature.
        return self.state != "draft" or bool(self.signature or self.representative_signature)

    def _compute_access_url(self):  # pylint: disable=missing-return
        super()._compute_access_url()
        for agreement in self:
            agreement.access_url = f"/my/agreements/{agreement.id}"

    @api.ondelete(at_uninstall=False)
    def _unlink_draft_only(self):
        if self.filtered(lambda a: a.state != "draft" or a.signature):
            raise UserError(self.env._("A signed agreement is evidence and cannot be deleted."))

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_sign(self, signature, signed_by=None):
        """The beneficiary signs (in person at reception, or on the portal)."""
        self.ensure_one()
        if self.state != "draft" or self.signature:
            raise UserError(
                self.env._("Agreement %(agreement)s was already signed.", agreement=self.name)
            )
        check_signature_image(self.env, signature)
        signed_by = (signed_by or "").strip() or self.beneficiary_id.name
        self._evidence_write(
            {"signature": signature, "signed_by": signed_by, "signed_on": fields.Datetime.now()}
        )
        self.message_post(
            body=self.env._(
                "%(person)s signed agreement %(agreement)s for the beneficiary.",
                person=signed_by,
                agreement=self.name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        self._shaqra_after_signature()
        return True

    def action_sign_representative(self, signature):
        """The association's representative (a manager) signs for the association."""
        self.ensure_one()
        if not self.env.user.has_group("shaqra_beneficiary.group_manager"):
            raise AccessError(
                self.env._("Only the association's representative (a manager) signs for it.")
            )
        if self.state != "draft" or self.representative_signature:
            raise UserError(
                self.env._(
                    "Agreement %(agreement)s was already signed for the association.",
                    agreement=self.name,
                )
            )
        check_signature_image(self.env, signature)
        self._evidence_write(
            {
                "representative_signature": signature,
                "representative_user_id": self.env.user.id,
                "representative_signed_on": fields.Datetime.now(),
            }
        )
        self.message_post(
            body=self.env._(
                "%(person)s signed agreement %(agreement)s for the association.",
                person=self.env.user.name,
                agreement=self.name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        self._shaqra_after_signature()
        return True

    def action_open_sign_wizard(self):
        self.ensure_one()
        signer = self.env.context.get("shaqra_signer", "beneficiary")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Sign the Agreement"),
            "res_model": "shaqra.beneficiary.agreement.sign",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_agreement_id": self.id,
                "default_signer": signer,
                "default_signed_by": self.beneficiary_id.name
                if signer == "beneficiary"
                else self.env.user.name,
            },
        }

    def action_activate(self):
        """Signed by both parties: the agreement comes into force."""
        for agreement in self:
            if agreement.state != "signed":
                raise UserError(self.env._("Only a signed agreement can come into force."))
        self._shaqra_activate()
        return True

    def action_end(self):
        """The agreement ran its course (end date, or the service was delivered)."""
        for agreement in self:
            if agreement.state != "active":
                raise UserError(self.env._("Only an active agreement can end."))
        self._shaqra_close("ended", self.env._("The agreement ran its course."), keep_reason=True)
        return True

    def action_terminate(self):
        """The association terminates the agreement, with the reason (ART2)."""
        if not self.env.user.has_group("shaqra_beneficiary.group_manager"):
            raise AccessError(self.env._("Only management can terminate an agreement."))
        for agreement in self:
            if agreement.state not in OPEN_STATES:
                raise UserError(self.env._("This agreement has already ended."))
            if not (agreement.end_reason or "").strip():
                raise UserError(self.env._("Give the reason for terminating the agreement first."))
        self._shaqra_close("terminated", False, keep_reason=True)
        return True

    def action_print(self):
        self.ensure_one()
        return self.env.ref(
            "shaqra_beneficiary.shaqra_beneficiary_agreement_report"
        ).report_action(self)

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _shaqra_create_from_template(
        self, template, beneficiary, request=None, amount=None, date_start=None, previous=None
    ):
        """Make the beneficiary's agreement from ``template`` (ART2)."""
        today = fields.Date.context_today(self)
        start = max(date_start or today, today) if previous else (date_start or today)
        vals = {
            "beneficiary_id": beneficiary.id,
            "request_id": request.id if request else False,
            "company_id": (request or beneficiary).company_id.id,
            "template_id": template.id,
            "version": template.version,
            "amount": request.approved_amount if amount is None and request else (amount or 0.0),
            "payment_schedule": template.payment_schedule,
            "date_start": start,
            "date_end": start + relativedelta(months=template.duration_months, days=-1),
            "terms": template.terms,
            "association_obligations": template.association_obligations,
            "termination_terms": template.termination_terms,
            "previous_agreement_id": previous.id if previous else False,
            "obligation_ids": [
                fields.Command.create(
                    {
                        "sequence": line.sequence,
                        "name": line.name,
                        "party": line.party,
                        "date_due": start + relativedelta(days=line.days_from_start)
                        if line.days_from_start
                        else False,
                    }
                )
                for line in template.obligation_ids
            ],
        }
        return self._evidence_create([vals])

    def _shaqra_after_signature(self):
        """Both parties signed: the agreement is signed, and in force from its start."""
        today = fields.Date.context_today(self)
        for agreement in self.filtered(
            lambda a: a.state == "draft" and a.signature and a.representative_signature
        ):
            agreement._evidence_write({"state": "signed"})
            if not agreement.date_start or agreement.date_start <= today:
                agreement._shaqra_activate()

    def _shaqra_activate(self):
        for agreement in self:
            agreement._evidence_write({"state": "active"})
            agreement.obligation_ids._shaqra_schedule_activities()
            previous = agreement.previous_agreement_id
            if previous and previous.state in OPEN_STATES:
                # ART2: the signed new version replaces the old one, kept as history.
                previous._evidence_write({"next_agreement_id": agreement.id})
                previous._shaqra_close(
                    "ended",
                    self.env._(
                        "Replaced by version %(version)s (agreement %(agreement)s).",
                        version=agreement.version,
                        agreement=agreement.name,
                    ),
                )

    def _shaqra_close(self, state, reason, keep_reason=False):
        for agreement in self:
            vals = {"state": state, "date_closed": fields.Datetime.now()}
            if reason and not (keep_reason and agreement.end_reason):
                vals["end_reason"] = reason
            agreement._evidence_write(vals)
            agreement.obligation_ids.activity_id.sudo().unlink()
            agreement.message_post(
                body=self.env._(
                    "Agreement %(agreement)s is now %(state)s: %(reason)s",
                    agreement=agreement.name,
                    state=dict(AGREEMENT_STATES)[state],
                    reason=agreement.end_reason or "-",
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _shaqra_notify_beneficiary(self, subject, body):
        """Tell the beneficiary over the agreed channel (policy A, C5), logged as a notice."""
        return self._shaqra_notify("other", subject, body)

    def _shaqra_notice_values(self):
        """Notices of an agreement made for a request are listed on it too."""
        return {**super()._shaqra_notice_values(), "request_id": self.request_id.id}

    @api.model
    def _cron_agreements(self):
        """Daily (ART2): agreements come into force, run out, and obligations are reminded."""
        today = fields.Date.context_today(self)
        self.search([("state", "=", "signed"), ("date_start", "<=", today)])._shaqra_activate()
        expired = self.search([("state", "=", "active"), ("date_end", "<", today)])
        expired._shaqra_close("ended", self.env._("The term of the agreement ended."))
        self.env["shaqra.beneficiary.agreement.obligation"]._cron_remind()
        return True

    def _shaqra_dates(self, value):
        """Hijri and Gregorian renderings of a date for the printed agreement."""
        if not value:
            return {"hijri": "", "gregorian": ""}
        if isinstance(value, datetime.datetime):
            value = fields.Datetime.context_timestamp(self, value).date()
        return {"hijri": format_hijri(value, "ar"), "gregorian": format_gregorian(value, "ar")}

    def _shaqra_state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _shaqra_state_badge(self):
        self.ensure_one()
        return {
            "draft": "warning",
            "signed": "info",
            "active": "success",
            "ended": "secondary",
            "terminated": "danger",
        }[self.state]
