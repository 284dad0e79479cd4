"""Evidence nobody can forge (policy E2, C3-C5, C8, A, ART4, F3): every observed
item of the integrity issue replayed over JSON-RPC/HTTP against a running
server, as the demo role that did it. Each forgery must be refused with a
user error (in Arabic for the Arabic-speaking staff; a broken call is not a
refusal), and re-reading shows that nothing changed.

The records are built once, through the real actions, by the roles that own
them (``world``): reception registers a beneficiary, verifies the checklist,
collects the drawn signature and sends requests to the committee; the
committee member holds a meeting, decides and approves the minutes; HR
publishes and distributes a document, which the manager signs. Tests are
named after the item number of the issue and the policy clause.
"""

import base64
import io
import re
import time

import pytest
import requests

from .odoo_client import OdooClient, OdooRPCError

# A real signature (a drawn stroke), built without Pillow in the test process.
_SIGNATURE_PNG = None


def _signature():
    global _SIGNATURE_PNG
    if _SIGNATURE_PNG is None:
        import struct
        import zlib

        width, height = 200, 60
        rows = []
        for y in range(height):
            row = bytearray([0])
            for x in range(width):
                ink = abs(y - (30 + int(20 * ((x % 80) - 40) / 40))) < 3 or 45 <= y <= 47
                row += bytes((0, 0, 0, 255) if ink else (255, 255, 255, 0))
            rows.append(bytes(row))

        def chunk(kind, data):
            return (
                struct.pack(">I", len(data))
                + kind
                + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
            )

        png = (
            b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"".join(rows)))
            + chunk(b"IEND", b"")
        )
        _SIGNATURE_PNG = base64.b64encode(png).decode()
    return _SIGNATURE_PNG


# A transparent 1x1 PNG: not a signature (item 15).
BLANK_PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
SECRET_PDF = PDF + b"% FORGERY-SECRET-ID-CARD\n"
_NONCE = str(int(time.time() * 1000))[-6:]
ARABIC = re.compile(r"[\u0600-\u06FF]")
# The models whose evidence the suite forges, by their English names.
EVIDENCE_MODELS = (
    "Service Request",
    "Request Requirement",
    "Committee Meeting",
    "Committee Decision",
    "Approval of Committee Minutes",
    "Beneficiary Notice",
    "Document Acknowledgement",
    "Beneficiary Data Correction",
)


def _valid_ids(prefix, count):
    """Saudi IDs with a Luhn check digit, unique to this run."""
    found = []
    base = int(prefix + _NONCE[:5] + "000")
    while len(found) < count:
        body = str(base)
        base += 7
        for check in "0123456789":
            digits = body + check
            total = 0
            for position, char in enumerate(reversed(digits)):
                digit = int(char)
                if position % 2:
                    digit *= 2
                    if digit > 9:
                        digit -= 9
                total += digit
            if total % 10 == 0:
                found.append(digits)
                break
    return found


# ----------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------


# The errors a user is shown: a programming error (an unknown field or
# method, a wrong argument) refuses nothing and must not pass for a refusal.
USER_ERRORS = {
    "odoo.exceptions.AccessError",
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.MissingError",
}


def refused(call, *args, **kwargs):
    """The call must fail with a clear error for the user; return the error."""
    with pytest.raises(OdooRPCError) as caught:
        call(*args, **kwargs)
    error = caught.value
    assert error.name in USER_ERRORS, f"not refused but broken: {error.name}: {error}"
    assert str(error).strip(), "refused without a message"
    client = getattr(call, "__self__", None)
    if client is not None and (client.user_context.get("lang") or "").startswith("ar"):
        # The demo staff work in Arabic: the refusal is translated, model
        # and field names included.
        assert ARABIC.search(str(error)), f"refusal not translated: {error}"
        english = [name for name in EVIDENCE_MODELS if name in str(error)]
        assert not english, f"refusal names {english} in English: {error}"
    return error


def read_one(client, model, record_id, fields):
    return client.call(model, "read", [record_id], fields)[0]


def verify_lines(client, line_ids, attachment_id=None):
    """Reception checks the items (C3): ticking *Verified* is the verifying,
    which records who and when; an item that needs a document gets one first."""
    for line_id in line_ids:
        line = read_one(client, "shaqra.request.requirement", line_id, ["document_required"])
        if line["document_required"] and not attachment_id:
            continue
        values = {"is_verified": True}
        if line["document_required"]:
            values["attachment_ids"] = [(4, attachment_id)]
        client.call("shaqra.request.requirement", "write", [line_id], values)


def sign_at_desk(client, request_id, name):
    """Reception collects the beneficiary's drawn signature in the signature
    widget, with the name the signer gives (C4); the time is the server's."""
    client.call(
        "shaqra.request", "write", [request_id], {"signature": _signature(), "signed_by": name}
    )


def mandatory_lines(client, request_id):
    return client.call(
        "shaqra.request.requirement",
        "search",
        [("request_id", "=", request_id), ("is_mandatory", "=", True)],
    )


def all_lines(client, request_id):
    return client.call("shaqra.request.requirement", "search", [("request_id", "=", request_id)])


def portal_token(world, request_id):
    """The request's share token, as the "share" link gives it."""
    url = world.admin.call("shaqra.request", "get_portal_url", [request_id])
    match = re.search(r"access_token=([^&#]+)", url)
    assert match, url
    return match.group(1)


def csrf_from(session, url):
    page = session.get(url, timeout=60)
    match = re.search(r'name="csrf_token"\s+value="([^"]+)"', page.text)
    assert match, f"no csrf token on {url} (HTTP {page.status_code})"
    return match.group(1)


# ----------------------------------------------------------------------
# The world, built once through the real actions
# ----------------------------------------------------------------------


class World(dict):
    __getattr__ = dict.__getitem__


@pytest.fixture(scope="module")
def world(odoo_server):
    def login(user):
        client = OdooClient(odoo_server["url"], odoo_server["db"])
        client.authenticate(user, user)
        return client

    w = World(url=odoo_server["url"], db=odoo_server["db"])
    for name in ("admin", "reception", "liaison", "committee", "manager", "hr", "beneficiary"):
        w[name] = login(name)
    admin, reception, committee = w.admin, w.reception, w.committee
    ids = _valid_ids("1", 6)
    w["ids"] = ids

    # Configuration (the administrator's).
    w["committee_id"] = admin.call(
        "shaqra.committee",
        "create",
        {"name": f"F Committee {_NONCE}", "member_ids": [(6, 0, [committee.uid])], "quorum": 1},
    )
    w["other_committee_id"] = admin.call(
        "shaqra.committee",
        "create",
        {"name": f"F Other {_NONCE}", "member_ids": [(6, 0, [w.manager.uid])], "quorum": 1},
    )
    field_id = admin.call("shaqra.work.field", "create", {"name": f"F field {_NONCE}"})
    category_id = admin.call(
        "shaqra.beneficiary.category", "create", {"name": f"F category {_NONCE}"}
    )
    admin.call(
        "shaqra.liaison.assignment",
        "create",
        {
            "category_id": category_id,
            "field_id": field_id,
            "employee_id": admin.xmlid("shaqra_beneficiary.hr_employee_liaison_demo"),
        },
    )
    requirements = [
        (0, 0, {"name": "F ID seen", "is_mandatory": True}),
        (0, 0, {"name": "F family record", "is_mandatory": True}),
        (0, 0, {"name": "F letter", "is_mandatory": False, "document_required": True}),
    ]
    w["service_id"] = admin.call(
        "shaqra.service.type",
        "create",
        {
            "name": f"F aid {_NONCE}",
            "field_id": field_id,
            "committee_id": w.committee_id,
            "is_published": True,
            "requirement_ids": requirements,
        },
    )
    w["other_service_id"] = admin.call(
        "shaqra.service.type",
        "create",
        {
            "name": f"F other aid {_NONCE}",
            "field_id": field_id,
            "committee_id": w.other_committee_id,
            "requirement_ids": [(0, 0, {"name": "F ID", "is_mandatory": True})],
        },
    )

    # Reception registers a beneficiary and takes requests (C1-C4).
    w["beneficiary_id"] = reception.call(
        "shaqra.beneficiary",
        "create",
        {
            "name": f"F Beneficiary {_NONCE}",
            "national_id": ids[0],
            "mobile": f"05{_NONCE}01",
            "category_id": category_id,
            "field_id": field_id,
            "preferred_channel": "letter",
        },
    )

    def new_request(service_id=None):
        return reception.call(
            "shaqra.request",
            "create",
            {"beneficiary_id": w.beneficiary_id, "service_type_id": service_id or w.service_id},
        )

    def to_committee(request_id, client=reception):
        verify_lines(client, mandatory_lines(client, request_id))
        sign_at_desk(client, request_id, f"F Beneficiary {_NONCE}")
        client.call("shaqra.request", "action_send_to_committee", [request_id])

    w["new_request"] = new_request
    w["to_committee"] = to_committee
    w["request_received"] = new_request()
    client_check = reception.call(
        "shaqra.request", "action_check_completeness", [w.request_received]
    )
    assert client_check
    w["request_awaiting"] = new_request()
    to_committee(w.request_awaiting)
    w["request_decided"] = new_request()
    to_committee(w.request_decided)
    w["request_other_committee"] = new_request(w.other_service_id)
    to_committee(w.request_other_committee)

    # The committee holds a meeting, decides and approves the minutes (C5, C8).
    meeting_id = committee.call(
        "shaqra.committee.meeting",
        "create",
        {
            "committee_id": w.committee_id,
            "decision_ids": [(0, 0, {"request_id": w.request_decided})],
        },
    )
    committee.call("shaqra.committee.meeting", "action_start", [meeting_id])
    decision_id = read_one(committee, "shaqra.committee.meeting", meeting_id, ["decision_ids"])[
        "decision_ids"
    ][0]
    committee.call(
        "shaqra.committee.decision",
        "write",
        [decision_id],
        {"decision": "approved", "approved_amount": 1500, "reason": "Eligible."},
    )
    committee.call(
        "shaqra.committee.meeting",
        "write",
        [meeting_id],
        {"attendee_ids": [(6, 0, [committee.uid])], "minutes": "<p>F minutes</p>"},
    )
    committee.call("shaqra.committee.meeting", "action_close", [meeting_id])
    committee.call("shaqra.committee.meeting", "action_approve", [meeting_id])
    w["meeting_approved"] = meeting_id
    w["decision_id"] = decision_id
    w["meeting_draft"] = committee.call(
        "shaqra.committee.meeting", "create", {"committee_id": w.committee_id}
    )
    # The other committee (the demo manager sits on it, not the committee member).
    other_meeting = w.manager.call(
        "shaqra.committee.meeting",
        "create",
        {
            "committee_id": w.other_committee_id,
            "decision_ids": [(0, 0, {"request_id": w.request_other_committee})],
        },
    )
    w.manager.call("shaqra.committee.meeting", "action_start", [other_meeting])
    w["other_meeting"] = other_meeting
    w["other_decision_id"] = read_one(
        w.manager, "shaqra.committee.meeting", other_meeting, ["decision_ids"]
    )["decision_ids"][0]

    # A pending notice on a request of the liaison officer's assignment.
    w["notice_pending"] = reception.call(
        "shaqra.notification",
        "create",
        {
            "request_id": w.request_received,
            "beneficiary_id": w.beneficiary_id,
            "channel": "letter",
            "subject": f"F notice {_NONCE}",
            "body": "<p>F notice</p>",
        },
    )

    # HR publishes a document and distributes it to every employee (ART4);
    # the manager signs their own acknowledgement.
    hr = w.hr
    policy_id = hr.call(
        "shaqra.policy",
        "create",
        {"name": f"F Code {_NONCE}", "code": f"F-{_NONCE}", "body": "<p>F code</p>"},
    )
    hr.call("shaqra.policy", "action_approve", [policy_id])
    hr.call("shaqra.policy", "action_publish", [policy_id])
    wizard = hr.call(
        "shaqra.policy.distribute",
        "create",
        {"policy_id": policy_id, "target": "all", "send_mail": False},
    )
    hr.call("shaqra.policy.distribute", "action_distribute", [wizard])
    acks = hr.call(
        "shaqra.policy.acknowledgement",
        "search_read",
        [("policy_id", "=", policy_id), ("user_id", "!=", False)],
        fields=["user_id"],
    )
    by_user = {ack["user_id"][0]: ack["id"] for ack in acks}
    w["acks"] = {
        name: by_user[w[name].uid]
        for name in ("reception", "liaison", "committee", "manager", "hr")
    }
    w.manager.call(
        "shaqra.policy.acknowledgement",
        "write",
        [w.acks["manager"]],
        {"declaration_accepted": True, "signature": _signature(), "signed_by": "Manager Demo"},
    )
    w.manager.call("shaqra.policy.acknowledgement", "action_acknowledge", [w.acks["manager"]])

    # Another beneficiary's confidential document, with its file (the manager's).
    # Its own category x field, handled by the manager alone: nobody else's file.
    other_field = admin.call("shaqra.work.field", "create", {"name": f"F closed field {_NONCE}"})
    other_category = admin.call(
        "shaqra.beneficiary.category", "create", {"name": f"F closed category {_NONCE}"}
    )
    admin.call(
        "shaqra.liaison.assignment",
        "create",
        {
            "category_id": other_category,
            "field_id": other_field,
            "employee_id": admin.xmlid("shaqra_beneficiary.hr_employee_manager_demo"),
        },
    )
    w["other_beneficiary_id"] = admin.call(
        "shaqra.beneficiary",
        "create",
        {
            "name": f"F Closed File {_NONCE}",
            "national_id": ids[2],
            "mobile": f"05{_NONCE}99",
            "category_id": other_category,
            "field_id": other_field,
            "preferred_channel": "letter",
        },
    )
    admin.call(
        "shaqra.beneficiary.income",
        "create",
        {"beneficiary_id": w.other_beneficiary_id, "amount": 2500},
    )
    admin.call(
        "shaqra.beneficiary.member",
        "create",
        {"beneficiary_id": w.other_beneficiary_id, "name": "F closed child"},
    )
    w["secret_document_id"] = admin.call(
        "shaqra.beneficiary.document",
        "create",
        {
            "beneficiary_id": w.other_beneficiary_id,
            "document_type_id": admin.xmlid(
                "shaqra_beneficiary.shaqra_document_type_national_id_demo"
            ),
        },
    )
    w["secret_attachment_id"] = admin.call(
        "ir.attachment",
        "create",
        {
            "name": "id-card.pdf",
            "datas": base64.b64encode(SECRET_PDF).decode(),
            "res_model": "shaqra.beneficiary.document",
            "res_id": w.secret_document_id,
        },
    )
    admin.call(
        "shaqra.beneficiary.document",
        "write",
        [w.secret_document_id],
        {"attachment_ids": [(6, 0, [w.secret_attachment_id])]},
    )
    return w


# ----------------------------------------------------------------------
# 1. Portal document link serves any file (E2)
# ----------------------------------------------------------------------


def test_item01_e2_staff_cannot_write_access_token(world):
    before = read_one(world.admin, "shaqra.request", world.request_received, ["access_token"])
    refused(
        world.reception.call,
        "shaqra.request",
        "write",
        [world.request_received],
        {"access_token": "forged-token-0001"},
    )
    after = read_one(world.admin, "shaqra.request", world.request_received, ["access_token"])
    assert after == before


def test_item01_e2_document_route_serves_only_the_requests_own_files(world):
    line_id = all_lines(world.reception, world.request_received)[-1]
    try:
        world.reception.call(
            "shaqra.request.requirement",
            "write",
            [line_id],
            {"attachment_ids": [(4, world.secret_attachment_id)]},
        )
    except OdooRPCError:
        pass  # refusing the link is fine too
    token = portal_token(world, world.request_received)
    response = requests.get(
        f"{world.url}/my/requests/{world.request_received}/document/{world.secret_attachment_id}",
        params={"access_token": token},
        allow_redirects=False,
        timeout=60,
    )
    assert response.status_code in (403, 404), response.status_code
    assert b"FORGERY-SECRET-ID-CARD" not in response.content


# ----------------------------------------------------------------------
# 2. The committee can be skipped (C5)
# ----------------------------------------------------------------------

REQUEST_DECISION_FIELDS = [
    ("decision", "approved"),
    ("approved_amount", 99999),
    ("decided_by_id", "uid"),
    ("decision_date", "2026-01-01 10:00:00"),
    ("date_complete", "2025-01-01 10:00:00"),
    ("date_answered", "2026-01-02 10:00:00"),
    ("deadline_met", True),
    ("date_deadline", "2027-01-01"),
]


@pytest.mark.parametrize("role", ["reception", "liaison", "manager"])
def test_item02_c5_stage_after_committee_only_by_a_decision(world, role):
    client = world[role]
    decided = world.admin.xmlid("shaqra_beneficiary.shaqra_request_stage_decided")
    before = read_one(world.admin, "shaqra.request", world.request_awaiting, ["stage_id"])
    refused(
        client.call, "shaqra.request", "write", [world.request_awaiting], {"stage_id": decided}
    )
    after = read_one(world.admin, "shaqra.request", world.request_awaiting, ["stage_id"])
    assert after == before


@pytest.mark.parametrize("field,value", REQUEST_DECISION_FIELDS)
def test_item02_c5_decision_fields_not_typed_by_reception(world, field, value):
    if value == "uid":
        value = world.reception.uid
    fields = [name for name, _value in REQUEST_DECISION_FIELDS]
    before = read_one(world.admin, "shaqra.request", world.request_awaiting, fields)
    refused(
        world.reception.call, "shaqra.request", "write", [world.request_awaiting], {field: value}
    )
    assert read_one(world.admin, "shaqra.request", world.request_awaiting, fields) == before


def test_item02_c5_only_a_manager_overrides_the_stage(world):
    before = read_one(world.admin, "shaqra.request", world.request_awaiting, ["stage_id"])
    decided = world.admin.xmlid("shaqra_beneficiary.shaqra_request_stage_decided")
    refused(
        world.reception.call,
        "shaqra.request.stage.override",
        "create",
        {"request_id": world.request_awaiting, "stage_id": decided, "reason": "Decided on paper."},
    )
    assert read_one(world.admin, "shaqra.request", world.request_awaiting, ["stage_id"]) == before


def test_item02_c5_manager_stage_override_is_logged(world):
    """The documented override: a manager, a reason, a trace (C5, E3)."""
    request_id = world.new_request()
    world.to_committee(request_id)
    decided = world.admin.xmlid("shaqra_beneficiary.shaqra_request_stage_decided")
    reason = f"Decided on paper at the meeting of {_NONCE}."
    wizard = world.manager.call(
        "shaqra.request.stage.override",
        "create",
        {"request_id": request_id, "stage_id": decided, "reason": reason},
    )
    world.manager.call("shaqra.request.stage.override", "action_confirm", [wizard])
    request = read_one(world.admin, "shaqra.request", request_id, ["stage_key"])
    assert request["stage_key"] == "decided"
    overrides = world.manager.call(
        "shaqra.evidence.override",
        "search_read",
        [("res_model", "=", "shaqra.request"), ("res_id", "=", request_id)],
        fields=["user_id", "reason", "changes"],
    )
    assert [(o["user_id"][0], o["reason"]) for o in overrides] == [(world.manager.uid, reason)]
    notes = world.admin.call(
        "mail.message",
        "search_count",
        [
            ("model", "=", "shaqra.request"),
            ("res_id", "=", request_id),
            ("body", "ilike", reason),
        ],
    )
    assert notes == 1, "the override is not in the request's history"


# ----------------------------------------------------------------------
# 3. Checklist evidence can be erased or re-credited (C3)
# ----------------------------------------------------------------------


def test_item03_c3_mandatory_lines_cannot_be_deleted(world):
    lines = mandatory_lines(world.reception, world.request_received)
    refused(world.reception.call, "shaqra.request.requirement", "unlink", lines)
    assert mandatory_lines(world.admin, world.request_received) == lines


@pytest.mark.parametrize(
    "field,value", [("verified_by_id", "uid"), ("verified_on", "2020-01-01 08:00:00")]
)
def test_item03_c3_verification_fields_only_by_the_verify_action(world, field, value):
    line_id = all_lines(world.reception, world.request_received)[0]
    value = world.reception.uid if value == "uid" else value
    before = read_one(
        world.admin, "shaqra.request.requirement", line_id, ["verified_by_id", "verified_on"]
    )
    refused(world.reception.call, "shaqra.request.requirement", "write", [line_id], {field: value})
    after = read_one(
        world.admin, "shaqra.request.requirement", line_id, ["verified_by_id", "verified_on"]
    )
    assert after == before


@pytest.mark.parametrize(
    "operation",
    ["unverify", "note", "attach", "unlink", "create"],
)
def test_item03_c3_checklist_frozen_after_reaching_the_committee(world, operation):
    client = world.reception
    request_id = world.request_decided
    lines = all_lines(world.admin, request_id)
    fields = [
        "is_verified",
        "is_provided",
        "verified_by_id",
        "verified_on",
        "note",
        "attachment_ids",
    ]
    before = world.admin.call("shaqra.request.requirement", "read", lines, fields)
    Line = "shaqra.request.requirement"
    if operation == "unverify":
        refused(client.call, Line, "write", lines[:1], {"is_verified": False})
    elif operation == "note":
        refused(client.call, Line, "write", lines[:1], {"note": "changed after the decision"})
    elif operation == "attach":
        refused(client.call, Line, "write", lines[:1], {"attachment_ids": [(5, 0, 0)]})
    elif operation == "unlink":
        refused(client.call, Line, "unlink", lines[-1:])
    else:
        requirement = world.admin.call(
            "shaqra.service.requirement",
            "create",
            {"service_type_id": world.service_id, "name": f"F late item {_NONCE}"},
        )
        refused(
            client.call, Line, "create", {"request_id": request_id, "requirement_id": requirement}
        )
    assert all_lines(world.admin, request_id) == lines
    assert world.admin.call("shaqra.request.requirement", "read", lines, fields) == before


# ----------------------------------------------------------------------
# 4. Signature evidence can be rewritten (C4)
# ----------------------------------------------------------------------


@pytest.mark.parametrize("request_key", ["request_awaiting", "request_decided"])
@pytest.mark.parametrize(
    "field,value", [("signed_on", "2020-01-01 08:00:00"), ("signed_by", "Someone Else")]
)
def test_item04_c4_signature_evidence_frozen(world, request_key, field, value):
    request_id = world[request_key]
    fields = ["signed_on", "signed_by", "signature"]
    before = read_one(world.admin, "shaqra.request", request_id, fields)
    refused(world.reception.call, "shaqra.request", "write", [request_id], {field: value})
    assert read_one(world.admin, "shaqra.request", request_id, fields) == before


# ----------------------------------------------------------------------
# 5. Minutes and votes can be forged (C8)
# ----------------------------------------------------------------------


def _approvals(world, meeting_id):
    return world.admin.call(
        "shaqra.committee.meeting.approval",
        "search_read",
        [("meeting_id", "=", meeting_id)],
        fields=["user_id", "date"],
    )


@pytest.mark.parametrize(
    "who,date",
    [("manager", False), ("admin", False), ("committee", "2020-01-01 08:00:00")],
)
def test_item05_c8_approval_only_own_and_now(world, who, date):
    meeting = world.meeting_draft
    vals = {"meeting_id": meeting, "user_id": world[who].uid}
    if date:
        vals["date"] = date
    before = _approvals(world, meeting)
    refused(world.committee.call, "shaqra.committee.meeting.approval", "create", vals)
    assert _approvals(world, meeting) == before


@pytest.mark.parametrize("vals", [{"state": "approved"}, {"date_approved": "2020-01-01 08:00:00"}])
def test_item05_c8_draft_meeting_not_approved_by_writing(world, vals):
    fields = ["state", "date_approved"]
    before = read_one(world.admin, "shaqra.committee.meeting", world.meeting_draft, fields)
    refused(world.committee.call, "shaqra.committee.meeting", "write", [world.meeting_draft], vals)
    assert read_one(world.admin, "shaqra.committee.meeting", world.meeting_draft, fields) == before


@pytest.mark.parametrize(
    "vals",
    [
        {"state": "in_progress"},
        {"state": "held"},
        {"minutes": "<p>rewritten</p>"},
        {"date_approved": "2020-01-01 08:00:00"},
    ],
)
def test_item05_c8_approved_minutes_frozen(world, vals):
    fields = ["state", "minutes", "date_approved"]
    meeting = world.meeting_approved
    before = read_one(world.admin, "shaqra.committee.meeting", meeting, fields)
    refused(world.committee.call, "shaqra.committee.meeting", "write", [meeting], vals)
    assert read_one(world.admin, "shaqra.committee.meeting", meeting, fields) == before


@pytest.mark.parametrize(
    "vals",
    [
        {"decided_by_id": "manager"},
        {"decision_date": "2020-01-01 08:00:00"},
        {"approved_amount": 99999},
        {"decision": "rejected"},
    ],
)
def test_item05_c8_decision_of_approved_minutes_frozen(world, vals):
    if vals.get("decided_by_id") == "manager":
        vals = {"decided_by_id": world.manager.uid}
    fields = ["decision", "approved_amount", "decided_by_id", "decision_date"]
    before = read_one(world.admin, "shaqra.committee.decision", world.decision_id, fields)
    request_before = read_one(world.admin, "shaqra.request", world.request_decided, fields)
    refused(world.committee.call, "shaqra.committee.decision", "write", [world.decision_id], vals)
    assert read_one(world.admin, "shaqra.committee.decision", world.decision_id, fields) == before
    assert read_one(world.admin, "shaqra.request", world.request_decided, fields) == request_before


def test_item05_c8_decided_line_cannot_be_deleted(world):
    refused(world.committee.call, "shaqra.committee.decision", "unlink", [world.decision_id])
    assert world.admin.call(
        "shaqra.committee.decision", "search", [("id", "=", world.decision_id)]
    ) == [world.decision_id]
    request = read_one(world.admin, "shaqra.request", world.request_decided, ["decision"])
    assert request["decision"] == "approved"


def test_item05_c8_no_meeting_on_a_committee_one_does_not_sit_on(world):
    count = world.admin.call(
        "shaqra.committee.meeting",
        "search_count",
        [("committee_id", "=", world.other_committee_id)],
    )
    refused(
        world.committee.call,
        "shaqra.committee.meeting",
        "create",
        {"committee_id": world.other_committee_id},
    )
    assert (
        world.admin.call(
            "shaqra.committee.meeting",
            "search_count",
            [("committee_id", "=", world.other_committee_id)],
        )
        == count
    )


@pytest.mark.parametrize(
    "model,record_key,vals",
    [
        ("shaqra.committee.decision", "other_decision_id", {"reason": "forged"}),
        ("shaqra.committee.decision", "other_decision_id", {"decision": "rejected"}),
        ("shaqra.committee.meeting", "other_meeting", {"minutes": "<p>forged</p>"}),
        ("shaqra.committee.meeting", "other_meeting", {"location": "forged"}),
    ],
)
def test_item05_c8_other_committees_records_not_writable(world, model, record_key, vals):
    record_id = world[record_key]
    before = read_one(world.admin, model, record_id, list(vals))
    refused(world.committee.call, model, "write", [record_id], vals)
    assert read_one(world.admin, model, record_id, list(vals)) == before


# ----------------------------------------------------------------------
# 6. Notices marked delivered without delivery (A1-A6, C5)
# ----------------------------------------------------------------------

NOTICE_FIELDS = ["state", "date", "author_id", "whatsapp_used_on", "letter_number"]


@pytest.mark.parametrize(
    "field,value",
    [
        ("state", "sent"),
        ("date", "2020-01-01 08:00:00"),
        ("author_id", "manager"),
        ("whatsapp_used_on", "2020-01-01 08:00:00"),
    ],
)
def test_item06_a_delivery_fields_only_by_the_delivery_action(world, field, value):
    value = world.manager.uid if value == "manager" else value
    before = read_one(world.admin, "shaqra.notification", world.notice_pending, NOTICE_FIELDS)
    refused(
        world.liaison.call, "shaqra.notification", "write", [world.notice_pending], {field: value}
    )
    assert (
        read_one(world.admin, "shaqra.notification", world.notice_pending, NOTICE_FIELDS) == before
    )


def test_item06_a_notice_not_created_already_delivered(world):
    domain = [("request_id", "=", world.request_received)]
    count = world.admin.call("shaqra.notification", "search_count", domain)
    refused(
        world.reception.call,
        "shaqra.notification",
        "create",
        {
            "request_id": world.request_received,
            "beneficiary_id": world.beneficiary_id,
            "channel": "letter",
            "subject": "Forged",
            "body": "<p>Forged</p>",
            "state": "sent",
            "letter_number": "L-FORGED-1",
        },
    )
    assert world.admin.call("shaqra.notification", "search_count", domain) == count


# ----------------------------------------------------------------------
# 7. HR can sign for an employee (ART4)
# ----------------------------------------------------------------------

ACK_FIELDS = [
    "state",
    "acknowledged_on",
    "signature",
    "signed_by",
    "ip_address",
    "user_agent",
    "declaration_accepted",
]


def _ack(world, login):
    """The acknowledgement of the world's document by that demo employee."""
    return world.acks[login]


@pytest.mark.parametrize(
    "field,value",
    [
        ("state", "acknowledged"),
        ("acknowledged_on", "2020-01-01 08:00:00"),
        ("signature", "SIGNATURE"),
        ("signed_by", "Forged Name"),
        ("ip_address", "10.0.0.1"),
        ("user_agent", "Forged Browser"),
    ],
)
def test_item07_art4_hr_cannot_sign_for_an_employee(world, field, value):
    ack = _ack(world, "liaison")
    value = _signature() if value == "SIGNATURE" else value
    before = read_one(world.admin, "shaqra.policy.acknowledgement", ack, ACK_FIELDS)
    refused(world.hr.call, "shaqra.policy.acknowledgement", "write", [ack], {field: value})
    assert read_one(world.admin, "shaqra.policy.acknowledgement", ack, ACK_FIELDS) == before


@pytest.mark.parametrize("who", ["hr", "admin"])
@pytest.mark.parametrize(
    "vals",
    [{"state": "pending"}, {"acknowledged_on": False}, {"signed_by": "Rewritten"}],
)
def test_item07_art4_nobody_edits_an_acknowledged_record(world, who, vals):
    ack = _ack(world, "manager")
    before = read_one(world.admin, "shaqra.policy.acknowledgement", ack, ACK_FIELDS)
    assert (
        before["state"] == "acknowledged"
    ), "precondition: the manager's acknowledgement is signed (an earlier forgery reset it?)"
    refused(world[who].call, "shaqra.policy.acknowledgement", "write", [ack], vals)
    assert read_one(world.admin, "shaqra.policy.acknowledgement", ack, ACK_FIELDS) == before


def test_item07_art4_employee_cannot_acknowledge_by_writing_state(world):
    ack = _ack(world, "committee")
    before = read_one(world.admin, "shaqra.policy.acknowledgement", ack, ACK_FIELDS)
    refused(
        world.committee.call,
        "shaqra.policy.acknowledgement",
        "write",
        [ack],
        {"state": "acknowledged"},
    )
    assert read_one(world.admin, "shaqra.policy.acknowledgement", ack, ACK_FIELDS) == before


def test_item07_art4_acknowledging_over_json_rpc_records_ip_and_browser(world):
    ack = _ack(world, "reception")
    client = world.reception
    client.call(
        "shaqra.policy.acknowledgement",
        "write",
        [ack],
        {"declaration_accepted": True, "signature": _signature(), "signed_by": "Reception Demo"},
    )
    client.call("shaqra.policy.acknowledgement", "action_acknowledge", [ack])
    after = read_one(world.admin, "shaqra.policy.acknowledgement", ack, ACK_FIELDS)
    assert after["state"] == "acknowledged"
    assert after["ip_address"], "no IP address recorded for a JSON-RPC acknowledgement"
    assert after["user_agent"], "no browser recorded for a JSON-RPC acknowledgement"


# ----------------------------------------------------------------------
# 8. Confidential case data has no record rules (E2)
# ----------------------------------------------------------------------

CASE_MODELS = [
    "shaqra.beneficiary.income",
    "shaqra.beneficiary.member",
    "shaqra.beneficiary.document",
]


@pytest.mark.parametrize("model", CASE_MODELS)
@pytest.mark.parametrize("role", ["reception", "liaison", "committee"])
def test_item08_e2_case_data_of_unreadable_beneficiary_hidden(world, model, role):
    client = world[role]
    other = world.other_beneficiary_id
    refused(client.call, "shaqra.beneficiary", "read", [other], ["name"])
    try:
        found = client.call(model, "search_read", [("beneficiary_id", "=", other)], fields=["id"])
    except OdooRPCError:
        found = []  # refused outright
    assert found == [], f"{role} reads {model} of a beneficiary it cannot open"


@pytest.mark.parametrize("operation", ["write", "unlink"])
@pytest.mark.parametrize("model", CASE_MODELS)
def test_item08_e2_case_data_of_unreadable_beneficiary_not_writable(world, model, operation):
    records = world.admin.call(
        model, "search", [("beneficiary_id", "=", world.other_beneficiary_id)]
    )
    assert records, f"the closed file has {model} records"
    before = world.admin.call(model, "read", records, ["note", "beneficiary_id"])
    if operation == "write":
        refused(world.reception.call, model, "write", records, {"note": "x"})
    else:
        refused(world.reception.call, model, "unlink", records)
    assert world.admin.call(model, "read", records, ["note", "beneficiary_id"]) == before


@pytest.mark.parametrize(
    "model,vals",
    [
        ("shaqra.beneficiary.income", {"amount": 500}),
        ("shaqra.beneficiary.member", {"name": "Forged child"}),
    ],
)
def test_item08_e2_committee_member_cannot_create_case_data(world, model, vals):
    beneficiary = world.beneficiary_id  # on the committee's agenda: read-only for it
    domain = [("beneficiary_id", "=", beneficiary)]
    count = world.admin.call(model, "search_count", domain)
    refused(world.committee.call, model, "create", {**vals, "beneficiary_id": beneficiary})
    assert world.admin.call(model, "search_count", domain) == count


def test_item08_e2_confidential_file_not_served_by_web_content(world):
    response = world.reception.session.get(
        f"{world.url}/web/content/{world.secret_attachment_id}", allow_redirects=False, timeout=60
    )
    assert response.status_code in (403, 404), response.status_code
    assert b"FORGERY-SECRET-ID-CARD" not in response.content


# ----------------------------------------------------------------------
# 9. Creating a request opens a file (E2)
# ----------------------------------------------------------------------


def test_item09_e2_no_request_for_a_beneficiary_one_cannot_read(world):
    other = world.other_beneficiary_id
    domain = [("beneficiary_id", "=", other)]
    count = world.admin.call("shaqra.request", "search_count", domain)
    refused(
        world.reception.call,
        "shaqra.request",
        "create",
        {"beneficiary_id": other, "service_type_id": world.service_id},
    )
    assert world.admin.call("shaqra.request", "search_count", domain) == count
    refused(world.reception.call, "shaqra.beneficiary", "read", [other], ["national_id"])


def test_item09_e2_lookup_by_national_id_reveals_nothing_but_an_exact_match(world):
    """Reception finds a returning beneficiary by the exact ID only (C1, E2)."""
    national_id = world.ids[3]
    returning = world.admin.call(
        "shaqra.beneficiary",
        "create",
        {
            "name": f"F Returning {_NONCE}",
            "national_id": national_id,
            "mobile": f"05{_NONCE}77",
            "preferred_channel": "letter",
        },
    )
    reception = world.reception
    refused(reception.call, "shaqra.beneficiary", "read", [returning], ["name"])
    near = national_id[:-2] + str((int(national_id[-2]) + 1) % 10) + national_id[-1]
    # A typo, a valid ID of nobody, a prefix, wildcards: nothing.
    guesses = (near, world.ids[4], national_id[:-1], national_id[:6], "*", f"{national_id[:-1]}%")
    for guess in guesses:
        found = reception.call("shaqra.beneficiary", "shaqra_find_by_national_id", guess)
        assert found is False, (guess, found)
    found = reception.call("shaqra.beneficiary", "shaqra_find_by_national_id", national_id)
    assert found == {"id": returning, "name": f"F Returning {_NONCE}"}
    # Still nothing of the file until a request is taken for that exact ID.
    refused(reception.call, "shaqra.beneficiary", "read", [returning], ["national_id"])
    request_id = reception.call(
        "shaqra.request",
        "shaqra_create_for_national_id",
        national_id,
        {"service_type_id": world.service_id},
    )
    request = read_one(world.admin, "shaqra.request", request_id, ["beneficiary_id"])
    assert request["beneficiary_id"][0] == returning


# ----------------------------------------------------------------------
# 10. Duplicate check leaks identities (E2)
# ----------------------------------------------------------------------


def test_item10_e2_duplicate_mobile_does_not_disclose_the_other_file(world):
    other = read_one(
        world.admin,
        "shaqra.beneficiary",
        world.other_beneficiary_id,
        ["name", "national_id", "mobile"],
    )
    assert other["mobile"], "the demo beneficiary has a mobile number"
    count = world.admin.call("shaqra.beneficiary", "search_count", [])
    error = refused(
        world.reception.call,
        "shaqra.beneficiary",
        "create",
        {"name": "F Duplicate", "national_id": world.ids[1], "mobile": other["mobile"]},
    )
    assert other["name"] not in str(error)
    assert other["national_id"] not in str(error)
    assert world.admin.call("shaqra.beneficiary", "search_count", []) == count


# ----------------------------------------------------------------------
# 11. Unlogged reads (E2)
# ----------------------------------------------------------------------


@pytest.mark.parametrize("method", ["read", "search_read"])
def test_item11_e2_every_read_of_a_confidential_file_is_logged(world, method):
    log_domain = [("attachment_id", "=", world.secret_attachment_id)]
    before = world.admin.call("shaqra.document.access.log", "search_count", log_domain)
    if method == "read":
        data = world.manager.call("ir.attachment", "read", [world.secret_attachment_id], ["datas"])
    else:
        data = world.manager.call(
            "ir.attachment",
            "search_read",
            [("id", "=", world.secret_attachment_id)],
            fields=["datas"],
        )
    assert data and data[0]["datas"], "the manager may read the file"
    after = world.admin.call("shaqra.document.access.log", "search_count", log_domain)
    assert after > before, f"{method} of datas left no access-log line"


# ----------------------------------------------------------------------
# 12. Chatter is not evidence yet (E3)
# ----------------------------------------------------------------------


def _tracking_messages(world, request_id):
    return world.admin.call(
        "mail.message",
        "search_read",
        [
            ("model", "=", "shaqra.request"),
            ("res_id", "=", request_id),
            ("message_type", "=", "notification"),
        ],
        fields=["body", "author_id", "tracking_value_ids"],
    )


@pytest.mark.parametrize("operation", ["unlink", "write"])
def test_item12_e3_tracking_messages_cannot_be_edited_or_deleted(world, operation):
    messages = _tracking_messages(world, world.request_received)
    assert messages, "the request has its system messages (creation, stage changes)"
    message = messages[0]["id"]
    if operation == "unlink":
        refused(world.reception.call, "mail.message", "unlink", [message])
    else:
        refused(
            world.reception.call, "mail.message", "write", [message], {"body": "<p>rewritten</p>"}
        )
    assert _tracking_messages(world, world.request_received) == messages


def test_item12_e3_nobody_posts_in_someone_elses_name(world):
    manager_partner = read_one(world.admin, "res.users", world.manager.uid, ["partner_id"])[
        "partner_id"
    ][0]
    domain = [
        ("model", "=", "shaqra.request"),
        ("res_id", "=", world.request_received),
        ("author_id", "=", manager_partner),
    ]
    before = world.admin.call("mail.message", "search_count", domain)
    refused(
        world.reception.call,
        "shaqra.request",
        "message_post",
        [world.request_received],
        body="Approved by the manager",
        author_id=manager_partner,
        message_type="comment",
    )
    assert world.admin.call("mail.message", "search_count", domain) == before


# ----------------------------------------------------------------------
# 13. Portal users bypass F3
# ----------------------------------------------------------------------


@pytest.mark.parametrize("field,value", [("name", "Forged Name"), ("email", "forged@example.com")])
def test_item13_f3_portal_user_cannot_change_identity_over_rpc(world, field, value):
    portal = world.beneficiary
    partner = read_one(world.admin, "res.users", portal.uid, ["partner_id"])["partner_id"][0]
    before = read_one(world.admin, "res.partner", partner, ["name", "email"])
    refused(portal.call, "res.users", "write", [portal.uid], {field: value})
    refused(portal.call, "res.partner", "write", [partner], {field: value})
    assert read_one(world.admin, "res.partner", partner, ["name", "email"]) == before


# ----------------------------------------------------------------------
# 14. Corrections are not validated (F3)
# ----------------------------------------------------------------------


def test_item14_f3_invalid_household_size_not_approved(world):
    fields = ["household_size", "income_per_member"]
    before = read_one(world.admin, "shaqra.beneficiary", world.beneficiary_id, fields)
    domain = [("beneficiary_id", "=", world.beneficiary_id)]
    count = world.admin.call("shaqra.data.change.request", "search_count", domain)
    try:
        change = world.reception.call(
            "shaqra.data.change.request",
            "create",
            {
                "beneficiary_id": world.beneficiary_id,
                "line_ids": [(0, 0, {"field_name": "household_size", "new_value": "-5"})],
            },
        )
    except OdooRPCError as error:
        # Refused when proposed: fine, with a message and nothing saved.
        assert str(error).strip()
        assert world.admin.call("shaqra.data.change.request", "search_count", domain) == count
        assert read_one(world.admin, "shaqra.beneficiary", world.beneficiary_id, fields) == before
        return
    refused(world.manager.call, "shaqra.data.change.request", "action_approve", [change])
    assert read_one(world.admin, "shaqra.beneficiary", world.beneficiary_id, fields) == before
    state = read_one(world.admin, "shaqra.data.change.request", change, ["state"])["state"]
    assert state != "approved"


@pytest.mark.parametrize(
    "field,value",
    [("reviewed_by_id", "manager"), ("reviewed_on", "2020-01-01 08:00:00"), ("state", "approved")],
)
def test_item14_f3_review_fields_only_by_approve_or_reject(world, field, value):
    change = world.reception.call(
        "shaqra.data.change.request",
        "create",
        {
            "beneficiary_id": world.beneficiary_id,
            "line_ids": [(0, 0, {"field_name": "city", "new_value": "Shaqra"})],
        },
    )
    value = world.manager.uid if value == "manager" else value
    fields = ["state", "reviewed_by_id", "reviewed_on"]
    before = read_one(world.admin, "shaqra.data.change.request", change, fields)
    refused(world.reception.call, "shaqra.data.change.request", "write", [change], {field: value})
    assert read_one(world.admin, "shaqra.data.change.request", change, fields) == before


# ----------------------------------------------------------------------
# 15. Bad input the backend accepts (C3, C4)
# ----------------------------------------------------------------------

BENEFICIARY_BAD = [
    ("annual_rent", -5),
    ("birthdate", "0001-01-01"),
    ("birthdate", "2999-01-01"),
    ("name", "ن" * 100_000),
    ("mobile", "<script>alert(1)</script>"),
    ("email", "not-an-email"),
]


@pytest.mark.parametrize("field,value", BENEFICIARY_BAD)
def test_item15_c3_bad_beneficiary_input_refused(world, field, value):
    fields = ["annual_rent", "birthdate", "name", "mobile", "email"]
    before = read_one(world.admin, "shaqra.beneficiary", world.beneficiary_id, fields)
    refused(
        world.reception.call, "shaqra.beneficiary", "write", [world.beneficiary_id], {field: value}
    )
    assert read_one(world.admin, "shaqra.beneficiary", world.beneficiary_id, fields) == before


def test_item15_c3_huge_income_refused(world):
    domain = [("beneficiary_id", "=", world.beneficiary_id)]
    count = world.admin.call("shaqra.beneficiary.income", "search_count", domain)
    refused(
        world.reception.call,
        "shaqra.beneficiary.income",
        "create",
        {"beneficiary_id": world.beneficiary_id, "amount": 1e300},
    )
    assert world.admin.call("shaqra.beneficiary.income", "search_count", domain) == count


@pytest.mark.parametrize("amount", [1e20, -5])
def test_item15_c5_absurd_approved_amount_refused(world, amount):
    request_id = world.new_request()
    verify_lines(world.reception, mandatory_lines(world.reception, request_id))
    sign_at_desk(world.reception, request_id, "F")
    world.reception.call("shaqra.request", "action_send_to_committee", [request_id])
    meeting = world.committee.call(
        "shaqra.committee.meeting",
        "create",
        {"committee_id": world.committee_id, "decision_ids": [(0, 0, {"request_id": request_id})]},
    )
    world.committee.call("shaqra.committee.meeting", "action_start", [meeting])
    decision = read_one(world.committee, "shaqra.committee.meeting", meeting, ["decision_ids"])[
        "decision_ids"
    ][0]
    fields = ["decision", "approved_amount"]
    before = read_one(world.admin, "shaqra.request", request_id, fields)
    refused(
        world.committee.call,
        "shaqra.committee.decision",
        "write",
        [decision],
        {"decision": "approved", "approved_amount": amount},
    )
    assert read_one(world.admin, "shaqra.request", request_id, fields) == before


def test_item15_c4_transparent_pixel_is_not_a_signature(world):
    request_id = world.new_request()
    refused(
        world.reception.call,
        "shaqra.request",
        "write",
        [request_id],
        {"signature": BLANK_PIXEL, "signed_by": "F"},
    )
    after = read_one(world.admin, "shaqra.request", request_id, ["signature", "signed_on"])
    assert not after["signature"] and not after["signed_on"]


def test_item15_f3_superscript_household_size_is_not_a_server_error(world):
    session = world.beneficiary.session
    csrf = csrf_from(session, f"{world.url}/my/beneficiary")
    beneficiary = world.admin.xmlid("shaqra_beneficiary.shaqra_beneficiary_portal_demo")
    domain = [("beneficiary_id", "=", beneficiary)]
    count = world.admin.call("shaqra.data.change.request", "search_count", domain)
    response = session.post(
        f"{world.url}/my/beneficiary/correction",
        data={"household_size": "²", "csrf_token": csrf},
        allow_redirects=False,
        timeout=60,
    )
    assert response.status_code in (200, 303), response.status_code
    assert world.admin.call("shaqra.data.change.request", "search_count", domain) == count


# ----------------------------------------------------------------------
# 16. Smaller
# ----------------------------------------------------------------------


@pytest.mark.parametrize("state", ["pending", "cancelled"])
def test_item16_a_my_notices_shows_only_delivered_notices(world, state):
    beneficiary = world.admin.xmlid("shaqra_beneficiary.shaqra_beneficiary_portal_demo")
    subject = f"F undelivered {state} {_NONCE}"
    notice = world.admin.call(
        "shaqra.notification",
        "create",
        {
            "beneficiary_id": beneficiary,
            "channel": "portal",
            "subject": subject,
            "body": f"<p>{subject}</p>",
        },
    )
    if state == "cancelled":
        world.admin.call("shaqra.notification", "action_cancel", [notice])
    # A notice delivered through the notice wizard is shown: the page lists
    # notices at all, and the one above is missing for its state alone.
    delivered = f"F delivered {state} {_NONCE}"
    delivered_id = world.admin.call(
        "shaqra.notification",
        "create",
        {
            "beneficiary_id": beneficiary,
            "channel": "portal",
            "subject": delivered,
            "body": f"<p>{delivered}</p>",
        },
    )
    wizard = world.admin.call(
        "shaqra.notification.wizard",
        "create",
        {},
        context={**world.admin.user_context, "default_notification_id": delivered_id},
    )
    world.admin.call("shaqra.notification.wizard", "action_send", [wizard])
    states = world.admin.call("shaqra.notification", "read", [notice, delivered_id], ["state"])
    assert [n["state"] for n in states] == [state, "sent"]
    page = world.beneficiary.session.get(f"{world.url}/my/notices", timeout=60)
    assert page.status_code == 200
    assert delivered in page.text
    assert subject not in page.text


def test_item16_c3_upload_to_a_verified_line_unverifies_it(world):
    admin = world.admin
    beneficiary = admin.xmlid("shaqra_beneficiary.shaqra_beneficiary_portal_demo")
    request_id = admin.call(
        "shaqra.request",
        "create",
        {"beneficiary_id": beneficiary, "service_type_id": world.service_id, "channel": "portal"},
    )
    line_id = admin.call(
        "shaqra.request.requirement",
        "search",
        [("request_id", "=", request_id), ("document_required", "=", True)],
    )[0]
    attachment = admin.call(
        "ir.attachment",
        "create",
        {
            "name": "letter.pdf",
            "datas": base64.b64encode(PDF).decode(),
            "res_model": "shaqra.request",
            "res_id": request_id,
        },
    )
    verify_lines(admin, [line_id], attachment)
    assert read_one(admin, "shaqra.request.requirement", line_id, ["is_verified"])["is_verified"]
    session = world.beneficiary.session
    csrf = csrf_from(session, f"{world.url}/my/requests/{request_id}")
    response = session.post(
        f"{world.url}/my/requests/{request_id}/upload/{line_id}",
        data={"csrf_token": csrf},
        files={"document": ("new.pdf", io.BytesIO(PDF), "application/pdf")},
        allow_redirects=False,
        timeout=60,
    )
    assert response.status_code in (200, 303), response.status_code
    line = read_one(
        admin, "shaqra.request.requirement", line_id, ["is_verified", "attachment_ids"]
    )
    assert len(line["attachment_ids"]) == 2, "the upload reached the line"
    assert not line["is_verified"], "a line with a new document stays verified"


def test_item16_c4_anonymous_token_holder_cannot_sign(world):
    request_id = world.new_request()
    token = portal_token(world, request_id)
    anonymous = requests.Session()
    payload = {
        "jsonrpc": "2.0",
        "method": "call",
        "id": 1,
        "params": {"access_token": token, "name": "Stranger", "signature": _signature()},
    }
    response = anonymous.post(
        f"{world.url}/my/requests/{request_id}/sign", json=payload, timeout=60
    )
    assert response.status_code < 500, response.status_code
    if response.status_code == 200:
        body = response.json()
        result = body.get("result")
        assert "error" in body or (isinstance(result, dict) and result.get("error")), body
    after = read_one(world.admin, "shaqra.request", request_id, ["signature", "signed_on"])
    assert not after["signature"] and not after["signed_on"]


def test_item16_c2_portal_posts_are_rate_limited(world):
    session = world.beneficiary.session
    beneficiary = world.admin.xmlid("shaqra_beneficiary.shaqra_beneficiary_portal_demo")
    domain = [("beneficiary_id", "=", beneficiary)]
    before = world.admin.call("shaqra.request", "search_count", domain)
    csrf = csrf_from(session, f"{world.url}/my/beneficiary")
    service = [world.other_service_id]
    world.admin.call("shaqra.service.type", "write", service, {"is_published": True})
    for _attempt in range(15):
        session.post(
            f"{world.url}/my/requests/new",
            data={"service_type_id": service[0], "criteria_read": "1", "csrf_token": csrf},
            allow_redirects=False,
            timeout=60,
        )
    created = world.admin.call("shaqra.request", "search_count", domain) - before
    assert created < 15, f"{created} requests created in a burst: no per-user rate limit"


def test_item16_e2_demo_attachments_belong_to_one_request(world):
    lines = world.admin.call(
        "shaqra.request.requirement",
        "search_read",
        [("attachment_ids", "!=", False)],
        fields=["request_id", "attachment_ids"],
    )
    owners = {}
    for line in lines:
        for attachment in line["attachment_ids"]:
            owners.setdefault(attachment, set()).add(line["request_id"][0])
    shared = {
        attachment: requests_ for attachment, requests_ in owners.items() if len(requests_) > 1
    }
    assert not shared, f"attachments linked to the lines of several requests: {shared}"


def test_item07_art4_acknowledging_over_external_json_rpc_records_ip_and_browser(world):
    """The same through /jsonrpc (execute_kw with login and password)."""
    ack = _ack(world, "hr")

    def execute(method, *args):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "service": "object",
                "method": "execute_kw",
                "args": [
                    world.db,
                    world.hr.uid,
                    "hr",
                    "shaqra.policy.acknowledgement",
                    method,
                    list(args),
                ],
            },
        }
        body = requests.post(f"{world.url}/jsonrpc", json=payload, timeout=60).json()
        assert "error" not in body, body["error"]
        return body["result"]

    execute(
        "write",
        [ack],
        {"declaration_accepted": True, "signature": _signature(), "signed_by": "HR Demo"},
    )
    execute("action_acknowledge", [ack])
    after = read_one(world.admin, "shaqra.policy.acknowledgement", ack, ACK_FIELDS)
    assert after["state"] == "acknowledged"
    assert after["ip_address"], "no IP address recorded for a /jsonrpc acknowledgement"
    assert after["user_agent"], "no browser recorded for a /jsonrpc acknowledgement"
