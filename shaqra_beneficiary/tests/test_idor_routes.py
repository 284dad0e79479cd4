"""IDOR suite (policy E2, C4, F3, ART4): every portal and public route of the
add-on, tried with another user's ids, with no, a wrong or another record's
token, and anonymously. None may leak: the answer is 403/404, a redirect to
the login page or a form error, never a 500, never the other record's data,
and nothing changes.

The routes are read from the routing map (every route whose controller
method is declared in this add-on or in another installed ``shaqra_*``
add-on), so a new route without cases fails
``test_e2_every_declared_route_has_idor_cases``. The base never imports
another add-on's code: an installed add-on gives the cases of its own routes
in its ``tests/idor_cases.py`` (``ROUTE_CASES`` {route: function(test,
failures)} and ``setup_idor_data(test_class)``), run here with the same
checks. A route that is public by design (a public form) is checked with
``allow_200``: it may answer anyone, never with another person's data.
"""

import importlib
import json

from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from .suite_data import SIGNATURE
from .test_portal_common import PDF, ShaqraPortalCommon

MODULE_PREFIX = "odoo.addons.shaqra_beneficiary."
ADDONS_PREFIX = "odoo.addons.shaqra_"
SECRET_PDF = PDF + b"% IDOR-SECRET-FILE-OF-BENEFICIARY-TWO\n"
LOGIN_REDIRECT = "login"
REDIRECT_CODES = (301, 302, 303, 307, 308)


def declared_routes(env, prefix=MODULE_PREFIX):
    """{route: routing} of the routes whose endpoint this add-on declares.

    With ``prefix=ADDONS_PREFIX``: those of every installed ``shaqra_*`` add-on.
    """
    routes = {}
    for rule in env["ir.http"].routing_map().iter_rules():
        method = getattr(rule.endpoint, "func", None)
        owner = getattr(method, "__self__", None)
        if owner is None:
            continue
        name = method.__name__
        if any(
            name in cls.__dict__ and cls.__module__.startswith(prefix) for cls in type(owner).mro()
        ):
            routes[rule.rule] = rule.endpoint.routing
    return routes


def addon_case_modules(env):
    """The ``tests/idor_cases`` modules of the installed ``shaqra_*`` add-ons but the base."""
    modules = (
        env["ir.module.module"]
        .sudo()
        .search(
            [
                ("name", "=like", "shaqra\\_%"),
                ("name", "!=", "shaqra_beneficiary"),
                ("state", "=", "installed"),
            ],
            order="name",
        )
    )
    found = []
    for module in modules:
        try:
            found.append(importlib.import_module(f"odoo.addons.{module.name}.tests.idor_cases"))
        except ModuleNotFoundError:
            # Its routes, if any, then have no cases: the route test says so.
            continue
    return found


@tagged("post_install", "-at_install")
class TestIdorRoutes(ShaqraPortalCommon):
    """Policy E2: no route serves or changes another person's record."""

    # route -> name of the method holding its cases
    ROUTE_CASES = {
        "/my/requests": "_cases_request_list",
        "/my/requests/page/<int:page>": "_cases_request_list",
        "/my/requests/<int:request_id>": "_cases_request_page",
        "/my/requests/<int:request_id>/upload/<int:line_id>": "_cases_request_upload",
        "/my/requests/<int:request_id>/document/<int:attachment_id>": "_cases_request_document",
        "/my/requests/<int:request_id>/sign": "_cases_request_sign",
        "/my/requests/new": "_cases_request_new",
        "/my/notices": "_cases_notices",
        "/my/notices/page/<int:page>": "_cases_notices",
        "/my/account": "_cases_account",
        "/my/beneficiary": "_cases_beneficiary",
        "/my/beneficiary/correction": "_cases_correction",
        "/my/policies": "_cases_policies",
        "/my/policies/<int:policy_id>": "_cases_policy_page",
        "/my/policies/<int:policy_id>/acknowledge": "_cases_policy_acknowledge",
        "/shaqra/policy/compliance.xlsx": "_cases_compliance_xlsx",
        "/my/agreements": "_cases_agreement_list",
        "/my/agreements/<int:agreement_id>": "_cases_agreement_page",
        "/my/agreements/<int:agreement_id>/pdf": "_cases_agreement_page",
        "/my/agreements/<int:agreement_id>/sign": "_cases_agreement_sign",
        "/my/data": "_cases_data",
        "/my/data/export.json": "_cases_data",
        "/my/data/export.pdf": "_cases_data",
        "/my/data/consents/new": "_cases_data_consent_new",
        "/my/data/consents/<int:consent_id>/revoke": "_cases_data_consent_revoke",
        "/my/data/request": "_cases_data_request",
        "/services": "_cases_website_public_pages",
        "/governance": "_cases_website_public_pages",
        "/governance/<int:policy_id>": "_cases_website_governance_document",
        "/governance/<int:policy_id>/download": "_cases_website_governance_document",
        "/inquiry": "_cases_website_inquiry",
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.request_one.description = "IDOR-SECRET-DESCRIPTION-ONE"
        cls.request_two = env["shaqra.request"].create(
            {
                "beneficiary_id": cls.beneficiary_two.id,
                "service_type_id": cls.service.id,
                "channel": "portal",
            }
        )
        cls.token_two = cls.request_two._portal_ensure_token()
        cls.line_two = cls.request_two.requirement_line_ids[:1]
        cls.document_two = env["ir.attachment"].create(
            {
                "name": "two-id.pdf",
                "raw": SECRET_PDF,
                "res_model": "shaqra.request",
                "res_id": cls.request_two.id,
            }
        )
        cls.line_two.attachment_ids = cls.document_two
        # An admin-only file that belongs to no request at all.
        cls.admin_file = env["ir.attachment"].create(
            {"name": "board.pdf", "raw": PDF + b"% IDOR-ADMIN-ONLY\n"}
        )
        cls.notice_one = env["shaqra.notification"].create(
            {
                "beneficiary_id": cls.beneficiary_one.id,
                "request_id": cls.request_one.id,
                "channel": "portal",
                "subject": "IDOR-NOTICE-OF-ONE",
                "body": "<p>IDOR-NOTICE-OF-ONE</p>",
            }
        )
        cls.correction_one = env["shaqra.data.change.request"].create(
            {
                "beneficiary_id": cls.beneficiary_one.id,
                "note": "IDOR-CORRECTION-OF-ONE",
                "line_ids": [(0, 0, {"field_name": "mobile", "new_value": "+966511112222"})],
            }
        )
        Policy = env["shaqra.policy"]
        # Distributed to beneficiary one only (a contractor's document).
        cls.policy_one = Policy.create(
            {
                "name": "IDOR-POLICY-OF-ONE",
                "code": "IDOR-ONE",
                "body": "<p>IDOR-POLICY-TEXT-OF-ONE</p>",
                "audience_partner": True,
                "audience_employee": False,
                "audience_beneficiary": False,
                "audience_public": False,
            }
        )
        cls.policy_one.action_approve()
        cls.policy_one.action_publish()
        Ack = env["shaqra.policy.acknowledgement"]
        Ack.search([("policy_id", "=", cls.policy_one.id)]).unlink()
        cls.ack_one = Ack.create(
            {"policy_id": cls.policy_one.id, "partner_id": cls.user_one.partner_id.id}
        )
        cls.policy_draft = Policy.create(
            {"name": "IDOR-DRAFT-POLICY", "code": "IDOR-DRAFT", "body": "<p>IDOR-DRAFT</p>"}
        )
        # Relationship terms of beneficiary one (ART2, E1, PDPL).
        cls.agreement_one = env["shaqra.beneficiary.agreement"].create(
            {
                "beneficiary_id": cls.beneficiary_one.id,
                "amount": 100,
                "terms": "<p>IDOR-AGREEMENT-OF-ONE</p>",
            }
        )
        cls.consent_one = env["shaqra.media.consent"].create(
            {
                "beneficiary_id": cls.beneficiary_one.id,
                "scope": "image",
                "purpose": "IDOR-CONSENT-OF-ONE",
            }
        )
        cls.rights_one = env["shaqra.data.rights.request"].create(
            {
                "beneficiary_id": cls.beneficiary_one.id,
                "kind": "restrict",
                "reason": "IDOR-RIGHTS-OF-ONE",
            }
        )
        cls.user_employee = cls.user_staff
        cls.markers_one = [
            cls.request_one.name,
            "IDOR-SECRET-DESCRIPTION-ONE",
            "Beneficiary One",
            "one@example.com",
            "1000000008",
            cls.token_one,
            "IDOR-NOTICE-OF-ONE",
            "IDOR-CORRECTION-OF-ONE",
            "IDOR-POLICY-OF-ONE",
            "IDOR-POLICY-TEXT-OF-ONE",
            "IDOR-DRAFT",
            cls.agreement_one.name,
            "IDOR-AGREEMENT-OF-ONE",
            "IDOR-CONSENT-OF-ONE",
            "IDOR-RIGHTS-OF-ONE",
        ]
        cls.markers_two = [
            cls.request_two.name,
            cls.token_two,
            "IDOR-SECRET-FILE-OF-BENEFICIARY-TWO",
            "IDOR-ADMIN-ONLY",
        ]
        # Records and markers of the installed add-ons' own routes.
        for module in addon_case_modules(env):
            module.setup_idor_data(cls)

    # ------------------------------------------------------------------
    # Requests and checks
    # ------------------------------------------------------------------

    def _as(self, who):
        """Log in as "one", "two", "employee" or None (anonymous)."""
        logins = {"one": "t_benef_one", "two": "t_benef_two", "employee": "t_portal_staff"}
        if who is None:
            self.authenticate(None, None)
        else:
            self.authenticate(logins[who], logins[who])

    def _get(self, url):
        with mute_logger("odoo.http", "werkzeug"):
            return self.url_open(url, allow_redirects=False)

    def _post(self, url, data=None, files=None):
        data = dict(data or {}, csrf_token=self._csrf())
        with mute_logger("odoo.http", "werkzeug"):
            return self.url_open(url, data=data, files=files, allow_redirects=False)

    def _json(self, url, params):
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        with mute_logger("odoo.http", "werkzeug"):
            return self.url_open(
                url,
                data=json.dumps(payload),
                headers={"Content-Type": "application/json"},
                allow_redirects=False,
            )

    def _leaks(self, response, markers):
        text = response.content.decode("utf-8", "replace") + response.headers.get("Location", "")
        return [marker for marker in markers if marker and marker in text]

    def _check(self, failures, label, response, markers, allow_200=False):
        """Append to ``failures`` what is wrong with ``response`` (a refused IDOR)."""
        status = response.status_code
        leaked = self._leaks(response, markers)
        if leaked:
            failures.append(f"{label}: HTTP {status} leaks {leaked}")
        if status >= 500:
            failures.append(f"{label}: HTTP {status} (server error)")
            return
        if status in REDIRECT_CODES:
            location = response.headers.get("Location", "")
            if LOGIN_REDIRECT not in location and not allow_200:
                failures.append(f"{label}: redirects to {location}, not to the login page")
            return
        if status in (400, 403, 404):
            return
        content_type = response.headers.get("Content-Type", "")
        if status == 200 and "json" in content_type:
            body = response.json()
            result = body.get("result")
            if "error" in body or (isinstance(result, dict) and result.get("error")):
                return
            failures.append(f"{label}: JSON call accepted: {str(body)[:200]}")
            return
        if status == 200 and allow_200:
            return
        failures.append(f"{label}: HTTP {status} ({content_type}) served")

    def _run_cases(self, route):
        failures = []
        getattr(self, self.ROUTE_CASES[route])(failures)
        self.assertFalse(failures, f"{route} leaks or changes:\n" + "\n".join(failures))

    # ------------------------------------------------------------------
    # Cases per route
    # ------------------------------------------------------------------

    def _cases_request_list(self, failures):
        for url in ("/my/requests", "/my/requests/page/2", "/my/requests?filterby=all"):
            self._as(None)
            self._check(failures, f"anonymous GET {url}", self._get(url), self.markers_one)
            self._as("two")
            self._check(
                failures, f"other user GET {url}", self._get(url), self.markers_one, allow_200=True
            )

    def _request_urls(self, path=""):
        """(label, url) of request one with no, wrong and another record's token."""
        base = f"/my/requests/{self.request_one.id}{path}"
        wrong = self.token_one[:-4] + ("0000" if self.token_one[-4:] != "0000" else "1111")
        return [
            ("no token", base),
            ("wrong token", f"{base}?access_token={wrong}"),
            ("empty token", f"{base}?access_token="),
            ("other record's token", f"{base}?access_token={self.token_two}"),
        ]

    def _cases_request_page(self, failures):
        for who in (None, "two", "employee"):
            self._as(who)
            for label, url in self._request_urls():
                self._check(
                    failures,
                    f"{who or 'anonymous'} {label} GET {url}",
                    self._get(url),
                    self.markers_one,
                )
        # A missing id answers like a forbidden one.
        self._as("two")
        self._check(failures, "other user GET missing id", self._get("/my/requests/999999999"), [])

    def _cases_request_upload(self, failures):
        Attachment = self.env["ir.attachment"]
        before = Attachment.search_count([("res_model", "=", "shaqra.request")])
        lines_before = len(self.line_id_copy.attachment_ids), len(self.line_two.attachment_ids)
        files = {"document": ("mine.pdf", PDF)}
        for who in (None, "two", "employee"):
            self._as(who)
            for label, url in self._request_urls(f"/upload/{self.line_id_copy.id}"):
                self._check(
                    failures,
                    f"{who or 'anonymous'} {label} POST {url}",
                    self._post(url, files=files),
                    self.markers_one,
                )
        # The owner cannot reach a line of someone else's request through their own.
        self._as("one")
        url = f"/my/requests/{self.request_one.id}/upload/{self.line_two.id}"
        self._check(
            failures,
            f"owner POST other request's line {url}",
            self._post(url, files=files),
            self.markers_two,
        )
        url = f"/my/requests/{self.request_two.id}/upload/{self.line_two.id}"
        self._check(
            failures,
            f"owner POST other request {url}",
            self._post(url, files=files),
            self.markers_two,
        )
        self.env.invalidate_all()
        if Attachment.search_count([("res_model", "=", "shaqra.request")]) != before:
            failures.append("an upload was stored")
        lines_after = len(self.line_id_copy.attachment_ids), len(self.line_two.attachment_ids)
        if lines_after != lines_before:
            failures.append(f"requirement lines changed: {lines_before} -> {lines_after}")

    def _cases_request_document(self, failures):
        for who in (None, "two", "employee"):
            self._as(who)
            for label, url in self._request_urls(f"/document/{self.document_one.id}"):
                response = self._get(url)
                self._check(
                    failures, f"{who or 'anonymous'} {label} GET {url}", response, self.markers_one
                )
                if response.content == PDF:
                    failures.append(f"{who or 'anonymous'} {label} GET {url}: file served")
        # Item 1: a file linked to the owner's own line that is not the request's.
        # The ORM now refuses such a link (and binds a superuser's orphan upload
        # to the line it is linked to), so the link is written in the database,
        # as one made before the fix would be: the route must still refuse it.
        foreign = (self.document_two | self.admin_file).ids
        field = self.line_id_copy._fields["attachment_ids"]
        self.env.flush_all()
        relation = (
            SQL.identifier(field.relation),
            SQL.identifier(field.column1),
            SQL.identifier(field.column2),
        )
        for attachment_id in foreign:
            self.env.cr.execute(
                SQL(
                    "INSERT INTO %s (%s, %s) VALUES (%s, %s)",
                    *relation,
                    self.line_id_copy.id,
                    attachment_id,
                )
            )
        self.env.invalidate_all()
        for who in ("one", None):
            self._as(who)
            token = f"?access_token={self.token_one}"
            for attachment in (self.document_two, self.admin_file):
                url = f"/my/requests/{self.request_one.id}/document/{attachment.id}{token}"
                self._check(
                    failures,
                    f"{who or 'anonymous'} GET foreign file {url}",
                    self._get(url),
                    self.markers_two,
                )
        self.env.cr.execute(
            SQL(
                "DELETE FROM %s WHERE %s = %s AND %s IN %s",
                relation[0],
                relation[1],
                self.line_id_copy.id,
                relation[2],
                tuple(foreign),
            )
        )
        self.env.invalidate_all()
        # Another request's document through one's own request, and directly.
        self._as("one")
        for url in (
            f"/my/requests/{self.request_one.id}/document/{self.document_two.id}",
            f"/my/requests/{self.request_two.id}/document/{self.document_two.id}",
            f"/my/requests/{self.request_two.id}/document/{self.document_two.id}"
            f"?access_token={self.token_one}",
        ):
            self._check(
                failures, f"owner GET other's document {url}", self._get(url), self.markers_two
            )

    def _cases_request_sign(self, failures):
        params = {"name": "Intruder", "signature": SIGNATURE}
        cases = [
            (who, label, url)
            for who in (None, "two", "employee")
            for label, url in self._request_urls("/sign")
        ]
        # Item 16: holding the link is not being the beneficiary.
        cases += [
            (
                None,
                "right token, not logged in",
                f"/my/requests/{self.request_one.id}/sign?access_token={self.token_one}",
            ),
            (
                "two",
                "right token, other user",
                f"/my/requests/{self.request_one.id}/sign?access_token={self.token_one}",
            ),
        ]
        for who, label, url in cases:
            self._as(who)
            self._check(
                failures,
                f"{who or 'anonymous'} {label} sign {url}",
                self._json(url, params),
                self.markers_one,
            )
            self._check(
                failures,
                f"{who or 'anonymous'} {label} sign (token in body)",
                self._json(
                    url.split("?")[0], dict(params, access_token=url.partition("access_token=")[2])
                ),
                self.markers_one,
            )
        self.env.invalidate_all()
        if self.request_one.signature or self.request_one.signed_on:
            failures.append(f"request one was signed by {self.request_one.signed_by!r}")

    def _cases_request_new(self, failures):
        Request = self.env["shaqra.request"]
        before = Request.search_count([("beneficiary_id", "=", self.beneficiary_one.id)])
        self._as(None)
        self._check(
            failures,
            "anonymous GET /my/requests/new",
            self._get("/my/requests/new"),
            self.markers_one,
        )
        self._check(
            failures,
            "anonymous POST /my/requests/new",
            self._post(
                "/my/requests/new", {"service_type_id": self.service.id, "criteria_read": "1"}
            ),
            self.markers_one,
        )
        # Another beneficiary slips beneficiary one's ids into the form.
        self._as("two")
        files = {
            f"document_{r.id}": ("id.pdf", PDF)
            for r in self.service.requirement_ids
            if r.document_required
        }
        response = self._post(
            "/my/requests/new",
            {
                "service_type_id": self.service.id,
                "criteria_read": "1",
                "beneficiary_id": self.beneficiary_one.id,
                "partner_id": self.user_one.partner_id.id,
            },
            files=files,
        )
        self._check(
            failures,
            "other user POST /my/requests/new with ids of one",
            response,
            self.markers_one,
            allow_200=True,
        )
        self.env.invalidate_all()
        if Request.search_count([("beneficiary_id", "=", self.beneficiary_one.id)]) != before:
            failures.append("a request was created on beneficiary one's file")

    def _cases_notices(self, failures):
        for url in ("/my/notices", "/my/notices/page/2"):
            self._as(None)
            self._check(failures, f"anonymous GET {url}", self._get(url), self.markers_one)
            self._as("two")
            self._check(
                failures, f"other user GET {url}", self._get(url), self.markers_one, allow_200=True
            )

    def _cases_account(self, failures):
        partner_two = self.user_two.partner_id
        name_two, email_one = partner_two.name, self.user_one.partner_id.email
        self._as(None)
        self._check(
            failures, "anonymous GET /my/account", self._get("/my/account"), self.markers_one
        )
        self._check(
            failures,
            "anonymous POST /my/account",
            self._post("/my/account", {"name": "Hacked"}),
            self.markers_one,
        )
        self._as("two")
        response = self._post(
            "/my/account",
            {
                "name": "Hacked Name",
                "email": "hacked@example.com",
                "partner_id": self.user_one.partner_id.id,
            },
        )
        self._check(
            failures, "other user POST /my/account", response, self.markers_one, allow_200=True
        )
        self.env.invalidate_all()
        if partner_two.name != name_two:
            failures.append(
                f"F3: the beneficiary's name changed without review: {partner_two.name!r}"
            )
        if self.user_one.partner_id.email != email_one:
            failures.append("beneficiary one's e-mail changed")

    def _cases_beneficiary(self, failures):
        self._as(None)
        self._check(
            failures,
            "anonymous GET /my/beneficiary",
            self._get("/my/beneficiary"),
            self.markers_one,
        )
        self._as("two")
        for url in (
            "/my/beneficiary",
            f"/my/beneficiary?beneficiary_id={self.beneficiary_one.id}",
        ):
            self._check(
                failures, f"other user GET {url}", self._get(url), self.markers_one, allow_200=True
            )

    def _cases_correction(self, failures):
        Correction = self.env["shaqra.data.change.request"]
        before = Correction.search_count([("beneficiary_id", "=", self.beneficiary_one.id)])
        self._as(None)
        self._check(
            failures,
            "anonymous POST /my/beneficiary/correction",
            self._post("/my/beneficiary/correction", {"mobile": "+966533334444"}),
            self.markers_one,
        )
        self._as("two")
        response = self._post(
            "/my/beneficiary/correction",
            {"mobile": "+966533334444", "beneficiary_id": self.beneficiary_one.id},
        )
        self._check(
            failures,
            "other user POST correction with one's id",
            response,
            self.markers_one,
            allow_200=True,
        )
        self.env.invalidate_all()
        if Correction.search_count([("beneficiary_id", "=", self.beneficiary_one.id)]) != before:
            failures.append("a correction was filed on beneficiary one's file")

    def _cases_policies(self, failures):
        self._as(None)
        self._check(
            failures, "anonymous GET /my/policies", self._get("/my/policies"), self.markers_one
        )
        self._as("two")
        self._check(
            failures,
            "other user GET /my/policies",
            self._get("/my/policies"),
            self.markers_one,
            allow_200=True,
        )

    def _cases_policy_page(self, failures):
        for who in (None, "two"):
            self._as(who)
            for policy in (self.policy_one, self.policy_draft):
                url = f"/my/policies/{policy.id}"
                self._check(
                    failures, f"{who or 'anonymous'} GET {url}", self._get(url), self.markers_one
                )

    def _cases_policy_acknowledge(self, failures):
        params = {"name": "Intruder", "signature": SIGNATURE}
        for who in (None, "two", "employee"):
            self._as(who)
            for policy in (self.policy_one, self.policy_draft):
                url = f"/my/policies/{policy.id}/acknowledge"
                self._check(
                    failures,
                    f"{who or 'anonymous'} acknowledge {url}",
                    self._json(url, params),
                    self.markers_one,
                )
        self.env.invalidate_all()
        if self.ack_one.state != "pending" or self.ack_one.signature:
            failures.append("beneficiary one's acknowledgement was signed by someone else")

    def _cases_compliance_xlsx(self, failures):
        url = f"/shaqra/policy/compliance.xlsx?policy_id={self.policy_one.id}"
        for who in (None, "two", "employee"):
            self._as(who)
            response = self._get(url)
            self._check(failures, f"{who or 'anonymous'} GET {url}", response, self.markers_one)
            if response.content[:2] == b"PK":
                failures.append(f"{who or 'anonymous'} GET {url}: the workbook was served")

    def _cases_agreement_list(self, failures):
        url = "/my/agreements"
        self._as(None)
        self._check(failures, f"anonymous GET {url}", self._get(url), self.markers_one)
        self._as("two")
        self._check(
            failures, f"other user GET {url}", self._get(url), self.markers_one, allow_200=True
        )

    def _cases_agreement_page(self, failures):
        for who in (None, "two", "employee"):
            self._as(who)
            for path in ("", "/pdf"):
                url = f"/my/agreements/{self.agreement_one.id}{path}"
                self._check(
                    failures, f"{who or 'anonymous'} GET {url}", self._get(url), self.markers_one
                )
        self._as("two")
        self._check(
            failures, "other user GET missing id", self._get("/my/agreements/999999999"), []
        )

    def _cases_agreement_sign(self, failures):
        url = f"/my/agreements/{self.agreement_one.id}/sign"
        params = {"name": "Intruder", "signature": SIGNATURE}
        for who in (None, "two", "employee"):
            self._as(who)
            self._check(
                failures,
                f"{who or 'anonymous'} sign {url}",
                self._json(url, params),
                self.markers_one,
            )
        self.env.invalidate_all()
        if self.agreement_one.signature or self.agreement_one.state != "draft":
            failures.append(f"agreement one was signed by {self.agreement_one.signed_by!r}")

    def _cases_data(self, failures):
        for path in ("/my/data", "/my/data/export.json", "/my/data/export.pdf"):
            self._as(None)
            self._check(failures, f"anonymous GET {path}", self._get(path), self.markers_one)
            self._as("employee")
            self._check(failures, f"employee GET {path}", self._get(path), self.markers_one)
            # The file is the visitor's own, whatever the parameters say: their
            # own export is served, nothing of beneficiary one's.
            self._as("two")
            url = f"{path}?beneficiary_id={self.beneficiary_one.id}"
            response = self._get(url)
            if response.status_code >= 500:
                failures.append(f"other user GET {url}: HTTP {response.status_code}")
            leaked = self._leaks(response, self.markers_one)
            if leaked:
                failures.append(f"other user GET {url}: leaks {leaked}")

    def _check_post_creates_nothing(self, failures, model, url, data, what):
        """Anonymous, and the other beneficiary naming one's id: nothing lands on one's file."""
        Model = self.env[model]
        before = Model.search_count([("beneficiary_id", "=", self.beneficiary_one.id)])
        self._as(None)
        self._check(failures, f"anonymous POST {url}", self._post(url, data), self.markers_one)
        self._as("two")
        response = self._post(url, dict(data, beneficiary_id=self.beneficiary_one.id))
        self._check(
            failures, f"other user POST {url} with one's id", response, self.markers_one, True
        )
        self.env.invalidate_all()
        if Model.search_count([("beneficiary_id", "=", self.beneficiary_one.id)]) != before:
            failures.append(f"{what} on beneficiary one's file")

    def _cases_data_consent_new(self, failures):
        self._check_post_creates_nothing(
            failures,
            "shaqra.media.consent",
            "/my/data/consents/new",
            {"scope": "story", "purpose": "Intruder's purpose"},
            "a consent was given",
        )

    def _cases_data_consent_revoke(self, failures):
        url = f"/my/data/consents/{self.consent_one.id}/revoke"
        for who in (None, "two", "employee"):
            self._as(who)
            self._check(
                failures, f"{who or 'anonymous'} POST {url}", self._post(url), self.markers_one
            )
        self.env.invalidate_all()
        if self.consent_one.state != "given":
            failures.append("beneficiary one's consent was revoked by someone else")

    def _cases_data_request(self, failures):
        self._check_post_creates_nothing(
            failures,
            "shaqra.data.rights.request",
            "/my/data/request",
            {"kind": "delete", "reason": "Intruder"},
            "a data rights request was filed",
        )

    def _cases_website_public_pages(self, failures):
        """The public pages are open to all and show nobody's file nor a draft."""
        for who in (None, "two", "employee"):
            self._as(who)
            for url in ("/services", "/governance"):
                response = self._get(url)
                if response.status_code != 200:
                    failures.append(f"{who or 'anonymous'} GET {url}: HTTP {response.status_code}")
                self._check(
                    failures,
                    f"{who or 'anonymous'} GET {url}",
                    response,
                    self.markers_one + self.markers_two,
                    allow_200=True,
                )

    def _cases_website_governance_document(self, failures):
        """A contractor's document and a draft do not exist for the public."""
        for who in (None, "two", "employee"):
            self._as(who)
            for policy in (self.policy_one, self.policy_draft):
                for suffix in ("", "/download"):
                    url = f"/governance/{policy.id}{suffix}"
                    self._check(
                        failures,
                        f"{who or 'anonymous'} GET {url}",
                        self._get(url),
                        self.markers_one,
                    )
            self._check(failures, "GET missing document", self._get("/governance/999999999"), [])

    def _cases_website_inquiry(self, failures):
        """An inquiry naming beneficiary one's id lands nothing on one's file."""
        Lead = self.env["crm.lead"]
        domain = [("beneficiary_id", "=", self.beneficiary_one.id)]
        before = Lead.search_count(domain)
        data = {
            "name": "Intruder",
            "mobile": "0551239876",
            "message": "Intruder's question",
            "beneficiary_id": self.beneficiary_one.id,
        }
        for who in (None, "two"):
            self._as(who)
            response = self._post("/inquiry", data)
            self._check(
                failures, f"{who or 'anonymous'} POST /inquiry", response, self.markers_one, True
            )
        self.env.invalidate_all()
        if Lead.search_count(domain) != before:
            failures.append("an inquiry was filed on beneficiary one's file")
        intruder = Lead.search([("contact_name", "=", "Intruder")])
        if intruder.beneficiary_id or intruder.partner_id & self.beneficiary_one.partner_id:
            failures.append("an inquiry was linked to beneficiary one")

    # ------------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------------

    def test_e2_every_declared_route_has_idor_cases(self):
        routes = declared_routes(self.env)
        self.assertIn("/my/requests/<int:request_id>", routes, "routes could not be enumerated")
        addon_cases = {
            route for module in addon_case_modules(self.env) for route in module.ROUTE_CASES
        }
        every_route = declared_routes(self.env, ADDONS_PREFIX)
        missing = sorted(set(every_route) - set(self.ROUTE_CASES) - addon_cases)
        self.assertFalse(
            missing,
            f"Routes without IDOR cases (add them to ROUTE_CASES, or to the add-on's "
            f"tests/idor_cases.py): {missing}",
        )
        stale = sorted(set(self.ROUTE_CASES) - set(routes))
        stale += sorted(addon_cases - set(every_route))
        self.assertFalse(stale, f"IDOR cases for routes that no longer exist: {stale}")

    def test_e2_idor_routes_of_installed_addons(self):
        """The routes of the installed add-ons pass the same checks as the base's."""
        failures = []
        for module in addon_case_modules(self.env):
            for route, cases in module.ROUTE_CASES.items():
                before = len(failures)
                cases(self, failures)
                failures[before:] = [f"{route}: {failure}" for failure in failures[before:]]
        self.assertFalse(failures, "Add-on routes leak or change:\n" + "\n".join(failures))

    def test_e2_idor_request_list(self):
        self._run_cases("/my/requests")

    def test_e2_idor_request_page(self):
        self._run_cases("/my/requests/<int:request_id>")

    def test_e2_idor_request_upload(self):
        self._run_cases("/my/requests/<int:request_id>/upload/<int:line_id>")

    def test_e2_idor_request_document_item1(self):
        self._run_cases("/my/requests/<int:request_id>/document/<int:attachment_id>")

    def test_c4_idor_request_sign_item16(self):
        self._run_cases("/my/requests/<int:request_id>/sign")

    def test_e2_idor_request_new(self):
        self._run_cases("/my/requests/new")

    def test_e2_idor_notices(self):
        self._run_cases("/my/notices")

    def test_f3_idor_account_item13(self):
        self._run_cases("/my/account")

    def test_e2_idor_beneficiary(self):
        self._run_cases("/my/beneficiary")

    def test_f3_idor_correction(self):
        self._run_cases("/my/beneficiary/correction")

    def test_art4_idor_policies(self):
        self._run_cases("/my/policies")

    def test_art4_idor_policy_page(self):
        self._run_cases("/my/policies/<int:policy_id>")

    def test_art4_idor_policy_acknowledge(self):
        self._run_cases("/my/policies/<int:policy_id>/acknowledge")

    def test_art4_idor_compliance_xlsx(self):
        self._run_cases("/shaqra/policy/compliance.xlsx")

    def test_art2_idor_agreement_list(self):
        self._run_cases("/my/agreements")

    def test_art2_idor_agreement_page_and_pdf(self):
        self._run_cases("/my/agreements/<int:agreement_id>")

    def test_art2_idor_agreement_sign(self):
        self._run_cases("/my/agreements/<int:agreement_id>/sign")

    def test_e2_idor_data_page_and_exports(self):
        self._run_cases("/my/data")

    def test_e1_idor_data_consent_new(self):
        self._run_cases("/my/data/consents/new")

    def test_e1_idor_data_consent_revoke(self):
        self._run_cases("/my/data/consents/<int:consent_id>/revoke")

    def test_e2_idor_data_request(self):
        self._run_cases("/my/data/request")

    def test_c2_idor_website_public_pages(self):
        self._run_cases("/services")

    def test_art3_idor_website_governance_document(self):
        self._run_cases("/governance/<int:policy_id>")

    def test_f2_idor_website_inquiry(self):
        self._run_cases("/inquiry")
