"""IDOR cases of the complaint routes (policy E2, D1, D3, G1), run by the base's
``tests/test_idor_routes.py`` when this add-on is installed.

``setup_idor_data(cls)`` adds complaints of beneficiary one to the suite's
data; ``ROUTE_CASES`` maps each route of this add-on to a function
``(test, failures)`` using the suite's helpers (``_as``, ``_get``, ``_post``,
``_json``, ``_check``). The public form and the status page are public by
design: they may answer anyone (``allow_200``), never with another person's
complaint, and nothing lands on another person's file.
"""

from odoo import fields

from odoo.addons.shaqra_beneficiary.tests.common import SIGNATURE as SIGNATURE_IMAGE
from odoo.addons.shaqra_beneficiary.tests.common import SIGNATURE_TEXT as SIGNATURE

WRONG = "0" * 32


def setup_idor_data(cls):
    Complaint = cls.env["shaqra.complaint"].sudo()
    stages = cls.env["shaqra.complaint.stage"].sudo()
    cls.complaint_one = Complaint.create(
        {
            "kind": "complaint",
            "channel": "portal",
            "beneficiary_id": cls.beneficiary_one.id,
            "complainant_name": "Beneficiary One",
            "complainant_email": "one@example.com",
            "description": "IDOR-COMPLAINT-OF-ONE",
        }
    )
    cls.complaint_one.write(
        {
            "settlement_terms": "<p>IDOR-SETTLEMENT-OF-ONE</p>",
            "settlement_state": "proposed",
            "stage_id": stages.search([("key", "=", "settlement")]).id,
        }
    )
    cls.complaint_one_closed = Complaint.create(
        {
            "kind": "dispute",
            "channel": "portal",
            "beneficiary_id": cls.beneficiary_one.id,
            "complainant_name": "Beneficiary One",
            "description": "IDOR-CLOSED-COMPLAINT-OF-ONE",
        }
    )
    cls.complaint_one_closed.write({"stage_id": stages.search([("key", "=", "closed")]).id})
    cls.complaint_two = Complaint.create(
        {
            "kind": "complaint",
            "channel": "portal",
            "beneficiary_id": cls.beneficiary_two.id,
            "description": "IDOR-COMPLAINT-OF-TWO",
            "complainant_name": "Beneficiary Two",
        }
    )
    cls.complaint_token_one = cls.complaint_one._portal_ensure_token()
    cls.complaint_token_two = cls.complaint_two._portal_ensure_token()
    cls.complaint_one_closed._portal_ensure_token()
    # Compensation claims (C10): one waiting for beneficiary one's signature, one
    # signed (its agreement downloadable), one of beneficiary two.
    cls.claim_one = _idor_claim(cls, cls.beneficiary_one, "IDOR-CLAIM-TERMS-OF-ONE")
    cls.claim_one_signed = _idor_claim(cls, cls.beneficiary_one, "IDOR-SIGNED-CLAIM-OF-ONE")
    cls.claim_one_signed._agreement_sign(SIGNATURE_IMAGE, "Beneficiary One", ip="", ua="")
    cls.claim_two = _idor_claim(cls, cls.beneficiary_two, "IDOR-CLAIM-TERMS-OF-TWO")
    cls.markers_one = [
        *cls.markers_one,
        cls.claim_one.name,
        cls.claim_one_signed.name,
        "IDOR-CLAIM-TERMS-OF-ONE",
        "IDOR-SIGNED-CLAIM-OF-ONE",
        cls.complaint_one.name,
        cls.complaint_one_closed.name,
        cls.complaint_token_one,
        cls.complaint_one_closed.access_token,
        "IDOR-COMPLAINT-OF-ONE",
        "IDOR-CLOSED-COMPLAINT-OF-ONE",
        "IDOR-SETTLEMENT-OF-ONE",
    ]
    # G1: a satisfaction invitation of one, shown on one's /my only: its
    # personal link must not reach anyone else's page.
    campaign = (
        cls.env["shaqra.satisfaction.campaign"]
        .sudo()
        .create(
            {
                "name": "IDOR-CAMPAIGN-OF-ONE",
                "date_from": "2026-01-01",
                "date_to": "2026-01-31",
                "audience": "all",
            }
        )
    )
    invitation = campaign._invite(cls.beneficiary_one)
    campaign.state = "sent"
    cls.markers_one = [*cls.markers_one, invitation.access_token]


def _idor_claim(cls, beneficiary, terms):
    claim = (
        cls.env["shaqra.compensation.claim"]
        .sudo()
        .create(
            {
                "beneficiary_id": beneficiary.id,
                "harm_description": terms,
                "amount_claimed": 3000.0,
                "judgment_authority": "IDOR Court",
                "judgment_number": "1/1447",
                "judgment_date": fields.Date.today(),
                "judgment_final": True,
            }
        )
    )
    claim.action_establish()
    claim.action_start_negotiation()
    claim.write({"amount_agreed": 2000.0, "agreement_terms": f"<p>{terms}</p>"})
    return claim


def _snapshot(test):
    test.env.invalidate_all()
    ones = test.complaint_one | test.complaint_one_closed
    return (
        test.env["shaqra.complaint"]
        .sudo()
        .search_count([("beneficiary_id", "=", test.beneficiary_one.id)]),
        len(ones.message_ids),
        test.complaint_one.settlement_state,
        bool(test.complaint_one.settlement_signature),
        len(test.complaint_one_closed.rating_ids.filtered("consumed")),
    )


def _unchanged(test, failures, before, label):
    after = _snapshot(test)
    if after != before:
        failures.append(f"{label}: beneficiary one's complaints changed {before} -> {after}")


def _links(test, complaint):
    """(label, query) of a complaint of one without its right token."""
    number = complaint.name
    return [
        ("number alone", {"number": number}),
        ("wrong token", {"number": number, "token": WRONG}),
        ("empty token", {"number": number, "token": ""}),
        ("other complaint's token", {"number": number, "token": test.complaint_token_two}),
        ("token alone", {"token": complaint.access_token}),
    ]


def _query(values):
    from urllib.parse import urlencode

    return urlencode(values)


def cases_form(test, failures):
    before = _snapshot(test)
    for who in (None, "two", "employee"):
        test._as(who)
        test._check(
            failures,
            f"{who or 'anonymous'} GET /complaint",
            test._get("/complaint"),
            test.markers_one,
            allow_200=True,
        )
    test._as("two")
    response = test._post(
        "/complaint",
        {
            "kind": "complaint",
            "description": "Intruder's complaint",
            "complainant_name": "Intruder",
            "beneficiary_id": test.beneficiary_one.id,
            "partner_id": test.user_one.partner_id.id,
        },
    )
    test._check(
        failures, "other user POST /complaint with one's ids", response, test.markers_one, True
    )
    _unchanged(test, failures, before, "POST /complaint")


def cases_status(test, failures):
    for who in (None, "two", "employee"):
        test._as(who)
        for complaint in (test.complaint_one, test.complaint_one_closed):
            for label, values in _links(test, complaint):
                url = f"/complaint/status?{_query(values)}"
                test._check(
                    failures,
                    f"{who or 'anonymous'} {label} GET {url}",
                    test._get(url),
                    test.markers_one,
                )


def cases_resend(test, failures):
    before = _snapshot(test)
    mails = test.env["mail.mail"].sudo()
    test._as(None)
    for email in ("attacker@example.com", ""):
        response = test._post(
            "/complaint/status/resend", {"number": test.complaint_one.name, "email": email}
        )
        test._check(failures, f"anonymous resend to {email!r}", response, test.markers_one, True)
    if mails.search_count([("email_to", "ilike", "attacker@example.com")]):
        failures.append("the link was sent to an address not on file")
    _unchanged(test, failures, before, "resend")


def _post_cases(test, failures, path, data, files=None):
    before = _snapshot(test)
    for who in (None, "two", "employee"):
        test._as(who)
        for complaint in (test.complaint_one, test.complaint_one_closed):
            for label, values in _links(test, complaint):
                test._check(
                    failures,
                    f"{who or 'anonymous'} {label} POST {path}",
                    test._post(path, dict(data, **values), files=files),
                    test.markers_one,
                )
    _unchanged(test, failures, before, f"POST {path}")


def cases_information(test, failures):
    _post_cases(
        test, failures, "/complaint/status/information", {"information": "IDOR-INTRUDER-INFO"}
    )


def cases_refuse(test, failures):
    _post_cases(test, failures, "/complaint/status/settlement/refuse", {"reason": "Intruder"})


def cases_rating(test, failures):
    _post_cases(test, failures, "/complaint/status/rating", {"rating": "1", "comment": "x"})


def cases_sign(test, failures):
    before = _snapshot(test)
    params = {"name": "Intruder", "signature": SIGNATURE}
    for who in (None, "two", "employee"):
        test._as(who)
        for label, values in _links(test, test.complaint_one):
            url = f"/complaint/status/settlement/sign?{_query(values)}"
            test._check(
                failures,
                f"{who or 'anonymous'} {label} sign {url}",
                test._json(url, params),
                test.markers_one,
            )
            test._check(
                failures,
                f"{who or 'anonymous'} {label} sign (link in the body)",
                test._json("/complaint/status/settlement/sign", dict(params, **values)),
                test.markers_one,
            )
    _unchanged(test, failures, before, "settlement sign")


def cases_my_list(test, failures):
    for url in ("/my/complaints", "/my/complaints/page/2"):
        test._as(None)
        test._check(failures, f"anonymous GET {url}", test._get(url), test.markers_one)
        for who in ("two", "employee"):
            test._as(who)
            test._check(
                failures, f"{who} GET {url}", test._get(url), test.markers_one, allow_200=True
            )


def _my_urls(test, complaint, path=""):
    base = f"/my/complaints/{complaint.id}{path}"
    return [
        ("no token", base),
        ("wrong token", f"{base}?access_token={WRONG}"),
        ("empty token", f"{base}?access_token="),
        ("other record's token", f"{base}?access_token={test.complaint_token_two}"),
    ]


def cases_my_page(test, failures):
    for who in (None, "two", "employee"):
        test._as(who)
        for complaint in (test.complaint_one, test.complaint_one_closed):
            for label, url in _my_urls(test, complaint):
                test._check(
                    failures,
                    f"{who or 'anonymous'} {label} GET {url}",
                    test._get(url),
                    test.markers_one,
                )
    test._as("two")
    test._check(failures, "other user GET missing id", test._get("/my/complaints/999999999"), [])


def _my_post_cases(test, failures, path, data):
    before = _snapshot(test)
    for who in (None, "two", "employee"):
        test._as(who)
        for complaint in (test.complaint_one, test.complaint_one_closed):
            for label, url in _my_urls(test, complaint, path):
                test._check(
                    failures,
                    f"{who or 'anonymous'} {label} POST {url}",
                    test._post(url, dict(data, complaint_id=complaint.id)),
                    test.markers_one,
                )
    _unchanged(test, failures, before, f"POST /my/complaints/<id>{path}")


def cases_my_information(test, failures):
    _my_post_cases(test, failures, "/information", {"information": "IDOR-INTRUDER-INFO"})


def cases_my_refuse(test, failures):
    _my_post_cases(test, failures, "/settlement/refuse", {"reason": "Intruder"})


def cases_my_rating(test, failures):
    _my_post_cases(test, failures, "/rating", {"rating": "1"})


def cases_my_sign(test, failures):
    before = _snapshot(test)
    params = {"name": "Intruder", "signature": SIGNATURE}
    for who in (None, "two", "employee"):
        test._as(who)
        for label, url in _my_urls(test, test.complaint_one, "/settlement/sign"):
            test._check(
                failures,
                f"{who or 'anonymous'} {label} sign {url}",
                test._json(url, params),
                test.markers_one,
            )
    _unchanged(test, failures, before, "portal settlement sign")


def _claim_snapshot(test):
    test.env.invalidate_all()
    claims = test.claim_one | test.claim_one_signed
    return (
        claims.mapped("agreement_signed_on"),
        claims.mapped("agreement_signed_by"),
        claims.mapped("state"),
        len(claims.message_ids),
    )


def _claim_urls(test, claim, path=""):
    base = f"/my/claims/{claim.id}{path}"
    return [
        ("no token", base),
        ("wrong token", f"{base}?access_token={WRONG}"),
        ("empty token", f"{base}?access_token="),
        ("other record's token", f"{base}?access_token={test.complaint_token_two}"),
    ]


def cases_my_claims(test, failures):
    test._as(None)
    test._check(failures, "anonymous GET /my/claims", test._get("/my/claims"), test.markers_one)
    for who in ("two", "employee"):
        test._as(who)
        test._check(
            failures,
            f"{who} GET /my/claims",
            test._get("/my/claims"),
            test.markers_one,
            allow_200=True,
        )


def _claim_get_cases(test, failures, path):
    for who in (None, "two", "employee"):
        test._as(who)
        for claim in (test.claim_one, test.claim_one_signed):
            for label, url in _claim_urls(test, claim, path):
                test._check(
                    failures,
                    f"{who or 'anonymous'} {label} GET {url}",
                    test._get(url),
                    test.markers_one,
                )
    test._as("two")
    for bad in ("999999999", "0"):
        test._check(failures, f"two GET bad id {bad}", test._get(f"/my/claims/{bad}{path}"), [])


def cases_my_claim(test, failures):
    _claim_get_cases(test, failures, "")


def cases_my_claim_agreement(test, failures):
    _claim_get_cases(test, failures, "/agreement")
    # The beneficiary's own claim, not yet signed: no agreement to download.
    test._as("one")
    test._check(
        failures,
        "one GET the agreement before it is signed",
        test._get(f"/my/claims/{test.claim_one.id}/agreement"),
        ["IDOR-CLAIM-TERMS-OF-ONE"],
    )


def cases_my_claim_sign(test, failures):
    before = _claim_snapshot(test)
    params = {"name": "Intruder", "signature": SIGNATURE}
    for who in (None, "two", "employee"):
        test._as(who)
        for claim in (test.claim_one, test.claim_one_signed):
            for label, url in _claim_urls(test, claim, "/sign"):
                test._check(
                    failures,
                    f"{who or 'anonymous'} {label} sign {url}",
                    test._json(url, params),
                    test.markers_one,
                )
    test._as("two")
    test._check(
        failures, "two signs a bad id", test._json("/my/claims/999999999/sign", params), []
    )
    # The owner: a blank signature, and a second signature of a signed agreement.
    test._as("one")
    for label, claim, values in (
        ("blank signature", test.claim_one, {"name": "Beneficiary One", "signature": ""}),
        ("no name", test.claim_one, {"name": "  ", "signature": SIGNATURE}),
        ("signed again", test.claim_one_signed, {"name": "Someone", "signature": SIGNATURE}),
    ):
        test._check(
            failures, f"one {label}", test._json(f"/my/claims/{claim.id}/sign", values), []
        )
    after = _claim_snapshot(test)
    if after != before:
        failures.append(f"claim sign: beneficiary one's claims changed {before} -> {after}")


ROUTE_CASES = {
    "/my/claims": cases_my_claims,
    "/my/claims/<int:claim_id>": cases_my_claim,
    "/my/claims/<int:claim_id>/sign": cases_my_claim_sign,
    "/my/claims/<int:claim_id>/agreement": cases_my_claim_agreement,
    "/complaint": cases_form,
    "/complaint/status": cases_status,
    "/complaint/status/resend": cases_resend,
    "/complaint/status/information": cases_information,
    "/complaint/status/settlement/sign": cases_sign,
    "/complaint/status/settlement/refuse": cases_refuse,
    "/complaint/status/rating": cases_rating,
    "/my/complaints": cases_my_list,
    "/my/complaints/page/<int:page>": cases_my_list,
    "/my/complaints/<int:complaint_id>": cases_my_page,
    "/my/complaints/<int:complaint_id>/information": cases_my_information,
    "/my/complaints/<int:complaint_id>/settlement/sign": cases_my_sign,
    "/my/complaints/<int:complaint_id>/settlement/refuse": cases_my_refuse,
    "/my/complaints/<int:complaint_id>/rating": cases_my_rating,
}
