from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.saudi_id import normalize_saudi_id


class CrmLead(models.Model):
    """Inquiries from beneficiaries are CRM leads (policy C1, F2).

    The UTM medium is the channel the inquiry came by (one medium per
    channel of policy A). The inquiry is routed to the liaison officer of
    the beneficiary category and the field of work it concerns (F1), and
    can be converted to a beneficiary with nothing retyped.
    """

    _inherit = "crm.lead"

    is_shaqra_inquiry = fields.Boolean(string="Beneficiary Inquiry", index=True)
    beneficiary_id = fields.Many2one(
        "shaqra.beneficiary", string="Beneficiary", index=True, tracking=True, copy=False
    )
    shaqra_national_id = fields.Char(string="National ID / Iqama")
    shaqra_category_id = fields.Many2one(
        "shaqra.beneficiary.category", string="Beneficiary Category", tracking=True
    )
    shaqra_field_id = fields.Many2one("shaqra.work.field", string="Field of Work", tracking=True)
    shaqra_service_type_id = fields.Many2one(
        "shaqra.service.type",
        string="Service Wanted",
        tracking=True,
        help="The service a visitor who pre-registered on the website asks for (policy C1, C2).",
    )
    shaqra_request_id = fields.Many2one(
        "shaqra.request", string="Request", readonly=True, copy=False
    )

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._shaqra_beneficiary_defaults(vals)
            if vals.get("shaqra_national_id"):
                vals["shaqra_national_id"] = normalize_saudi_id(vals["shaqra_national_id"])
        leads = super().create(vals_list)
        leads.filtered(
            lambda lead: lead.shaqra_category_id and lead.shaqra_field_id
        )._shaqra_route()
        return leads

    def write(self, vals):
        self._shaqra_beneficiary_defaults(vals)
        if vals.get("shaqra_national_id"):
            vals["shaqra_national_id"] = normalize_saudi_id(vals["shaqra_national_id"])
        result = super().write(vals)
        if {"shaqra_category_id", "shaqra_field_id"} & set(vals) and "user_id" not in vals:
            self._shaqra_route()
        return result

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _shaqra_beneficiary_defaults(self, vals):
        """An inquiry of a known beneficiary takes its contact, ID and category."""
        if not vals.get("beneficiary_id"):
            return
        # Reception may take an inquiry of a beneficiary it did not register
        # (found by national ID): the lead takes the contact data it needs,
        # nothing confidential beyond the ID the person gave.
        beneficiary = self.env["shaqra.beneficiary"].sudo().browse(vals["beneficiary_id"])
        for key, value in (
            ("partner_id", beneficiary.partner_id.id),
            ("shaqra_national_id", beneficiary.national_id),
            ("shaqra_category_id", beneficiary.category_id.id),
            ("shaqra_field_id", beneficiary.field_id.id),
        ):
            if value and not vals.get(key):
                vals[key] = value

    def _shaqra_route(self):
        """Give each inquiry to its liaison officer, or the backup (F1)."""
        Assignment = self.env["shaqra.liaison.assignment"].sudo()
        for lead in self:
            assignment = Assignment._find(
                lead.shaqra_category_id, lead.shaqra_field_id, lead.company_id or None
            )
            user = assignment.user_id or assignment.backup_user_id
            if user and lead.user_id != user:
                lead.user_id = user

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    @api.onchange("shaqra_category_id", "shaqra_field_id")
    def _onchange_shaqra_route(self):
        assignment = (
            self.env["shaqra.liaison.assignment"]
            .sudo()
            ._find(self.shaqra_category_id, self.shaqra_field_id, self.company_id or None)
        )
        if assignment.user_id or assignment.backup_user_id:
            self.user_id = assignment.user_id or assignment.backup_user_id

    def _shaqra_channel(self):
        """The beneficiary channel of the lead's UTM medium, if it is one."""
        self.ensure_one()
        if not self.medium_id:
            return False
        xmlid = self.medium_id.get_external_id().get(self.medium_id.id, "")
        prefix = "shaqra_beneficiary.utm_medium_shaqra_"
        return xmlid[len(prefix) :] if xmlid.startswith(prefix) else False

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_shaqra_convert_beneficiary(self):
        """Open the wizard that makes a beneficiary of this inquiry (C1)."""
        self.ensure_one()
        if self.beneficiary_id:
            raise UserError(
                self.env._(
                    "This inquiry is already linked to the beneficiary %(name)s.",
                    name=self.beneficiary_id.name,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Convert to Beneficiary"),
            "res_model": "crm.lead.convert.beneficiary",
            "view_mode": "form",
            "target": "new",
            "context": {"default_lead_id": self.id},
        }

    def action_shaqra_view_beneficiary(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "shaqra.beneficiary",
            "res_id": self.beneficiary_id.id,
            "view_mode": "form",
        }
