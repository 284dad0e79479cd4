from odoo.http import request, route

from odoo.addons.base.controllers.rpc import RPC

from ..tools.client_info import external_api_client


class ShaqraRPC(RPC):
    """Odoo's external API, with the caller's IP address and browser kept at
    hand for the evidence that records them (policy ART4)."""

    def _xmlrpc(self, service):
        with external_api_client(request.httprequest):
            return super()._xmlrpc(service)

    @route()
    def jsonrpc(self, service, method, args):
        with external_api_client(request.httprequest):
            return super().jsonrpc(service, method, args)
