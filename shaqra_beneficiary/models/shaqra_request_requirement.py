from odoo import api, fields, models
from odoo.exceptions import UserError

from .shaqra_request import COMPLETE_STAGE_KEYS


class ShaqraRequestRequirement(models.Model):
    """One requirement of a request: provided, verified, with its documents.

    Policy C2, C3: staff check each item of the service's checklist before
    the beneficiary leaves; who verified it and when is kept.
    """

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
        for vals in vals_list:
            if vals.get("is_verified"):
                vals.update(
                    is_provided=True,
                    verified_by_id=self.env.user.id,
                    verified_on=fields.Datetime.now(),
                )
        lines = super().create(vals_list)
        for line in lines:
            # Policy E2: documents carry res_model/res_id of their line so
            # that the line's (the request's) record rules protect them.
            line.sudo().attachment_ids.with_env(self.env)._shaqra_link_to(line, line.request_id)
        lines.filtered("is_verified")._check_documents()
        return lines

    def write(self, vals):
        if {"is_verified", "is_provided", "attachment_ids"} & set(vals):
            self._check_request_open()
        if "is_verified" in vals:
            if vals["is_verified"]:
                vals.update(
                    is_provided=True,
                    verified_by_id=self.env.user.id,
                    verified_on=fields.Datetime.now(),
                )
            else:
                vals.update(verified_by_id=False, verified_on=False)
        elif vals.get("is_provided") is False:
            vals.update(is_verified=False, verified_by_id=False, verified_on=False)
        linked = (
            {line.id: line.sudo().attachment_ids for line in self}
            if "attachment_ids" in vals
            else {}
        )
        result = super().write(vals)
        if "attachment_ids" in vals:
            for line in self:
                added = line.sudo().attachment_ids - linked[line.id]
                added.with_env(self.env)._shaqra_link_to(line, line.request_id)
        self.filtered("is_verified")._check_documents()
        return result

    def _check_request_open(self):
        """Policy C3: the checklist is frozen once the request went to the committee."""
        locked = self.request_id.filtered(lambda r: r.stage_key in COMPLETE_STAGE_KEYS)
        if locked:
            raise UserError(
                self.env._(
                    "The requirements of request %(request)s cannot be changed: it has "
                    "already been sent to the committee.",
                    request=locked[0].name,
                )
            )

    def _check_documents(self):
        """Policy C2: an item that needs a document is verified only with one."""
        for line in self:
            if line.document_required and not line.attachment_ids:
                raise UserError(
                    self.env._(
                        "%(item)s needs a document: attach it before marking it verified "
                        "(request %(request)s).",
                        item=line.name,
                        request=line.request_id.name,
                    )
                )
