from odoo import models
from odoo.http import request

from ..tools.client_info import external_api_client


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @classmethod
    def _dispatch(cls, endpoint):
        """Keep the HTTP request at hand while the endpoint runs: Odoo's
        external API (``/jsonrpc``, ``/xmlrpc``) unbinds ``odoo.http.request``
        during the call, and signatures record the caller's IP address and
        browser as evidence (policy ART4)."""
        with external_api_client(request.httprequest):
            return super()._dispatch(endpoint)
