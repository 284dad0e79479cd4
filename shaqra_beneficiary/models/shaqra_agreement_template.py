from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

PAYMENT_SCHEDULES = [
    ("once", "Once"),
    ("monthly", "Monthly"),
    ("quarterly", "Quarterly"),
    ("in_kind", "In kind, as scheduled"),
]


class ShaqraAgreementTemplate(models.Model):
    """A versioned agreement template of a service type (policy ART2).

    "Agreements and contracts are the basis and source of rights and
    obligations": approving a request of the service creates the
    beneficiary's agreement from the published template. "The association
    keeps updating those rights": publishing a new version supersedes the
    old one and asks every beneficiary with a current agreement to sign the
    new version; the old agreements stay as history.
    """

    _name = "shaqra.agreement.template"
    _description = "Agreement Template"
    _inherit = ["mail.thread"]
    _order = "service_type_id, version desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Title", required=True, tracking=True)
    service_type_id = fields.Many2one(
        "shaqra.service.type",
        string="Service Type",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    company_id = fields.Many2one(related="service_type_id.company_id", store=True)
    version = fields.Integer(
        default=1, required=True, readonly=True, copy=False, tracking=True, aggregator=False
    )
    state = fields.Selection(
        [("draft", "Draft"), ("published", "Published"), ("superseded", "Superseded")],
        string="Status",
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    published_on = fields.Datetime(readonly=True, copy=False)
    previous_version_id = fields.Many2one(
        "shaqra.agreement.template", string="Previous Version", readonly=True, copy=False
    )
    duration_months = fields.Integer(
        string="Duration (Months)",
        default=12,
        required=True,
        help="How long an agreement made from this template lasts.",
    )
    payment_schedule = fields.Selection(
        PAYMENT_SCHEDULES, string="Schedule", default="once", required=True
    )
    terms = fields.Html(
        string="Service Granted and Terms",
        sanitize=True,
        help="The service granted and the general terms of the agreement.",
    )
    association_obligations = fields.Html(string="Obligations of the Association", sanitize=True)
    termination_terms = fields.Html(
        string="How the Agreement Ends",
        sanitize=True,
        help="When the agreement ends and on which grounds the association may terminate it.",
    )
    obligation_ids = fields.One2many(
        "shaqra.agreement.template.obligation",
        "template_id",
        string="Obligations",
        copy=True,
    )
    agreement_ids = fields.One2many(
        "shaqra.beneficiary.agreement", "template_id", string="Agreements", readonly=True
    )
    agreement_count = fields.Integer(compute="_compute_agreement_count")

    _sql_constraints = [
        (
            "duration_positive",
            "check(duration_months > 0)",
            "The duration of an agreement must be positive.",
        ),
    ]

    @api.depends("agreement_ids")
    def _compute_agreement_count(self):
        counts = dict(
            self.env["shaqra.beneficiary.agreement"]._read_group(
                [("template_id", "in", self.ids)], ["template_id"], ["__count"]
            )
        )
        for template in self:
            template.agreement_count = counts.get(template, 0)

    @api.depends("name", "version")
    def _compute_display_name(self):
        for template in self:
            template.display_name = self.env._(
                "%(title)s (v%(version)s)", title=template.name or "", version=template.version
            )

    def write(self, vals):
        frozen = set(vals) - {"message_follower_ids", "activity_ids"}
        if frozen and not self.env.su and self.filtered(lambda t: t.state != "draft"):
            raise UserError(
                self.env._(
                    "A published agreement template is the text beneficiaries signed: create "
                    "a new version instead of changing it."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_draft_only(self):
        if self.filtered(lambda t: t.state != "draft" or t.agreement_ids):
            raise UserError(self.env._("Only an unused draft template can be deleted."))

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_publish(self):
        """Publish this version; supersede the current one and ask for re-signature (ART2)."""
        self.ensure_one()
        if self.state != "draft":
            raise UserError(self.env._("Only a draft template can be published."))
        current = self.service_type_id._shaqra_agreement_template()
        earlier = (self.service_type_id.agreement_template_ids - self).filtered(
            lambda t: t.state != "draft"
        )
        self.sudo().write(
            {
                "state": "published",
                "published_on": fields.Datetime.now(),
                "version": max(earlier.mapped("version")) + 1 if earlier else 1,
                "previous_version_id": current.id,
            }
        )
        if current:
            current.sudo().write({"state": "superseded"})
            current._shaqra_request_resignature(self)
        self.message_post(
            body=self.env._("Version %(version)s published.", version=self.version),
            subtype_xmlid="mail.mt_note",
        )
        return True

    def action_new_version(self):
        """A draft copy of this template to edit into the next version."""
        self.ensure_one()
        new = self.copy({"name": self.name})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
        }

    def action_view_agreements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "shaqra_beneficiary.shaqra_beneficiary_agreement_action"
        )
        action["domain"] = [("template_id", "=", self.id)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _shaqra_request_resignature(self, new_template):
        """ART2: beneficiaries with a current agreement sign the new version.

        A draft agreement on the new version is made for each current
        agreement of this (superseded) template; the old agreement stays in
        force until the new one is signed, then ends as replaced.
        """
        self.ensure_one()
        Agreement = self.env["shaqra.beneficiary.agreement"].sudo()
        current = Agreement.search(
            [("template_id", "=", self.id), ("state", "in", ("signed", "active"))]
        )
        for agreement in current:
            new = Agreement._shaqra_create_from_template(
                new_template,
                agreement.beneficiary_id,
                request=agreement.request_id,
                amount=agreement.amount,
                date_start=agreement.date_start,
                previous=agreement,
            )
            new._shaqra_notify_beneficiary(
                self.env._("Please sign the new version of your agreement"),
                Markup("<p>%s</p>")
                % self.env._(
                    "The association has updated the terms of %(service)s (version "
                    "%(version)s). Please read and sign agreement %(agreement)s; your current "
                    "agreement stays in force until then.",
                    service=new.service_type_id.name,
                    version=new.version,
                    agreement=new.name,
                ),
            )
        return current
