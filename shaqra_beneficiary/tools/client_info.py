"""Who is at the other end of the HTTP request: IP address and browser.

Signatures record them as evidence (policy ART4). The web client, the portal
and ``/web/dataset/call_kw`` bind :data:`odoo.http.request`; Odoo's external
API (``/jsonrpc``, ``/xmlrpc``) unbinds it while the call runs, so
``ir.http._dispatch`` hands the HTTP request over through
:func:`external_api_client`.
Server code (a shell, a cron) has no client and records none rather than
something made up.
"""

import contextlib
import threading

from odoo.http import request

_external = threading.local()


@contextlib.contextmanager
def external_api_client(httprequest):
    """Keep the HTTP request of an external API call at hand while it runs."""
    previous = getattr(_external, "httprequest", None)
    _external.httprequest = httprequest
    try:
        yield
    finally:
        _external.httprequest = previous


def client_info():
    """(IP address, browser) of the current HTTP request, or (False, False)."""
    try:
        httprequest = request.httprequest if request else None
    except RuntimeError:  # no request bound to this thread
        httprequest = None
    if httprequest is None:
        httprequest = getattr(_external, "httprequest", None)
    if httprequest is None:
        return False, False
    ip_address = httprequest.remote_addr or False
    user_agent = (
        httprequest.user_agent.string if httprequest.user_agent else ""
    ) or httprequest.headers.get("User-Agent", "")
    return ip_address, (user_agent or "")[:500] or False
