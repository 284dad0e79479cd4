from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError

# Policy E2: documents attached to these models are confidential. Models
# that are not installed (yet) are skipped.
CONFIDENTIAL_DOCUMENT_MODELS = (
    "shaqra.beneficiary",
    "shaqra.beneficiary.document",
    "shaqra.beneficiary.member",
    "shaqra.request",
    "shaqra.request.requirement",
)
CONTENT_FIELDS = {"datas", "raw", "db_datas"}


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.model
    def _shaqra_is_confidential(self, res_model, res_field=False):
        """Whether a document of ``res_model`` (in ``res_field``) is confidential.

        Documents attached to a record are; of the binary fields only the
        model's own files are, not the pictures shown on every form
        (avatars inherited from the partner, signatures).
        """
        if res_model not in CONFIDENTIAL_DOCUMENT_MODELS or res_model not in self.env:
            return False
        if not res_field:
            return True
        field = self.env[res_model]._fields.get(res_field)
        return bool(
            field
            and field.type == "binary"
            and not field.inherited
            and not isinstance(field, fields.Image)
        )

    def _shaqra_confidential(self):
        """The confidential documents among ``self``, linked to a record."""
        real = self.browse(id_ for id_ in self._ids if isinstance(id_, int))
        if not real:
            return real
        real_sudo = real.sudo()
        real_sudo.fetch(["res_model", "res_id", "res_field", "public"])
        return real_sudo.filtered(
            lambda a: a.res_id
            and not a.public
            and self._shaqra_is_confidential(a.res_model, a.res_field)
        ).sudo(self.env.su)

    def _check_access(self, operation):
        """Policy E2: a confidential document is read only by who reads its record.

        Odoo checks the linked record when an attachment is written, created,
        deleted or searched, but not when it is read by id; a confidential
        document is also read-checked against its record here, which is what
        makes ``/web/content/<id>`` refuse it to the wrong officer.
        """
        result = super()._check_access(operation)
        if result or operation != "read" or self.env.su:
            return result
        targets = defaultdict(lambda: defaultdict(list))
        for attachment in self._shaqra_confidential().sudo():
            targets[attachment.res_model][attachment.res_id].append(attachment.id)
        forbidden_ids = []
        for res_model, by_record in targets.items():
            records = self.env[res_model].browse(list(by_record)).exists()
            allowed = records._filtered_access("read")
            for res_id, attachment_ids in by_record.items():
                if res_id not in allowed._ids:
                    forbidden_ids.extend(attachment_ids)
        if not forbidden_ids:
            return None
        forbidden = self.browse(forbidden_ids)

        def make_error():
            return AccessError(
                self.env._(
                    "You are not allowed to read the confidential document %(names)s: "
                    "it belongs to a beneficiary file you do not handle.",
                    names=", ".join(forbidden.sudo().mapped("name")),
                )
            )

        return forbidden, make_error

    def read(self, fields=None, load="_classic_read"):
        result = super().read(fields, load)
        if fields is None or CONTENT_FIELDS.intersection(fields):
            documents = self._shaqra_confidential()
            self.env["shaqra.document.access.log"]._log_access(
                [
                    (doc, self.env[doc.res_model].browse(doc.res_id), doc.res_field)
                    for doc in documents.sudo()
                ],
                "read",
            )
        return result

    def _shaqra_link_to(self, record):
        """Attach uploaded documents to ``record`` so that its rules protect them.

        Files uploaded in a form before its record is saved are stored with
        no ``res_id``; once they are linked to the record in a many2many,
        they must carry ``res_model``/``res_id`` of that record, or Odoo's
        attachment checks cannot apply the record's rules (policy E2). Only
        the current user's own pending uploads are moved: an attachment of
        another record is never re-homed.
        """
        record.ensure_one()
        pending = self.sudo().filtered(
            lambda a: not a.res_id
            and not a.res_field
            and (self.env.su or a.create_uid.id == self.env.uid)
        )
        if pending:
            pending.write({"res_model": record._name, "res_id": record.id})
