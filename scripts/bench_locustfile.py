"""Locust users of the public forms' load test (run by bench_load.py).

Runs in its own virtualenv (.local/loadvenv, scripts/bench-requirements.txt):
locust brings its own gevent. Each simulated visitor opens a form page and
sends it, again and again, at a steady pace (LOAD_PACING seconds a form;
0: back to back, to measure how many the server can take):

- ``ShaqraVisitor``: ``/complaint`` GET + POST and ``/volunteer`` GET + POST;
- ``AnchorVisitor``: Odoo's own contact page ``/contactus`` GET and its
  website form ``/website/form/crm.lead`` POST (website_crm).

Environment: LOAD_USER_CLASS (ShaqraVisitor or AnchorVisitor), LOAD_RUN (a
marker written into every submission, to count them in the database
afterwards), LOAD_OUT (a JSON file where the accepted submissions and every
request, with when it ended, its response time and its error, are written
at the end), LOAD_NET (the declared
test network: each visitor comes from its own address of it, sent as
X-Forwarded-For to a server in proxy mode, as a reverse proxy would),
LOAD_FORMS (each visitor stops after that many forms; 0: until the run
ends), LOAD_USERS (how many visitors: the run ends when the last one has
sent its forms).

A POST counts as a failure unless the answer is the page (or JSON) of an
accepted submission: a form sent back with an error is a failure too.
"""

import itertools
import json
import os
import re
import time

import gevent
from locust import HttpUser, constant_pacing, events, task
from locust.exception import StopUser

RUN = os.environ.get("LOAD_RUN", "0")
NET = os.environ.get("LOAD_NET", "198.51.100")
FORMS = int(os.environ.get("LOAD_FORMS", "0"))
USERS = int(os.environ.get("LOAD_USERS", "0"))
CSRF_RE = re.compile(r'(?:name="csrf_token"\s+value="|csrf_token: ")([^"]+)"')
ACCEPTED = {"complaint": [], "volunteer": [], "lead": []}
# Every request: [name, when it ended (seconds after the first visitor came),
# response time in ms, error or None].
DONE = []
STARTED = []
_visitors = itertools.count(1)
_serial = itertools.count(1)
_finished = itertools.count(1)


def national_id(n):
    """A valid (Luhn) 10-digit national ID, distinct for each ``n``."""
    body = f"1{(int(RUN) % 97):02d}{n:06d}"
    for check in range(10):
        digits = f"{body}{check}"
        total = 0
        for position, char in enumerate(reversed(digits)):
            digit = int(char)
            if position % 2:
                digit = digit * 2 - 9 if digit > 4 else digit * 2
            total += digit
        if total % 10 == 0:
            return digits
    raise AssertionError("no check digit")


@events.request.add_listener
def _request_done(name=None, response_time=0, exception=None, **kwargs):
    if STARTED:
        DONE.append(
            [
                name,
                time.monotonic() - STARTED[0],
                response_time,
                None if exception is None else str(exception),
            ]
        )


class _Visitor(HttpUser):
    abstract = True
    # Each visitor starts a form every LOAD_PACING seconds as long as the
    # server keeps up (an open load of users / pacing forms a second). The
    # visitors arrive one after the other over the first period (spawn rate
    # users / pacing, set by bench_load.py), as independent visitors do.
    wait_time = constant_pacing(float(os.environ.get("LOAD_PACING", "4")))

    def on_start(self):
        if not STARTED:
            STARTED.append(time.monotonic())
        self.forms = 0
        number = next(_visitors)
        # A distinct address of the declared test network for each visitor.
        self.client.headers.update(
            {
                "X-Forwarded-For": f"{NET}.{1 + number % 250}",
                "X-Forwarded-Host": self.host.split("//", 1)[-1],
                "X-Forwarded-Proto": "http",
            }
        )

    def _sent(self):
        """One more form sent: the visitor leaves after LOAD_FORMS of them, and
        the last visitor to leave ends the run."""
        self.forms += 1
        if FORMS and self.forms >= FORMS:
            if USERS and next(_finished) >= USERS:
                gevent.spawn_later(0.1, self.environment.runner.quit)
            raise StopUser()

    def _csrf(self, path):
        with self.client.get(path, name=f"GET {path}", catch_response=True) as response:
            match = CSRF_RE.search(response.text or "")
            if response.status_code != 200 or not match:
                response.failure(f"no form (HTTP {response.status_code})")
                return None
            response.success()
            return match.group(1)


class ShaqraVisitor(_Visitor):
    @task
    def complaint(self):
        token = self._csrf("/complaint")
        if not token:
            self._sent()
            return
        n = next(_serial)
        marker = f"Load {RUN} complaint {n}"
        data = {
            "csrf_token": token,
            "shaqra_hp": "",
            "kind": "complaint",
            "complainant_name": f"Load visitor {n}",
            # A new mobile for each form of each run (5 a day per mobile).
            "complainant_mobile": f"055{int(RUN) % 1000:03d}{n % 10000:04d}",
            "complainant_email": f"load{RUN}.{n}@example.com",
            "description": marker,
        }
        with self.client.post(
            "/complaint", data=data, name="POST /complaint", catch_response=True
        ) as response:
            if response.status_code == 200 and "o_shaqra_complaint_number" in response.text:
                ACCEPTED["complaint"].append(marker)
                response.success()
            else:
                response.failure(f"not accepted (HTTP {response.status_code})")
        self._sent()

    @task
    def volunteer(self):
        token = self._csrf("/volunteer")
        if not token:
            self._sent()
            return
        n = next(_serial)
        nid = national_id(n)
        data = {
            "csrf_token": token,
            "shaqra_hp": "",
            "name": f"Load volunteer {n}",
            "national_id": nid,
            "mobile": f"056{int(RUN) % 1000:03d}{n % 10000:04d}",
            "email": f"load{RUN}.v{n}@example.com",
            "city": f"Load {RUN}",
            "gender": "",
        }
        with self.client.post(
            "/volunteer", data=data, name="POST /volunteer", catch_response=True
        ) as response:
            if response.status_code == 200 and "o_shaqra_volunteer_thanks" in response.text:
                ACCEPTED["volunteer"].append(nid)
                response.success()
            else:
                response.failure(f"not accepted (HTTP {response.status_code})")
        self._sent()


class AnchorVisitor(_Visitor):
    @task
    def contact(self):
        # The same two steps as each form of the subject.
        token = self._csrf("/contactus")
        if not token:
            self._sent()
            return
        n = next(_serial)
        marker = f"Load {RUN} lead {n}"
        data = {
            "csrf_token": token,
            "contact_name": marker,
            "phone": f"055{n % 10000000:07d}",
            "email_from": f"load{RUN}.l{n}@example.com",
            "partner_name": "Load company",
            "name": "Load test",
            "description": marker,
        }
        with self.client.post(
            "/website/form/crm.lead",
            data=data,
            name="POST /website/form/crm.lead",
            catch_response=True,
        ) as response:
            try:
                body = response.json()
            except ValueError:
                body = {}
            if response.status_code == 200 and body.get("id"):
                ACCEPTED["lead"].append(marker)
                response.success()
            else:
                response.failure(f"not accepted (HTTP {response.status_code})")
        self._sent()


@events.quitting.add_listener
def _write_accepted(environment, **kwargs):
    out = os.environ.get("LOAD_OUT")
    if out:
        with open(out, "w") as handle:
            json.dump({"accepted": ACCEPTED, "done": DONE}, handle)
