"""A small JSON-RPC client over Odoo's web session, as a browser uses it."""

import itertools

import requests


class OdooRPCError(Exception):
    def __init__(self, error):
        self.error = error
        data = error.get("data") or {}
        self.name = data.get("name", "")
        super().__init__(data.get("message") or error.get("message"))


class OdooClient:
    _ids = itertools.count(1)

    def __init__(self, url, db):
        self.url = url
        self.db = db
        self.session = requests.Session()
        self.uid = None
        self.user_context = {}

    def jsonrpc(self, route, params=None):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": next(self._ids),
            "params": params or {},
        }
        response = self.session.post(f"{self.url}{route}", json=payload, timeout=60)
        response.raise_for_status()
        body = response.json()
        if "error" in body:
            raise OdooRPCError(body["error"])
        return body["result"]

    def authenticate(self, login, password):
        result = self.jsonrpc(
            "/web/session/authenticate",
            {"db": self.db, "login": login, "password": password},
        )
        self.uid = result["uid"]
        self.user_context = result["user_context"]
        return result

    def call(self, model, method, *args, **kwargs):
        return self.jsonrpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {
                "model": model,
                "method": method,
                "args": list(args),
                "kwargs": {"context": self.user_context, **kwargs},
            },
        )

    def xmlid(self, xmlid):
        module, name = xmlid.split(".")
        found = self.call(
            "ir.model.data",
            "search_read",
            [("module", "=", module), ("name", "=", name)],
            fields=["res_id"],
        )
        return found[0]["res_id"] if found else None
