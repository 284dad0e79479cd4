"""Capture every demo role's key screens, in Arabic, at desktop and phone widths.

Used by `make screenshots` (scripts/screenshots.sh), which starts Odoo on a
database like `make run`'s. This logs in as each demo login over HTTP, hands
the session to a headless Chromium (the browser Odoo's tours use), driven
through the Chrome DevTools protocol, and saves one optimised PNG per role,
screen and width: <out>/<role>-<screen>-<width>.png.

    python screenshots.py --url http://127.0.0.1:8069 --db shaqra --out .local/screenshots
"""

import argparse
import base64
import io
import itertools
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import requests
import websocket
from PIL import Image

ACCEPT_LANGUAGE = "ar-SA,ar;q=0.9"
WIDTHS = {"desktop": (1440, 900), "phone": (390, 844)}

# The backend is ready when the action's view is rendered and no request is
# pending; a portal or website page when its main content is there.
BACKEND_READY = ".o_action_manager .o_view_controller"
PORTAL_READY = "#wrap"


def screens(lookup):
    """(role, login, screen, path, ready selector) for every capture.

    ``lookup(login, model, domain)`` returns the id of the first record the
    user sees, so that the forms shown are ones the role may open.
    """
    request = "/odoo/action-shaqra_beneficiary.shaqra_request_action"
    beneficiary = "/odoo/action-shaqra_beneficiary.shaqra_beneficiary_action"
    meeting = "/odoo/action-shaqra_beneficiary.shaqra_committee_meeting_action"
    policy = "/odoo/action-shaqra_beneficiary.shaqra_policy_action"
    items = [
        ("reception", "reception", "home", "/odoo", BACKEND_READY),
        ("reception", "reception", "file", f"{beneficiary}/{{id}}", BACKEND_READY),
        ("liaison", "liaison", "home", "/odoo", BACKEND_READY),
        ("liaison", "liaison", "request", f"{request}/{{id}}", BACKEND_READY),
        ("committee", "committee", "home", "/odoo", BACKEND_READY),
        ("committee", "committee", "meeting", f"{meeting}/{{id}}", BACKEND_READY),
        ("manager", "manager", "home", "/odoo", BACKEND_READY),
        (
            "manager",
            "manager",
            "statistics",
            "/odoo/action-shaqra_beneficiary.shaqra_request_action_statistics",
            BACKEND_READY,
        ),
        ("hr", "hr", "home", "/odoo", BACKEND_READY),
        ("hr", "hr", "policy", f"{policy}/{{id}}", BACKEND_READY),
        ("beneficiary", "beneficiary", "home", "/my", PORTAL_READY),
        ("beneficiary", "beneficiary", "request", "/my/requests/{id}", PORTAL_READY),
        ("public", None, "home", "/", PORTAL_READY),
    ]
    records = {
        ("reception", "file"): ("shaqra.beneficiary", []),
        ("liaison", "request"): ("shaqra.request", [("stage_is_final", "=", False)]),
        ("committee", "meeting"): ("shaqra.committee.meeting", []),
        ("hr", "policy"): ("shaqra.policy", []),
        ("beneficiary", "request"): ("shaqra.request", []),
    }
    for role, login, screen, path, ready in items:
        if "{id}" in path:
            model, domain = records[role, screen]
            record_id = lookup(login, model, domain)
            if not record_id:
                print(f"  skipped {role}-{screen}: no {model} record visible", file=sys.stderr)
                continue
            path = path.format(id=record_id)
        yield role, login, screen, path, ready


class Odoo:
    """HTTP sessions of the demo logins (password = login; admin's is admin)."""

    def __init__(self, url, db):
        self.url, self.db = url.rstrip("/"), db
        self.sessions = {}

    def session(self, login):
        if login not in self.sessions:
            http = requests.Session()
            # An Arabic-speaking user's browser.
            http.headers["Accept-Language"] = ACCEPT_LANGUAGE
            self._call(http, "/web/session/authenticate", db=self.db, login=login, password=login)
            self.sessions[login] = http
        return self.sessions[login]

    def _call(self, http, route, **params):
        response = http.post(
            self.url + route,
            json={"jsonrpc": "2.0", "method": "call", "params": params},
            timeout=120,
        )
        response.raise_for_status()
        body = response.json()
        if body.get("error"):
            raise RuntimeError(f"{route}: {body['error']['data']['message']}")
        return body["result"]

    def lookup(self, login, model, domain):
        ids = self._call(
            self.session(login),
            f"/web/dataset/call_kw/{model}/search",
            model=model,
            method="search",
            args=[domain],
            kwargs={"limit": 1, "order": "id"},
        )
        return ids[0] if ids else None


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("Chromium is not installed (Debian package 'chromium').")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    """A headless Chromium page driven over the DevTools protocol."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="shaqra-screens-")
        port = free_port()
        self.process = subprocess.Popen(
            [
                find_chromium(),
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--hide-scrollbars",
                "--font-render-hinting=none",
                "--lang=ar",
                f"--accept-lang={ACCEPT_LANGUAGE}",
                f"--user-data-dir={self.profile}",
                f"--remote-debugging-port={port}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 30
        while True:
            try:
                pages = requests.get(f"http://127.0.0.1:{port}/json/list", timeout=2).json()
                page = next(p for p in pages if p["type"] == "page")
                break
            except (requests.RequestException, StopIteration, ValueError):
                if time.time() > deadline:
                    self.close()
                    sys.exit("Chromium did not open its DevTools port.")
                time.sleep(0.3)
        self.ws = websocket.create_connection(
            page["webSocketDebuggerUrl"], timeout=120, suppress_origin=True
        )
        self.ids = itertools.count(1)
        self.send("Page.enable")
        self.send("Network.enable")

    def send(self, method, **params):
        message_id = next(self.ids)
        self.ws.send(json.dumps({"id": message_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == message_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    def size(self, width, height):
        mobile = width < 768
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=mobile,
        )
        self.send("Emulation.setTouchEmulationEnabled", enabled=mobile)

    def login(self, url, session_id):
        self.send("Network.clearBrowserCookies")
        if session_id:
            self.send("Network.setCookie", name="session_id", value=session_id, url=url)

    def open(self, url, ready, timeout=60):
        self.send("Page.navigate", url=url)
        check = (
            f"!!document.querySelector({json.dumps(ready)})"
            " && document.readyState === 'complete'"
            " && document.fonts.status === 'loaded'"
            " && !document.querySelector('.o_blockUI, .o_loading_indicator, .o-main-components-container .o_notification_manager .o_loading')"
        )
        deadline = time.time() + timeout
        while not self.evaluate(check):
            if time.time() > deadline:
                raise TimeoutError(f"{url}: {ready} did not appear")
            time.sleep(0.25)
        # Let images, web fonts and the last renders settle.
        time.sleep(1.5)

    def screenshot(self):
        return base64.b64decode(self.send("Page.captureScreenshot", format="png")["data"])

    def close(self):
        try:
            self.process.terminate()
            self.process.wait(10)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def optimise(png):
    """A palette PNG: a tenth of the size, no visible loss on a user interface."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--roles", help="comma-separated roles (default: all)")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    odoo = Odoo(args.url, args.db)
    roles = set(args.roles.split(",")) if args.roles else None
    shots = [s for s in screens(odoo.lookup) if not roles or s[0] in roles]
    browser = Browser()
    failures = 0
    try:
        for width_name, (width, height) in WIDTHS.items():
            browser.size(width, height)
            for role, login, screen, path, ready in shots:
                session = odoo.session(login).cookies.get("session_id") if login else None
                browser.login(odoo.url, session)
                name = f"{role}-{screen}-{width_name}.png"
                try:
                    browser.open(odoo.url + path, ready)
                except TimeoutError as error:
                    print(f"  FAILED {name}: {error}", file=sys.stderr)
                    failures += 1
                    continue
                with open(os.path.join(args.out, name), "wb") as out:
                    out.write(optimise(browser.screenshot()))
                print(f"  {name}")
    finally:
        browser.close()
    print(f"{len(shots) * len(WIDTHS) - failures} screenshots in {args.out}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
