"""Data of the public and portal tests of the complaints (policy D1, D3, G1)."""

import re

from odoo import http
from odoo.tools import mute_logger

from odoo.addons.shaqra_beneficiary.tests.test_portal_common import PDF, ShaqraPortalCommon

CSRF_RE = re.compile(r'(name="csrf_token" value="[^"]*"|csrf_token: "[^"]*")')


class ShaqraComplaintWebCommon(ShaqraPortalCommon):
    """Two portal beneficiaries (from the base), a complaint of each and an anonymous one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        Complaint = env["shaqra.complaint"].sudo()
        cls.complaint_one = Complaint.create(
            {
                "kind": "complaint",
                "channel": "portal",
                "beneficiary_id": cls.beneficiary_one.id,
                "complainant_name": "Beneficiary One",
                "complainant_email": "one@example.com",
                "description": "CMP-SECRET-DESCRIPTION-OF-ONE",
            }
        )
        cls.complaint_two = Complaint.create(
            {
                "kind": "dispute",
                "channel": "portal",
                "beneficiary_id": cls.beneficiary_two.id,
                "complainant_name": "Beneficiary Two",
                "description": "CMP-SECRET-DESCRIPTION-OF-TWO",
            }
        )
        cls.complaint_public = Complaint.create(
            {
                "kind": "complaint",
                "channel": "website",
                "complainant_name": "Public Person",
                "complainant_email": "public.person@example.com",
                "complainant_mobile": "+966501112233",
                "description": "CMP-SECRET-DESCRIPTION-OF-PUBLIC",
            }
        )
        cls.token_public = cls.complaint_public._portal_ensure_token()
        cls.token_one_complaint = cls.complaint_one._portal_ensure_token()
        cls.token_two_complaint = cls.complaint_two._portal_ensure_token()

    def setUp(self):
        super().setUp()
        # A visitor's session, as a browser has one before posting a form.
        self.authenticate(None, None)

    # ------------------------------------------------------------------

    def _csrf(self):
        return http.Request.csrf_token(self)

    def _status_url(self, complaint, token=None, **extra):
        url = complaint._shaqra_status_url(absolute=False, **extra)
        if token is not None:
            url = url.replace(f"token={complaint.access_token}", f"token={token}")
        return url

    def _get(self, url):
        with mute_logger("odoo.http", "werkzeug"):
            return self.url_open(url, allow_redirects=False, timeout=60)

    def _post(self, url, data=None, files=None, csrf=True):
        data = {key: value for key, value in (data or {}).items() if value is not None}
        if csrf:
            data["csrf_token"] = self._csrf()
        with mute_logger("odoo.http", "werkzeug"):
            return self.url_open(url, data=data, files=files, allow_redirects=False, timeout=60)

    def _json(self, url, params):
        import json

        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        with mute_logger("odoo.http", "werkzeug"):
            response = self.url_open(
                url,
                data=json.dumps(payload),
                headers={"Content-Type": "application/json"},
                timeout=60,
            )
        return response.json().get("result") or response.json()

    @staticmethod
    def _page(response):
        """The page without its CSRF token, which changes from one answer to the next."""
        return CSRF_RE.sub("", response.text)

    def _arabic_site(self):
        """The site in Arabic, with this add-on's catalogue: the URL prefix."""
        lang = self.env["res.lang"]._activate_lang("ar_001")
        self.env["ir.module.module"]._load_module_terms(
            ["shaqra_complaints"], ["ar_001"], overwrite=True
        )
        website = self.env["website"].search([], limit=1)
        website.language_ids |= lang
        return f"/{lang.url_code}"

    def _propose_settlement(self, complaint, terms="<p>CMP-SETTLEMENT-TERMS</p>"):
        """The committee's proposal, as the backend records it."""
        complaint = complaint.sudo()
        complaint.write(
            {
                "settlement_terms": terms,
                "settlement_state": "proposed",
                "stage_id": self.env.ref("shaqra_complaints.stage_settlement").id,
            }
        )
        return complaint

    def _close(self, complaint):
        complaint.sudo().write({"stage_id": self.env.ref("shaqra_complaints.stage_closed").id})
        return complaint


__all__ = ["PDF", "ShaqraComplaintWebCommon"]
