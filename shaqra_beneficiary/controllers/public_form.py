"""Anti-spam guard shared by the public forms (inquiry, complaint, volunteering).

A controller inherits ``ShaqraPublicForm`` together with ``http.Controller``:

- ``_shaqra_is_bot(params)``: the honeypot ``shaqra_hp`` was filled; show the
  normal thank-you page and store nothing;
- ``_shaqra_check_captcha(action)``: the captcha provider switched on in the
  Settings (none: always True);
- ``_shaqra_rate_limited(route_key, mobile=None)``: a translated message when the
  visitor's address or mobile has sent too many forms, else False (the
  addresses of the system parameter ``shaqra.public_limit_allow``, IPs or
  networks separated by commas or spaces, e.g. a declared load-test network,
  are not limited by address; their mobiles still are);
- ``_shaqra_record_submission(route_key, mobile=None)``: once the record exists;
- ``_shaqra_read_attachments(files)``: attachment values of uploaded files with
  the portal's type and size rules.

The form itself: class ``o_shaqra_public_form`` and ``data-captcha-action`` equal
to the action passed to ``_shaqra_check_captcha`` (the form's script then sends
the captcha token when a provider is on), the CSRF token, and the honeypot::

    <div class="shaqra-hp" aria-hidden="true">
        <input type="text" name="shaqra_hp" value="" autocomplete="off" tabindex="-1"/>
    </div>
"""

import base64
import ipaddress
import os

from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools.mimetypes import guess_mimetype

from ..tools.validation import saudi_mobile_digits
from .portal import ALLOWED_UPLOADS, DEFAULT_UPLOAD_LIMIT_MB, UPLOAD_LIMIT_PARAM

HONEYPOT = "shaqra_hp"
LIMIT_IP_PARAM = "shaqra.public_limit_ip_hour"
LIMIT_MOBILE_PARAM = "shaqra.public_limit_mobile_day"
LIMIT_ALLOW_PARAM = "shaqra.public_limit_allow"
DEFAULT_LIMIT_IP_HOUR = 20
DEFAULT_LIMIT_MOBILE_DAY = 5
MAX_ATTACHMENTS = 5


class ShaqraPublicForm:
    """Mixin of the public forms' controllers (honeypot, captcha, rate limit, files)."""

    def _shaqra_is_bot(self, params):
        return bool((params or {}).get(HONEYPOT))

    def _shaqra_check_captcha(self, action):
        try:
            return bool(request.env["ir.http"]._verify_request_recaptcha_token(action))
        except (UserError, ValidationError):
            return False

    def _shaqra_limit(self, param, default):
        value = request.env["ir.config_parameter"].sudo().get_param(param)
        try:
            limit = int(value or default)
        except ValueError:
            limit = default
        return limit if limit > 0 else default

    def _shaqra_client_ip(self):
        return request.httprequest.remote_addr or ""

    def _shaqra_address_allowed(self):
        """The visitor's address is in ``shaqra.public_limit_allow`` (IPs or networks)."""
        value = request.env["ir.config_parameter"].sudo().get_param(LIMIT_ALLOW_PARAM) or ""
        if not value.strip():
            return False
        try:
            address = ipaddress.ip_address(self._shaqra_client_ip())
        except ValueError:
            return False
        for item in value.replace(",", " ").split():
            try:
                if address in ipaddress.ip_network(item, strict=False):
                    return True
            except ValueError:
                continue
        return False

    def _shaqra_mobile_key(self, mobile):
        """The mobile reduced to its digits, so that 05..., +9665... count as one."""
        return saudi_mobile_digits(mobile) if mobile else ""

    def _shaqra_rate_limited(self, route_key, mobile=None):
        Submission = request.env["shaqra.public.submission"].sudo()
        limit_ip = self._shaqra_limit(LIMIT_IP_PARAM, DEFAULT_LIMIT_IP_HOUR)
        if (
            Submission._shaqra_count(route_key, "ip_hash", self._shaqra_client_ip(), 1) >= limit_ip
            and not self._shaqra_address_allowed()
        ):
            return request.env._(
                "Many forms were sent from your connection in the last hour: please try "
                "again later or call the association."
            )
        key = self._shaqra_mobile_key(mobile)
        limit_mobile = self._shaqra_limit(LIMIT_MOBILE_PARAM, DEFAULT_LIMIT_MOBILE_DAY)
        if key and Submission._shaqra_count(route_key, "mobile_hash", key, 24) >= limit_mobile:
            return request.env._(
                "Many forms were sent with this mobile number today: please try again "
                "tomorrow or call the association."
            )
        return False

    def _shaqra_record_submission(self, route_key, mobile=None):
        Submission = request.env["shaqra.public.submission"].sudo()
        return Submission.create(
            {
                "route_key": route_key,
                "ip_hash": Submission._shaqra_hash(self._shaqra_client_ip()),
                "mobile_hash": Submission._shaqra_hash(self._shaqra_mobile_key(mobile)),
            }
        )

    def _shaqra_read_attachments(self, files):
        """Attachment values (name, raw, mimetype) of the uploaded ``files``.

        Refuses the whole lot with a translated UserError when one file is
        not a PDF/JPG/PNG whose content matches its name, is empty or too big.
        """
        files = [upload for upload in (files or []) if upload and upload.filename]
        if len(files) > MAX_ATTACHMENTS:
            raise UserError(
                request.env._("Attach at most %(count)s files.", count=MAX_ATTACHMENTS)
            )
        limit_mb = self._shaqra_limit(UPLOAD_LIMIT_PARAM, DEFAULT_UPLOAD_LIMIT_MB)
        values = []
        for upload in files:
            name = os.path.basename(upload.filename)
            extension = os.path.splitext(name)[1].lower().lstrip(".")
            content = upload.read(limit_mb * 1024 * 1024 + 1)
            if not content:
                raise UserError(request.env._("The file %(file)s is empty.", file=name))
            if len(content) > limit_mb * 1024 * 1024:
                raise UserError(
                    request.env._(
                        "The file %(file)s was refused: it is larger than %(limit)s MB.",
                        file=name,
                        limit=limit_mb,
                    )
                )
            mimetype = guess_mimetype(content)
            if extension not in ALLOWED_UPLOADS or mimetype not in ALLOWED_UPLOADS[extension]:
                raise UserError(
                    request.env._(
                        "The file %(file)s was refused: only PDF, JPG and PNG documents "
                        "are accepted.",
                        file=name,
                    )
                )
            values.append({"name": name, "datas": base64.b64encode(content), "mimetype": mimetype})
        return values
