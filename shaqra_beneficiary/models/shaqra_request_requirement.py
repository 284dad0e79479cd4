from odoo import api, fields, models
from odoo.exceptions import UserError

# What staff fill in on a line of the checklist (policy C2, C3).
USER_FIELDS = {"is_provided", "is_verified", "attachment_ids", "note"}


class ShaqraRequestRequirement(models.Model):
    """One requirement of a request: provided, verified, with its documents.

    Policy C2, C3: staff check each item of the service's checklist before
    the beneficiary leaves; who verified it and when is kept.
    """

    _name = "shaqra.request.requirement"
    _description = "Request Requirement"
    _inherit = ["shaqra.evidence.mixin"]
    _order = "request_id, sequence, id"

    # Policy C3: who verified an item and when are set by the verifying
    # (``is_verified`` turned on) to the current user and time, never typed.
    _evidence_fields = ("verified_by_id", "verified_on")

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
        if not self._evidence_allowed():
            requests = self.env["shaqra.request"].browse(
                [vals["request_id"] for vals in vals_list if vals.get("request_id")]
            )
            self._check_requests_open(requests)
        for vals in vals_list:
            if vals.get("is_verified"):
                vals["is_provided"] = True
        lines = super().create(vals_list)
        for line in lines:
            # Policy E2: documents carry res_model/res_id of their line so
            # that the line's (the request's) record rules protect them.
            line.sudo().attachment_ids.with_env(self.env)._shaqra_link_to(line, line.request_id)
        verified = lines.filtered("is_verified")
        verified._check_documents()
        verified._record_verification()
        return lines

    def write(self, vals):
        if not (self._evidence_allowed() and set(vals) <= set(self._evidence_fields)):
            # Only the verifying's own record of who and when gets through.
            self._check_request_open()
        if not self._evidence_allowed():
            fixed = set(vals) - USER_FIELDS - set(self._evidence_fields)
            if fixed:
                raise UserError(
                    self.env._(
                        "%(fields)s of a request's checklist cannot be changed: the "
                        "checklist comes from the service type.",
                        fields=", ".join(
                            self._fields[name]._description_string(self.env)
                            for name in sorted(fixed)
                            if name in self._fields
                        )
                        or ", ".join(sorted(fixed)),
                    )
                )
        vals = dict(vals)
        if vals.get("is_verified"):
            vals["is_provided"] = True
        elif vals.get("is_provided") is False:
            vals["is_verified"] = False
        newly_verified = (
            self.filtered(lambda line: not line.is_verified) if vals.get("is_verified") else None
        )
        unverified = self.filtered("is_verified") if vals.get("is_verified") is False else None
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
        if newly_verified:
            newly_verified._record_verification()
        if unverified:
            unverified._evidence_write({"verified_by_id": False, "verified_on": False})
        return result

    def unlink(self):
        """Policy C3: mandatory items and the checklist of a request sent to
        the committee are evidence of completeness; they are not deleted."""
        self._check_request_open()
        if not self._evidence_allowed():
            mandatory = self.filtered("is_mandatory")
            if mandatory:
                raise UserError(
                    self.env._(
                        "%(item)s is a mandatory requirement of request %(request)s: it "
                        "cannot be deleted.",
                        item=mandatory[0].name,
                        request=mandatory[0].request_id.name,
                    )
                )
        return super().unlink()

    def _record_verification(self):
        """The verifying: the current user, now (policy C3)."""
        self._evidence_write(
            {"verified_by_id": self.env.user.id, "verified_on": fields.Datetime.now()}
        )

    def _check_request_open(self):
        """Policy C3: the checklist is frozen once the request went to the committee."""
        self._check_requests_open(self.request_id)

    @api.model
    def _check_requests_open(self, requests):
        locked = requests._filtered_complete_file()
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
