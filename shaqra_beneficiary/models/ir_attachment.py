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

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

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

    def _shaqra_evidence_attachments(self):
        """The attachments among ``self`` that are evidence: a file an evidence
        field points to (a delivered letter's PDF, a volunteer's proof photo,
        a signed settlement), found through every model's ``_evidence_fields``."""
        ids = [id_ for id_ in self._ids if isinstance(id_, int)]
        found = set()
        if not ids:
            return self.browse()
        for model_name in self.env.registry.descendants(["shaqra.evidence.mixin"], "_inherit"):
            Model = self.env[model_name]
            if Model._abstract or not Model._auto:
                continue
            for name in Model._evidence_fields:
                field = Model._fields.get(name)
                if not field or field.comodel_name != "ir.attachment" or not field.store:
                    continue
                records = Model.sudo().with_context(active_test=False).search([(name, "in", ids)])
                found.update(records.mapped(name).ids)
        return self.browse(sorted(found & set(ids)))

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

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

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(
            vals.get("access_token")
            and vals.get("res_id")
            and self._shaqra_is_confidential(vals.get("res_model"), vals.get("res_field"))
            for vals in vals_list
        ):
            self._shaqra_refuse_token()
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("access_token") and not self.env.su and self._shaqra_confidential():
            self._shaqra_refuse_token()
        if not self.env.su and CONTENT_FIELDS & set(vals):
            self._shaqra_refuse_evidence_change()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        if not self.env.su:
            self._shaqra_refuse_evidence_change()

    def _shaqra_refuse_evidence_change(self):
        """The evidence standard: a file that is proof never changes once linked."""
        evidence = self._shaqra_evidence_attachments()
        if evidence:
            raise AccessError(
                self.env._(
                    "%(names)s is evidence (a delivered letter, a proof of delivery or a signed "
                    "document): it can be neither replaced nor deleted.",
                    names=", ".join(evidence.sudo().mapped("name")),
                )
            )

    def _shaqra_refuse_token(self):
        """Policy E2: a token would open a confidential file to anyone holding the link."""
        raise AccessError(
            self.env._(
                "A confidential document cannot be given a public access link: the "
                "beneficiary reaches it through their own request on the portal."
            )
        )

    @api.model
    def _shaqra_content_requested(self, fnames):
        """Whether reading ``fnames`` returns file bytes (not only their size)."""
        context = self.env.context
        return any(
            name in CONTENT_FIELDS
            and not (context.get("bin_size") or context.get(f"bin_size_{name}"))
            for name in fnames or ()
        )

    def _read_format(self, fnames, load="_classic_read"):
        """Policy E2: log every confidential document whose bytes are returned.

        ``read``, ``search_read``, ``web_read`` and ``web_search_read`` all
        format their values here, so reading ``datas``, ``raw`` or
        ``db_datas`` over the API is logged whatever the method.
        """
        result = super()._read_format(fnames, load)
        if result and self._shaqra_content_requested(fnames):
            returned = self.browse(vals["id"] for vals in result)
            self.env["shaqra.document.access.log"]._log_access(
                [
                    (doc, self.env[doc.res_model].browse(doc.res_id), doc.res_field)
                    for doc in returned._shaqra_confidential().sudo()
                ],
                "read",
            )
        return result

    def _shaqra_link_to(self, record, owners=None):
        """Bind the documents just linked to ``record``; refuse other records' files.

        ``self`` holds the attachments newly linked to ``record`` in a
        many2many. Files uploaded in a form before its record is saved are
        stored with no ``res_id``: the current user's own pending uploads
        are moved to ``record`` so that its record rules protect them
        (policy E2). Any other attachment must already belong to ``record``
        or to one of ``owners`` (e.g. the request of a requirement line):
        linking somebody else's file (another beneficiary's ID card, an
        administrator's file) is refused, except to server code running as
        superuser, which keeps it where it is.
        """
        record.ensure_one()
        attachments = self.sudo()
        attachments.fetch(["res_model", "res_id", "res_field", "create_uid"])
        pending = attachments.filtered(
            lambda a: not a.res_id
            and not a.res_field
            and (self.env.su or a.create_uid.id == self.env.uid)
        )
        if not self.env.su:
            own = {(record._name, record.id)} | {
                (owner._name, owner.id) for owner in owners or () if owner
            }
            foreign = (attachments - pending).filtered(
                lambda a: a.res_field or (a.res_model, a.res_id) not in own
            )
            if foreign:
                raise AccessError(
                    self.env._(
                        "A file that belongs to another record cannot be linked here: "
                        "upload the document to %(record)s itself.",
                        record=record.display_name,
                    )
                )
        if pending:
            pending.write({"res_model": record._name, "res_id": record.id})
