from odoo import models

from .ir_attachment import CONFIDENTIAL_DOCUMENT_MODELS, CONTENT_FIELDS


class Base(models.AbstractModel):
    """Policy E2: every API path that returns the bytes of a confidential file logs it.

    ``ir.attachment`` logs its own reads (``_read_format``); here are the
    other paths: the binary fields of the confidential models themselves,
    and exports (``export_data``) that reach such files, directly or through
    a relation (``attachment_ids/datas``).
    """

    _inherit = "base"

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load)
        if result and self._name in CONFIDENTIAL_DOCUMENT_MODELS:
            Attachment = self.env["ir.attachment"]
            context = self.env.context
            binary_fnames = [
                name
                for name in fnames
                if Attachment._shaqra_is_confidential(self._name, name)
                and not (context.get("bin_size") or context.get(f"bin_size_{name}"))
            ]
            entries = [
                (Attachment, self.browse(vals["id"]), name)
                for vals in result
                for name in binary_fnames
                if vals.get(name)
            ]
            self.env["shaqra.document.access.log"]._log_access(entries, "read")
        return result

    def export_data(self, fields_to_export):
        result = super().export_data(fields_to_export)
        self.env["shaqra.document.access.log"]._log_access(
            self._shaqra_exported_documents(fields_to_export), "download"
        )
        return result

    def _shaqra_exported_documents(self, paths):
        """``(attachment, record, field)`` of the confidential files an export returns."""
        Attachment = self.env["ir.attachment"]
        entries = []
        for path in paths:
            names = path.split("/")
            records = self
            for name in names[:-1]:
                field = records._fields.get(name)
                if not field or not field.relational:
                    records = None
                    break
                records = records.mapped(name)
            if not records:
                continue
            last = names[-1]
            if records._name == "ir.attachment" and last in CONTENT_FIELDS:
                entries.extend(
                    (doc, self.env[doc.res_model].browse(doc.res_id), doc.res_field)
                    for doc in records._shaqra_confidential().sudo()
                )
            elif Attachment._shaqra_is_confidential(records._name, last):
                entries.extend((Attachment, record, last) for record in records)
        return entries
