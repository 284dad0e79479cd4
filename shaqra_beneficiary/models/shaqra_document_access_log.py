from contextlib import nullcontext

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError
from odoo.http import request


class ShaqraDocumentAccessLog(models.Model):
    """Policy E2: who read or downloaded which confidential document, when.

    Lines are written as superuser by the attachment and file-serving hooks
    and are read-only for everybody else: managers read them, nobody edits
    or deletes them.
    """

    _name = "shaqra.document.access.log"
    _description = "Document Access Log"
    _order = "date desc, id desc"
    _rec_name = "document_name"

    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True, index=True)
    user_id = fields.Many2one(
        "res.users", string="User", required=True, readonly=True, index=True, ondelete="restrict"
    )
    access_type = fields.Selection(
        [("read", "Read"), ("download", "Download")],
        required=True,
        readonly=True,
        help="Read: the content was opened or read through the application. "
        "Download: the file was saved from the browser.",
    )
    attachment_id = fields.Many2one(
        "ir.attachment", string="Attachment", readonly=True, index=True, ondelete="set null"
    )
    document_name = fields.Char(string="Document", readonly=True)
    res_model = fields.Char(string="Related Model", readonly=True, index=True)
    res_id = fields.Many2oneReference(string="Related Record ID", model_field="res_model")
    res_field = fields.Char(string="Related Field", readonly=True)
    res_name = fields.Char(string="Related Record", readonly=True)
    ip_address = fields.Char(string="IP Address", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True, index=True)

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    def write(self, vals):
        if not self.env.su:
            self.check_access("write")
            raise UserError(self.env._("The document access log cannot be changed."))
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            self.check_access("unlink")
            raise UserError(self.env._("The document access log cannot be deleted."))
        return super().unlink()

    @api.model
    def _log_access(self, entries, access_type):
        """Write one line per ``(attachment, record, field)`` entry.

        ``entries`` are tuples of an attachment (may be empty), the record
        the document belongs to and the binary field (or ``False``). File
        serving routes run on a read-only cursor: the line is then written
        on a read/write cursor of its own, like Odoo's device log does.
        """
        if not entries or self.env.uid == SUPERUSER_ID:
            return
        ip_address = request.httprequest.remote_addr if request else False
        vals_list = []
        for attachment, record, field_name in entries:
            record = record.sudo().exists()
            vals_list.append(
                {
                    "user_id": self.env.uid,
                    "access_type": access_type,
                    "attachment_id": attachment.id or False,
                    "document_name": attachment.sudo().name
                    if attachment
                    else record._fields[field_name].string,
                    "res_model": record._name,
                    "res_id": record.id,
                    "res_field": field_name or False,
                    "res_name": record.display_name if record else False,
                    "ip_address": ip_address,
                    "company_id": (
                        attachment.sudo().company_id.id if attachment else self.env.company.id
                    ),
                }
            )
        if self.env.cr.readonly:
            self.env.cr.rollback()
            cursor = self.env.registry.cursor(readonly=False)
        else:
            cursor = nullcontext(self.env.cr)
        with cursor as log_cr:
            self.env(cr=log_cr, su=True)[self._name].create(vals_list)
