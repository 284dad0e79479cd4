from odoo import api, fields, models


class ShaqraRequestRequirement(models.Model):
    """One requirement of a request: provided, verified, with its documents."""

    _name = "shaqra.request.requirement"
    _description = "Request Requirement"
    _order = "request_id, sequence, id"

    request_id = fields.Many2one("shaqra.request", required=True, ondelete="cascade", index=True)
    requirement_id = fields.Many2one(
        "shaqra.service.requirement", required=True, ondelete="restrict"
    )
    name = fields.Char(related="requirement_id.name")
    sequence = fields.Integer(related="requirement_id.sequence", store=True)
    is_mandatory = fields.Boolean(related="requirement_id.is_mandatory", store=True)
    document_required = fields.Boolean(related="requirement_id.document_required")
    is_provided = fields.Boolean(string="Provided")
    is_verified = fields.Boolean(string="Verified")
    attachment_ids = fields.Many2many("ir.attachment", string="Documents")
    verified_by_id = fields.Many2one("res.users", string="Verified By", readonly=True)
    verified_on = fields.Datetime(readonly=True)
    note = fields.Char()

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        for line in lines:
            line.attachment_ids._shaqra_link_to(line)
        return lines

    def write(self, vals):
        result = super().write(vals)
        if "attachment_ids" in vals:
            # Policy E2: documents carry res_model/res_id of their line so
            # that the line's (the request's) record rules protect them.
            for line in self:
                line.attachment_ids._shaqra_link_to(line)
        return result
