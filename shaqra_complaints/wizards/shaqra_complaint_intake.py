import base64

from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import UserError

from ..models.shaqra_complaint import CHANNELS, KINDS


class ShaqraComplaintIntake(models.TransientModel):
    """Register a paper or faxed complaint with its scan in one step."""

    _name = "shaqra.complaint.intake"
    _description = "Register a Paper or Faxed Complaint"

    kind = fields.Selection(KINDS, required=True, default="complaint")
    channel = fields.Selection(
        [(key, label) for key, label in CHANNELS if key in ("fax", "letter", "meeting", "phone")],
        required=True,
        default="fax",
    )
    is_anonymous = fields.Boolean(string="Anonymous")
    beneficiary_id = fields.Many2one("shaqra.beneficiary")
    complainant_name = fields.Char()
    complainant_mobile = fields.Char()
    complainant_email = fields.Char()
    employee_concerned_id = fields.Many2one("hr.employee", string="Employee Concerned")
    service_type_id = fields.Many2one("shaqra.service.type", string="Service")
    description = fields.Text(required=True)
    scan = fields.Binary(string="Scanned Document")
    scan_filename = fields.Char()

    def action_register(self):
        self.ensure_one()
        if self.channel in ("fax", "letter") and not self.scan:
            raise UserError(
                self.env._("Attach the scan of the fax or letter: it is the complaint itself.")
            )
        complaint = self.env["shaqra.complaint"].create(
            {
                "kind": self.kind,
                "channel": self.channel,
                "is_anonymous": self.is_anonymous,
                "beneficiary_id": self.beneficiary_id.id,
                "complainant_name": self.complainant_name,
                "complainant_mobile": self.complainant_mobile,
                "complainant_email": self.complainant_email,
                "employee_concerned_id": self.employee_concerned_id.id,
                "service_type_id": self.service_type_id.id,
                "description": self.description,
            }
        )
        if self.scan:
            attachment = self.env["ir.attachment"].create(
                {
                    "name": self.scan_filename
                    or self.env._("Scan %(complaint)s", complaint=complaint.name),
                    "raw": base64.b64decode(self.scan),
                    "res_model": complaint._name,
                    "res_id": complaint.id,
                }
            )
            complaint.message_post(
                body=Markup("<p>%s</p>") % self.env._("The scanned complaint as received."),
                attachment_ids=attachment.ids,
                subtype_xmlid="mail.mt_note",
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": complaint._name,
            "res_id": complaint.id,
            "view_mode": "form",
        }
