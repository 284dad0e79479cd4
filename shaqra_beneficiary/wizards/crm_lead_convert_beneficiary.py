from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

from ..models.shaqra_beneficiary import CHANNELS


class CrmLeadConvertBeneficiary(models.TransientModel):
    """Make a beneficiary of an inquiry with nothing retyped (policy C1, F2).

    Name, phone, mobile, e-mail and national ID come from the inquiry; the
    channel it came by becomes the agreed channel unless changed. A request
    of a chosen service type may be opened at once. Everything is linked
    back to the inquiry.
    """

    _name = "crm.lead.convert.beneficiary"
    _description = "Convert Inquiry to Beneficiary"

    lead_id = fields.Many2one("crm.lead", required=True, readonly=True, ondelete="cascade")
    name = fields.Char(required=True)
    national_id = fields.Char(string="National ID / Iqama", required=True)
    phone = fields.Char()
    mobile = fields.Char()
    email = fields.Char()
    category_id = fields.Many2one("shaqra.beneficiary.category", string="Category")
    field_id = fields.Many2one("shaqra.work.field", string="Field of Work")
    preferred_channel = fields.Selection(CHANNELS, string="Agreed Channel", required=True)
    create_request = fields.Boolean(string="Open a Request")
    service_type_id = fields.Many2one("shaqra.service.type", string="Service Type")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        lead = self.env["crm.lead"].browse(values.get("lead_id"))
        if lead:
            values.update(
                name=lead.contact_name or lead.partner_name or lead.name,
                national_id=lead.shaqra_national_id,
                phone=lead.phone,
                mobile=lead.mobile,
                email=lead.email_from,
                category_id=lead.shaqra_category_id.id,
                field_id=lead.shaqra_field_id.id,
                preferred_channel=lead._shaqra_channel() or "meeting",
            )
        return values

    def action_convert(self):
        self.ensure_one()
        lead = self.lead_id
        if lead.beneficiary_id:
            raise UserError(
                self.env._(
                    "This inquiry is already linked to the beneficiary %(name)s.",
                    name=lead.beneficiary_id.name,
                )
            )
        if self.create_request and not self.service_type_id:
            raise UserError(self.env._("Choose the service type of the request to open."))
        beneficiary = self.env["shaqra.beneficiary"].create(
            {
                "name": self.name,
                "national_id": self.national_id,
                "phone": self.phone,
                "mobile": self.mobile,
                "email": self.email,
                "category_id": self.category_id.id,
                "field_id": self.field_id.id,
                "preferred_channel": self.preferred_channel,
                "whatsapp_number": self.mobile if self.preferred_channel == "whatsapp" else False,
                "company_id": (lead.company_id or self.env.company).id,
            }
        )
        lead_vals = {"beneficiary_id": beneficiary.id, "partner_id": beneficiary.partner_id.id}
        if self.create_request:
            request = self.env["shaqra.request"].create(
                {
                    "beneficiary_id": beneficiary.id,
                    "service_type_id": self.service_type_id.id,
                    "channel": lead._shaqra_channel() or self.preferred_channel,
                    "description": html2plaintext(lead.description) if lead.description else False,
                }
            )
            lead_vals["shaqra_request_id"] = request.id
        lead.write(lead_vals)
        lead.message_post(
            body=self.env._("Converted to the beneficiary %(name)s.", name=beneficiary.name)
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "shaqra.beneficiary",
            "res_id": beneficiary.id,
            "view_mode": "form",
        }
