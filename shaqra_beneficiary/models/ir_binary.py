from odoo import models
from odoo.http import request
from odoo.tools import str2bool


class IrBinary(models.AbstractModel):
    _inherit = "ir.binary"

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _record_to_stream(self, record, field_name):
        """Policy E2: log every confidential document served over HTTP.

        ``/web/content`` and ``/web/image`` both come here once the access
        to the record has been checked, so a refused request logs nothing
        and a served file logs exactly one line.
        """
        stream = super()._record_to_stream(record, field_name)
        Attachment = self.env["ir.attachment"]
        if record._name == "ir.attachment":
            entries = [
                (doc, self.env[doc.res_model].browse(doc.res_id), doc.res_field)
                for doc in record._shaqra_confidential().sudo()
            ]
        elif Attachment._shaqra_is_confidential(record._name, field_name):
            entries = [(Attachment, record, field_name)]
        else:
            entries = []
        if entries:
            download = request and str2bool(
                request.httprequest.args.get("download") or "0", default=False
            )
            self.env["shaqra.document.access.log"]._log_access(
                entries, "download" if download else "read"
            )
        return stream
