"""Malformed input on the complaint forms (policy D1, D3, G1, C3), run by the
base's ``tests/test_malformed_input.py`` (``TestMalformedPortal``) when this
add-on is installed.

Every refused case answers with the form's message (HTTP 200 with
``o_shaqra_form_errors``, or a JSON ``error``), never a 500, and leaves the
tables as they were: the base's and the complaint's own.
"""

import json

from odoo.tools import mute_logger

from odoo.addons.shaqra_beneficiary.tests.common import SIGNATURE_TEXT as SIGNATURE
from odoo.addons.shaqra_beneficiary.tests.test_malformed_input import (
    BAD_EMAILS,
    BAD_FILES,
    BAD_PHONES,
    BAD_SIGNATURES,
    EMOJI,
    HTML,
    LONG,
    LONG_DIGITS,
    SUPERSCRIPT,
)

GOOD_FORM = {
    "kind": "complaint",
    "complainant_name": "Malformed Visitor",
    "complainant_mobile": "0551112222",
    "description": "A complaint",
}
FORM_BAD = {
    **{
        f"complainant_mobile.{key}": {"complainant_mobile": value}
        for key, value in BAD_PHONES.items()
    },
    **{
        f"complainant_email.{key}": {"complainant_email": value}
        for key, value in BAD_EMAILS.items()
    },
    "complainant_mobile.landline": {"complainant_mobile": "0116220000"},
    "complainant_name.overlong": {"complainant_name": LONG},
    "description.missing": {"description": None},
    "description.blank": {"description": "   "},
    "description.overlong": {"description": LONG},
    "kind.unknown": {"kind": "pigeon"},
    "kind.html": {"kind": HTML},
    "kind.overlong": {"kind": LONG},
    "inquiry.anonymous": {"kind": "inquiry", "complainant_name": ""},
}
RATING_BAD = {
    "rating.missing": {"rating": None},
    "rating.letters": {"rating": "abc"},
    "rating.zero": {"rating": "0"},
    "rating.six": {"rating": "6"},
    "rating.negative": {"rating": "-1"},
    "rating.huge": {"rating": "1e300"},
    "rating.overlong": {"rating": LONG_DIGITS},
    "rating.superscript": {"rating": SUPERSCRIPT},
    "rating.html": {"rating": HTML},
    "rating.emoji": {"rating": EMOJI},
    "comment.overlong": {"rating": "4", "comment": LONG},
}
INFORMATION_BAD = {
    "information.missing": {"information": None},
    "information.blank": {"information": "    "},
    "information.overlong": {"information": LONG},
}
SIGN_BAD = {
    **{f"signature.{key}": {"signature": value} for key, value in BAD_SIGNATURES.items()},
    "signature.missing": {"signature": ""},
    "signature.overlong_garbage": {"signature": "A" * 100_000},
    "name.missing": {"name": ""},
    "name.blank": {"name": "     "},
    "name.overlong": {"name": LONG},
}


def _own_rows(test):
    test.env.flush_all()
    counts = []
    for query in (
        "SELECT count(*) FROM shaqra_complaint",
        "SELECT count(*) FROM shaqra_public_submission",
        "SELECT count(*) FROM mail_message WHERE model = 'shaqra.complaint'",
        "SELECT count(*) FROM rating_rating WHERE consumed",
        "SELECT count(*) FROM shaqra_complaint WHERE settlement_state != 'proposed'",
    ):
        test.env.cr.execute(query)
        counts.append(test.env.cr.fetchone()[0])
    return counts


def _rows(test):
    return test._request_rows(), _own_rows(test)


def _check(test, failures, case_id, response, before):
    test._check_response(failures, case_id, response, before[0])
    after = _own_rows(test)
    if after != before[1]:
        failures.append(f"{case_id}: complaint tables changed {before[1]} -> {after}")


def _json(test, url, params):
    payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
    with mute_logger("odoo.http"):
        return test.url_open(
            url, data=json.dumps(payload), headers={"Content-Type": "application/json"}, timeout=60
        )


def run_malformed_cases(test, failures):
    env = test.env
    Complaint = env["shaqra.complaint"].sudo()
    stages = env["shaqra.complaint.stage"].sudo()
    open_complaint = Complaint.create(
        {
            "kind": "complaint",
            "channel": "website",
            "complainant_name": "Malformed Visitor",
            "description": "Malformed target",
        }
    )
    closed = Complaint.create(
        {
            "kind": "complaint",
            "channel": "website",
            "complainant_name": "Malformed Visitor",
            "description": "Malformed closed",
        }
    )
    closed.write({"stage_id": stages.search([("key", "=", "closed")]).id})
    settlement = Complaint.create(
        {
            "kind": "complaint",
            "channel": "website",
            "complainant_name": "Malformed Visitor",
            "description": "Malformed settlement",
        }
    )
    settlement.write(
        {
            "settlement_terms": "<p>Terms</p>",
            "settlement_state": "proposed",
            "stage_id": stages.search([("key", "=", "settlement")]).id,
        }
    )
    test.authenticate(None, None)
    total = 0

    # /complaint: fields, then files.
    for case_id, values in FORM_BAD.items():
        before = _rows(test)
        response = test._post("/complaint", dict(GOOD_FORM, **values))
        _check(test, failures, f"complaint.{case_id}", response, before)
        total += 1
    for case_id, (name, content) in BAD_FILES.items():
        before = _rows(test)
        response = test._post("/complaint", dict(GOOD_FORM), {"attachments": (name, content)})
        _check(test, failures, f"complaint.file.{case_id}", response, before)
        total += 1

    # /complaint/status/information: text, then files.
    link = {"number": open_complaint.name, "token": open_complaint._portal_ensure_token()}
    for case_id, values in INFORMATION_BAD.items():
        before = _rows(test)
        response = test._post("/complaint/status/information", dict(link, **values))
        _check(test, failures, f"information.{case_id}", response, before)
        total += 1
    for case_id, (name, content) in BAD_FILES.items():
        before = _rows(test)
        response = test._post(
            "/complaint/status/information",
            dict(link, information="More"),
            {"attachments": (name, content)},
        )
        _check(test, failures, f"information.file.{case_id}", response, before)
        total += 1

    # /complaint/status/rating (G1) on a closed complaint.
    link = {"number": closed.name, "token": closed._portal_ensure_token()}
    for case_id, values in RATING_BAD.items():
        before = _rows(test)
        response = test._post("/complaint/status/rating", dict(link, **values))
        _check(test, failures, f"rating.{case_id}", response, before)
        total += 1

    # /complaint/status/settlement/sign (D3).
    url = settlement._shaqra_status_url(absolute=False).replace(
        "/complaint/status", "/complaint/status/settlement/sign", 1
    )
    for case_id, values in SIGN_BAD.items():
        params = dict({"name": "Malformed Visitor", "signature": SIGNATURE}, **values)
        before = _rows(test)
        response = _json(test, url, params)
        total += 1
        if response.status_code >= 500:
            failures.append(f"sign.{case_id}: HTTP {response.status_code}")
            continue
        result = response.json().get("result")
        if not (isinstance(result, dict) and result.get("error")):
            failures.append(f"sign.{case_id}: no error message: {response.text[:200]}")
        if _rows(test) != before:
            failures.append(f"sign.{case_id}: half-saved")
        settlement.invalidate_recordset()
        if settlement.settlement_state != "proposed" or settlement.settlement_signature:
            failures.append(f"sign.{case_id}: the settlement was signed")
    total += _run_claim_sign_cases(test, failures)
    return total


def _run_claim_sign_cases(test, failures):
    """/my/claims/<id>/sign (C10): the beneficiary's own claim, malformed input."""
    claim = (
        test.env["shaqra.compensation.claim"]
        .sudo()
        .create(
            {
                "beneficiary_id": test.beneficiary_one.id,
                "harm_description": "Malformed claim",
                "amount_claimed": 1000.0,
                "judgment_authority": "Court",
                "judgment_number": "2/1447",
                "judgment_date": "2026-01-05",
                "judgment_final": True,
            }
        )
    )
    claim.action_establish()
    claim.action_start_negotiation()
    claim.write({"amount_agreed": 900.0, "agreement_terms": "<p>Terms</p>"})
    test.authenticate("t_benef_one", "t_benef_one")
    url = f"/my/claims/{claim.id}/sign"
    total = 0
    for case_id, values in SIGN_BAD.items():
        params = dict({"name": "Beneficiary One", "signature": SIGNATURE}, **values)
        before = _rows(test)
        response = _json(test, url, params)
        total += 1
        if response.status_code >= 500:
            failures.append(f"claim_sign.{case_id}: HTTP {response.status_code}")
            continue
        result = response.json().get("result")
        if not (isinstance(result, dict) and result.get("error")):
            failures.append(f"claim_sign.{case_id}: no error message: {response.text[:200]}")
        if _rows(test) != before:
            failures.append(f"claim_sign.{case_id}: half-saved")
        claim.invalidate_recordset()
        if claim.agreement_signed_on or claim.agreement_signature:
            failures.append(f"claim_sign.{case_id}: the agreement was signed")
    return total
