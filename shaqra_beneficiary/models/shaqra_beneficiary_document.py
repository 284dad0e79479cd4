from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import validation


class ShaqraBeneficiaryDocument(models.Model):
    """A typed document of a beneficiary's file, with its expiry (policy C2, E2)."""

    _name = "shaqra.beneficiary.document"
    _description = "Beneficiary Document"
    _order = "beneficiary_id, document_type_id, date_expiry desc, id desc"

    beneficiary_id = fields.Many2one(
        "shaqra.beneficiary", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="beneficiary_id.company_id", store=True)
    document_type_id = fields.Many2one(
        "shaqra.document.type", string="Type", required=True, ondelete="restrict"
    )
    name = fields.Char(string="Reference")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "shaqra_beneficiary_document_attachment_rel",
        "document_id",
        "attachment_id",
        string="Files",
    )
    date_issue = fields.Date(string="Issued On")
    date_expiry = fields.Date(string="Expires On")
    is_expired = fields.Boolean(compute="_compute_is_expired", string="Expired")
    is_confidential = fields.Boolean(related="document_type_id.is_confidential", store=True)
    note = fields.Char()

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        documents = super().create(vals_list)
        for document in documents:
            # Policy E2: the files carry res_model/res_id of their document,
            # so that the document's (the beneficiary's) rules protect them.
            document.sudo().attachment_ids.with_env(self.env)._shaqra_link_to(
                document, document.beneficiary_id
            )
        return documents

    def write(self, vals):
        linked = (
            {document.id: document.sudo().attachment_ids for document in self}
            if "attachment_ids" in vals
            else {}
        )
        result = super().write(vals)
        if "attachment_ids" in vals:
            for document in self:
                added = document.sudo().attachment_ids - linked[document.id]
                added.with_env(self.env)._shaqra_link_to(document, document.beneficiary_id)
        return result

    # ------------------------------------------------------------
    # COMPUTES AND CONSTRAINTS
    # ------------------------------------------------------------

    @api.depends("date_expiry")
    def _compute_is_expired(self):
        today = fields.Date.context_today(self)
        for document in self:
            document.is_expired = bool(document.date_expiry and document.date_expiry < today)

    @api.constrains("name", "note")
    def _check_values(self):
        for document in self:
            validation.check_length(document, "name", document.name, validation.MAX_NAME_LENGTH)
            validation.check_length(document, "note", document.note, validation.MAX_CHAR_LENGTH)

    @api.constrains("date_issue", "date_expiry")
    def _check_dates(self):
        for document in self:
            validation.check_past_date(document, "date_issue", document.date_issue)
            validation.check_future_date(document, "date_expiry", document.date_expiry)
            if (
                document.date_issue
                and document.date_expiry
                and document.date_expiry < document.date_issue
            ):
                raise ValidationError(
                    self.env._(
                        "The document %(document)s expires before it was issued.",
                        document=document.name or document.document_type_id.name,
                    )
                )
