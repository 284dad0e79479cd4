from odoo import api, fields, models
from odoo.exceptions import UserError

CONSENT_SCOPES = [
    ("image", "Image (photos, video)"),
    ("story", "Story"),
    ("testimony", "Testimony"),
    ("work", "Work the beneficiary created"),
]
CONSENT_CHANNELS = [("reception", "At reception"), ("portal", "On the portal")]


class ShaqraMediaConsent(models.Model):
    """A beneficiary's consent to use their image, story or testimony (policy E1).

    Given for a scope, channels and a period, and revocable at any time by
    the beneficiary on the portal or at reception: the revocation takes
    effect at once (``is_effective``). When and by whom a consent was given
    and revoked are evidence, set only by the giving and the revoking.
    """

    _name = "shaqra.media.consent"
    _description = "Media Consent"
    _inherit = ["mail.thread", "shaqra.evidence.mixin"]
    _order = "date_from desc, id desc"
    _rec_name = "beneficiary_id"
    _check_company_auto = True

    _evidence_fields = (
        "state",
        "given_on",
        "given_by_id",
        "given_channel",
        "revoked_on",
        "revoked_by_id",
        "revoked_channel",
    )
    _evidence_frozen_fields = (
        "beneficiary_id",
        "scope",
        "purpose",
        "use_website",
        "use_social_media",
        "use_print",
        "use_reports",
        "date_from",
        "date_to",
    )

    beneficiary_id = fields.Many2one(
        "shaqra.beneficiary",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        tracking=True,
    )
    partner_id = fields.Many2one(related="beneficiary_id.partner_id", store=True, index=True)
    company_id = fields.Many2one(related="beneficiary_id.company_id", store=True, index=True)
    scope = fields.Selection(CONSENT_SCOPES, required=True, tracking=True)
    purpose = fields.Text(
        required=True,
        help="What the material may be used for; it is used for nothing else (policy E1).",
    )
    use_website = fields.Boolean(string="Website")
    use_social_media = fields.Boolean(string="Social Media")
    use_print = fields.Boolean(string="Printed Material")
    use_reports = fields.Boolean(string="Reports to Donors and Authorities")
    date_from = fields.Date(
        string="From", required=True, default=fields.Date.context_today, tracking=True
    )
    date_to = fields.Date(string="Until", tracking=True)
    state = fields.Selection(
        [("given", "Given"), ("revoked", "Revoked")],
        string="Status",
        default="given",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    is_effective = fields.Boolean(
        string="In Force",
        compute="_compute_is_effective",
        search="_search_is_effective",
        help="Given, not revoked, and today within its period.",
    )
    given_on = fields.Datetime(readonly=True, copy=False)
    given_by_id = fields.Many2one("res.users", string="Recorded By", readonly=True, copy=False)
    given_channel = fields.Selection(CONSENT_CHANNELS, readonly=True, copy=False)
    revoked_on = fields.Datetime(readonly=True, copy=False)
    revoked_by_id = fields.Many2one("res.users", string="Revoked By", readonly=True, copy=False)
    revoked_channel = fields.Selection(CONSENT_CHANNELS, readonly=True, copy=False)

    _sql_constraints = [
        (
            "period_check",
            "check(date_to IS NULL OR date_to >= date_from)",
            "A consent cannot end before it starts.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    @api.depends("state", "date_from", "date_to")
    def _compute_is_effective(self):
        today = fields.Date.context_today(self)
        for consent in self:
            consent.is_effective = (
                consent.state == "given"
                and consent.date_from <= today
                and (not consent.date_to or consent.date_to >= today)
            )

    def _search_is_effective(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search consents in force with = or != only."))
        today = fields.Date.context_today(self)
        domain = [
            ("state", "=", "given"),
            ("date_from", "<=", today),
            "|",
            ("date_to", "=", False),
            ("date_to", ">=", today),
        ]
        if (operator == "=") == value:
            return domain
        return [("id", "not in", self._search(domain))]

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        consents = super().create(vals_list)
        channel = "portal" if self.env.context.get("shaqra_portal") else "reception"
        # Module data loaded as superuser may bring its own record of the giving.
        consents.filtered(lambda c: not c.given_on)._evidence_write(
            {
                "given_on": fields.Datetime.now(),
                "given_by_id": self.env.uid,
                "given_channel": channel,
            }
        )
        return consents

    def _evidence_is_frozen(self):
        return True

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_revoke(self):
        """Withdraw the consent, at once (contract, E1)."""
        channel = "portal" if self.env.context.get("shaqra_portal") else "reception"
        for consent in self:
            if consent.state != "given":
                raise UserError(self.env._("This consent was already revoked."))
        self._evidence_write(
            {
                "state": "revoked",
                "revoked_on": fields.Datetime.now(),
                "revoked_by_id": self.env.uid,
                "revoked_channel": channel,
            }
        )
        for consent in self:
            consent.message_post(
                body=self.env._("Consent revoked; it no longer allows any use."),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _shaqra_uses(self):
        """The channels the consent covers, as labels."""
        self.ensure_one()
        return [
            self._fields[name]._description_string(self.env)
            for name in ("use_website", "use_social_media", "use_print", "use_reports")
            if self[name]
        ]
