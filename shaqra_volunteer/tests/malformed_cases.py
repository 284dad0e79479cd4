"""Malformed input on the volunteer forms (policy B3, A6, C3), run by the
base's ``tests/test_malformed_input.py`` (``TestMalformedPortal``) when this
add-on is installed.

Every refused case answers with the form's message (HTTP 200 with
``o_shaqra_volunteer_error`` or a field's ``invalid-feedback``), or a 404 for
a record that is not the volunteer's, never a 500, and leaves the tables as
they were: the base's and the volunteer's own. A missing CSRF token is a 400;
a filled honeypot gets the thank-you page and stores nothing.
"""

import datetime

from odoo.tests import new_test_user
from odoo.tools import mute_logger

from odoo.addons.shaqra_beneficiary.tests.common import PNG
from odoo.addons.shaqra_beneficiary.tests.test_malformed_input import (
    BAD_EMAILS,
    BAD_NATIONAL_IDS,
    BAD_PHONES,
    EMOJI,
    HTML,
    LONG,
    LONG_DIGITS,
    SUPERSCRIPT,
)

from .common import saudi_id
from .idor_cases import _active_volunteer, _assignment, _publish_volunteer_policy

NUL = "Ali\x00Saleh"
ERROR_MARKERS = ("o_shaqra_volunteer_error", "invalid-feedback")
THANKS = "o_shaqra_volunteer_thanks"

SIGNUP_GOOD = {
    "name": "Malformed Volunteer",
    "national_id": saudi_id(66100001),
    "mobile": "0551112233",
    "email": "malformed.volunteer@example.com",
    "city": "Shaqra",
    "gender": "male",
}
SIGNUP_BAD = {
    **{f"national_id.{key}": {"national_id": value} for key, value in BAD_NATIONAL_IDS.items()},
    "national_id.missing": {"national_id": None},
    **{f"mobile.{key}": {"mobile": value} for key, value in BAD_PHONES.items()},
    "mobile.landline": {"mobile": "0116220000"},
    "mobile.missing": {"mobile": None},
    "mobile.nul": {"mobile": "0551112\x00233"},
    **{f"email.{key}": {"email": value} for key, value in BAD_EMAILS.items()},
    "email.missing": {"email": None},
    "email.nul": {"email": "a\x00b@example.com"},
    "name.missing": {"name": None},
    "name.blank": {"name": "     "},
    "name.overlong": {"name": LONG},
    "name.html": {"name": HTML},
    "name.html_tag": {"name": "Ali <b>Saleh</b>"},
    "name.nul": {"name": NUL},
    "city.overlong": {"city": LONG},
    "city.nul": {"city": NUL},
    "gender.unknown": {"gender": "robot"},
    "gender.html": {"gender": HTML},
    "skill_ids.letters": {"skill_ids": "abc"},
    "skill_ids.html": {"skill_ids": HTML},
    "skill_ids.overlong": {"skill_ids": LONG_DIGITS},
}
HOURS_BAD = {
    "hours.negative": {"hours": "-3"},
    "hours.zero": {"hours": "0"},
    "hours.over_24": {"hours": "25"},
    "hours.24_and_a_half": {"hours": "24.5"},
    "hours.eastern_25": {"hours": "٢٥"},
    "hours.huge": {"hours": "1e300"},
    "hours.inf": {"hours": "inf"},
    "hours.nan": {"hours": "nan"},
    "hours.words": {"hours": "three"},
    "hours.arabic_words": {"hours": "ثلاث"},
    "hours.superscript": {"hours": SUPERSCRIPT},
    "hours.html": {"hours": HTML},
    "hours.emoji": {"hours": EMOJI},
    "hours.overlong": {"hours": LONG_DIGITS},
    "hours.missing": {"hours": None},
    "hours.blank": {"hours": "  "},
    "date.future": {"date": "2999-01-01"},
    "date.tomorrow": {"date": (datetime.date.today() + datetime.timedelta(days=1)).isoformat()},
    "date.year_1": {"date": "0001-01-01"},
    "date.words": {"date": "yesterday"},
    "date.february_30": {"date": "2024-02-30"},
    "date.html": {"date": HTML},
    "date.overlong": {"date": LONG_DIGITS},
    "date.missing": {"date": None},
    "activity.missing": {"activity": None},
    "activity.blank": {"activity": "   "},
    "activity.overlong": {"activity": LONG},
    "activity.nul": {"activity": NUL},
    "assignment_id.other_volunteer": {"assignment_id": "OTHER"},
    "assignment_id.not_accepted": {"assignment_id": "APPLIED"},
    "assignment_id.missing_record": {"assignment_id": "999999999"},
    "assignment_id.huge": {"assignment_id": "99999999999999999999"},
    "assignment_id.negative": {"assignment_id": "-1"},
    "assignment_id.letters": {"assignment_id": "abc"},
    "assignment_id.html": {"assignment_id": HTML},
    "assignment_id.overlong": {"assignment_id": LONG_DIGITS},
}
CONFIRM_BAD = {
    "how.missing": {"how": None},
    "how.unknown": {"how": "robot"},
    "how.html": {"how": HTML},
    "how.overlong": {"how": LONG},
    "note.overlong": {"note": LONG},
    "note.nul": {"note": NUL},
}
# The delivery photo (A6): required for a visit, checked by the portal's upload rules.
CONFIRM_FILES_BAD = {
    "proof.missing": None,
    "proof.not_image": {"proof": ("photo.png", b"<html>not an image</html>", "image/png")},
    "proof.text_file": {"proof": ("notes.txt", b"plain text", "text/plain")},
    "proof.oversize": {"proof": ("big.png", PNG + b"0" * (1024 * 1024 + 10), "image/png")},
}
APPLY_BAD = {
    "motivation.nul": ("OPEN", {"motivation": NUL}),
    "already_applied": ("APPLIED", {"motivation": "Again"}),
    "unpublished": ("HIDDEN", {}),
    "missing_record": ("999999999", {}),
}


def _own_rows(test):
    test.env.flush_all()
    counts = []
    for query in (
        "SELECT count(*) FROM shaqra_volunteer",
        "SELECT count(*) FROM shaqra_volunteer_hours",
        "SELECT count(*), count(*) FILTER (WHERE state = 'cancelled') "
        "FROM shaqra_volunteer_assignment",
        "SELECT count(*) FROM shaqra_notification WHERE state = 'pending'",
        "SELECT count(*) FROM mail_message WHERE model LIKE 'shaqra.volunteer%%'",
        "SELECT count(*) FROM ir_attachment WHERE res_model = 'shaqra.notification'",
    ):
        test.env.cr.execute(query)
        counts.append(test.env.cr.fetchone())
    return counts


def _rows(test):
    return test._request_rows(), _own_rows(test)


def _check(test, failures, case_id, response, before, not_found_ok=False):
    status = response.status_code
    if status >= 500:
        failures.append(f"{case_id}: HTTP {status}")
    elif status == 404 and not_found_ok:
        pass
    elif status != 200:
        failures.append(f"{case_id}: HTTP {status} {response.headers.get('Location', '')}")
    elif THANKS in response.text or not any(m in response.text for m in ERROR_MARKERS):
        failures.append(f"{case_id}: HTTP 200 without an error message")
    changed = test._changed(before[0], test._request_rows())
    if changed:
        failures.append(f"{case_id}: half-saved {changed}")
    after = _own_rows(test)
    if after != before[1]:
        failures.append(f"{case_id}: volunteer tables changed {before[1]} -> {after}")


def _setup(test):
    env = test.env
    _publish_volunteer_policy(env)
    holder = type("Holder", (), {"env": env})
    holder.vol_coordinator = new_test_user(
        env, "t_volm_coordinator", groups="shaqra_volunteer.group_volunteer_coordinator"
    )
    Opportunity = env["shaqra.volunteer.opportunity"]
    today = datetime.date.today()
    values = {
        "field_id": test.field.id,
        "date_start": today - datetime.timedelta(days=3),
        "date_end": today + datetime.timedelta(days=30),
        "seats": 10,
        "is_published": True,
    }
    holder.open = Opportunity.create(dict(values, name="Malformed Open"))
    holder.applied = Opportunity.create(dict(values, name="Malformed Applied"))
    holder.hidden = Opportunity.create(dict(values, name="Malformed Hidden", is_published=False))
    holder.volunteer = _active_volunteer(holder, "t_volm_one", "Malformed One", 66100011)
    holder.other = _active_volunteer(holder, "t_volm_two", "Malformed Two", 66100012)
    holder.assignment = _assignment(holder, holder.volunteer, holder.open)
    holder.application = _assignment(holder, holder.volunteer, holder.applied, accept=False)
    holder.other_assignment = _assignment(holder, holder.other, holder.open)
    beneficiary = env["shaqra.beneficiary"].create(
        {"name": "Malformed Elderly", "national_id": saudi_id(66100020)}
    )
    notice_values = {
        "beneficiary_id": beneficiary.id,
        "channel": "volunteer",
        "subject": "Malformed notice",
        "body": "<p>Malformed</p>",
        "volunteer_id": holder.volunteer.id,
    }
    if "res_model" in env["shaqra.notification"]._fields:
        notice_values.update(res_model="shaqra.beneficiary", res_id=beneficiary.id)
    holder.notice = env["shaqra.notification"].create(notice_values)
    return holder


def _signup_cases(test, failures):
    total = 0
    test.authenticate(None, None)
    Volunteer = test.env["shaqra.volunteer"].with_context(active_test=False)
    for case_id, values in SIGNUP_BAD.items():
        before = _rows(test)
        response = test._post("/volunteer", dict(SIGNUP_GOOD, **values))
        _check(test, failures, f"signup.{case_id}", response, before)
        total += 1
    # No CSRF token: refused before anything is read.
    before = _rows(test)
    with mute_logger("odoo.http", "werkzeug"):
        response = test.url_open("/volunteer", data=SIGNUP_GOOD, allow_redirects=False)
    if response.status_code != 400:
        failures.append(f"signup.csrf.missing: HTTP {response.status_code}, not 400")
    if _rows(test) != before:
        failures.append("signup.csrf.missing: something was saved")
    total += 1
    # A bot filling the honeypot is thanked, and nothing is stored.
    before = _rows(test)
    response = test._post("/volunteer", dict(SIGNUP_GOOD, shaqra_hp="http://spam.example"))
    if response.status_code != 200 or THANKS not in response.text:
        failures.append(f"signup.honeypot: HTTP {response.status_code} without the thanks page")
    if _rows(test) != before:
        failures.append("signup.honeypot: something was saved")
    total += 1
    if Volunteer.search_count([("national_id", "=", SIGNUP_GOOD["national_id"])]):
        failures.append("signup: a malformed sign-up created the volunteer")
    return total


def _hours_cases(test, failures, data):
    total = 0
    test.authenticate("t_volm_one", "t_volm_one")
    good = {
        "date": datetime.date.today().isoformat(),
        "hours": "2",
        "activity": "Packed baskets",
        "assignment_id": str(data.assignment.id),
    }
    special = {"OTHER": data.other_assignment.id, "APPLIED": data.application.id}
    for case_id, values in HOURS_BAD.items():
        values = dict(values)
        if values.get("assignment_id") in special:
            values["assignment_id"] = str(special[values["assignment_id"]])
        before = _rows(test)
        response = test._post("/my/volunteer/hours", dict(good, **values))
        _check(test, failures, f"hours.{case_id}", response, before)
        total += 1
    return total


def _confirm_cases(test, failures, data):
    total = 0
    url = f"/my/volunteer/notice/{data.notice.id}/confirm"
    photo = {"proof": ("delivery.png", PNG, "image/png")}
    for case_id, values in CONFIRM_BAD.items():
        before = _rows(test)
        response = test._post(url, dict({"how": "visit", "note": "Read it"}, **values), photo)
        _check(test, failures, f"confirm.{case_id}", response, before)
        total += 1
    test.env["ir.config_parameter"].sudo().set_param("shaqra_beneficiary.portal_upload_max_mb", 1)
    for case_id, files in CONFIRM_FILES_BAD.items():
        before = _rows(test)
        response = test._post(url, {"how": "visit", "note": "Read it"}, files)
        _check(test, failures, f"confirm.{case_id}", response, before)
        total += 1
    data.notice.invalidate_recordset()
    if data.notice.state != "pending" or data.notice.volunteer_confirmed_on:
        failures.append("confirm: the notice was delivered by a malformed confirmation")
    return total


def _apply_cases(test, failures, data):
    total = 0
    ids = {"OPEN": data.open.id, "APPLIED": data.applied.id, "HIDDEN": data.hidden.id}
    # The volunteer holds a seat on "open" already; a new opportunity for the
    # motivation case.
    ids["OPEN"] = data.open.copy({"name": "Malformed Fresh"}).id
    for case_id, (key, values) in APPLY_BAD.items():
        url = f"/my/volunteer/apply/{ids.get(key, key)}"
        before = _rows(test)
        response = test._post(url, dict(values))
        _check(test, failures, f"apply.{case_id}", response, before, not_found_ok=True)
        total += 1
    # Withdrawing an application twice: the second time is a message.
    cancelled = data.application
    cancelled.sudo()._evidence_write({"state": "cancelled"})
    # Post the tracking message of this change now, not during the request.
    test.env.flush_all()
    test.env.cr.precommit.run()
    before = _rows(test)
    response = test._post(f"/my/volunteer/assignment/{cancelled.id}/withdraw", {})
    _check(test, failures, "withdraw.already_cancelled", response, before)
    total += 1
    return total


def _certificate_cases(test, failures):
    total = 0
    test.authenticate(None, None)
    for case_id, code in (
        ("nul", "abc%00def"),
        ("overlong", "5" * 5000),
        ("html", "%3Cscript%3E"),
        ("percent", "%25"),
    ):
        with mute_logger("odoo.http", "werkzeug"):
            response = test.url_open(f"/volunteer/certificate/{code}", allow_redirects=False)
        if response.status_code >= 500:
            failures.append(f"certificate.{case_id}: HTTP {response.status_code}")
        elif "o_shaqra_certificate_invalid" not in response.text:
            failures.append(f"certificate.{case_id}: HTTP {response.status_code}, not invalid")
        total += 1
    return total


def run_malformed_cases(test, failures):
    data = _setup(test)
    total = _signup_cases(test, failures)
    total += _hours_cases(test, failures, data)
    total += _confirm_cases(test, failures, data)
    total += _apply_cases(test, failures, data)
    total += _certificate_cases(test, failures)
    return total
