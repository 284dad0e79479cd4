"""Whole-system checks of policy acknowledgement (ART4) over JSON-RPC and HTTP.

HR distributes the seeded Beneficiary Relationship Policy to every demo
employee, a demo employee signs it, and the compliance report shows exactly
who is still pending; a new version of a document asks its audience again.
"""

import base64
import io
import uuid

import openpyxl
import pytest
from PIL import Image, ImageDraw

from .odoo_client import OdooRPCError

SEEDED_POLICY = "shaqra_beneficiary.shaqra_policy_beneficiary_relationship"
DEMO_STAFF = {"reception", "liaison", "committee", "manager", "hr"}


def _signature():
    """A drawn signature: a blank canvas is refused as no signature (ART4)."""
    image = Image.new("RGBA", (240, 80), (255, 255, 255, 0))
    ImageDraw.Draw(image).line(
        [(10, 60), (50, 15), (80, 65), (120, 20), (160, 60), (220, 30)], "black", 3
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def _sign(client, ack_id, name):
    client.call(
        "shaqra.policy.acknowledgement",
        "write",
        [ack_id],
        {"declaration_accepted": True, "signed_by": name, "signature": _signature()},
    )
    client.call("shaqra.policy.acknowledgement", "action_acknowledge", [ack_id])


def _distribute(hr, policy_id, **vals):
    wizard = hr.call(
        "shaqra.policy.distribute",
        "create",
        {"policy_id": policy_id, "send_mail": False, **vals},
    )
    hr.call("shaqra.policy.distribute", "action_distribute", [wizard])


def _acks(hr, policy_id):
    return hr.call(
        "shaqra.policy.acknowledgement",
        "search_read",
        [("policy_id", "=", policy_id)],
        fields=["person_name", "state", "user_id"],
    )


def test_art4_hr_distributes_seeded_policy_and_employee_signs(login):
    hr = login("hr")
    policy_id = login("admin").xmlid(SEEDED_POLICY)
    _distribute(hr, policy_id, target="all")
    acks = _acks(hr, policy_id)
    users = {ack["user_id"][0] for ack in acks if ack["user_id"]}
    staff_ids = {
        user["id"]
        for user in hr.call(
            "res.users", "search_read", [("login", "in", list(DEMO_STAFF))], fields=["id"]
        )
    }
    assert staff_ids <= users
    # One acknowledgement per person and version, however often HR distributes.
    _distribute(hr, policy_id, target="all")
    assert len(_acks(hr, policy_id)) == len(acks)

    reception = login("reception")
    own = reception.call(
        "shaqra.policy.acknowledgement",
        "search_read",
        [("policy_id", "=", policy_id)],
        fields=["state"],
    )
    # Record rules: the employee sees their own request only, still to sign
    # (the demo data distributed it three days ago).
    assert len(own) == 1
    assert own[0]["state"] == "pending"
    # HR cannot sign it for her, nor mark it acknowledged.
    with pytest.raises(OdooRPCError):
        hr.call(
            "shaqra.policy.acknowledgement",
            "write",
            [own[0]["id"]],
            {"state": "acknowledged", "signature": _signature(), "signed_by": "HR"},
        )
    _sign(reception, own[0]["id"], "نورة السبيعي")
    (signed,) = hr.call(
        "shaqra.policy.acknowledgement",
        "read",
        [own[0]["id"]],
        ["state", "signed_by", "acknowledged_on", "ip_address", "user_agent"],
    )
    assert signed["state"] == "acknowledged"
    assert signed["signed_by"] == "نورة السبيعي"
    assert signed["acknowledged_on"]
    assert signed["ip_address"] == "127.0.0.1"
    assert signed["user_agent"].startswith("python-requests")
    # Nobody, HR included, resets a signed acknowledgement.
    with pytest.raises(OdooRPCError):
        hr.call("shaqra.policy.acknowledgement", "write", [own[0]["id"]], {"state": "pending"})
    pending = {a["person_name"] for a in _acks(hr, policy_id) if a["state"] == "pending"}
    assert "نورة السبيعي" not in pending
    assert "سارة القحطاني" not in pending  # signed in the demo data
    assert {"عبدالله الدوسري", "فهد العتيبي", "منيرة الشهري"} <= pending

    # The compliance workbook shows exactly the same people as pending.
    response = hr.session.get(
        f"{hr.url}/shaqra/policy/compliance.xlsx", params={"policy_id": policy_id}, timeout=60
    )
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))[1:]
    states = {row[3]: row[5] for row in rows}
    pending_in_report = {
        person for person, state in states.items() if state in ("Pending", "معلّق")
    }
    assert pending_in_report == pending

    # Nobody signs for someone else.
    liaison_ack = next(a for a in _acks(hr, policy_id) if a["person_name"] == "عبدالله الدوسري")
    with pytest.raises(OdooRPCError):
        hr.call("shaqra.policy.acknowledgement", "action_acknowledge", [liaison_ack["id"]])


def test_art4_new_version_resets_the_audience(login):
    hr = login("hr")
    code = f"WS-{uuid.uuid4().hex[:6]}"
    v1 = hr.call(
        "shaqra.policy",
        "create",
        {"name": "Code of conduct", "code": code, "body": "<p>v1</p>"},
    )
    hr.call("shaqra.policy", "action_approve", [v1])
    hr.call("shaqra.policy", "action_publish", [v1])
    department = login("admin").xmlid("shaqra_beneficiary.hr_department_beneficiary_services_demo")
    _distribute(hr, v1, target="departments", department_ids=[(6, 0, [department])])
    v1_acks = _acks(hr, v1)
    assert len(v1_acks) == 3

    committee = login("committee")
    own = committee.call(
        "shaqra.policy.acknowledgement", "search_read", [("policy_id", "=", v1)], fields=["id"]
    )
    _sign(committee, own[0]["id"], "فهد العتيبي")

    action = hr.call("shaqra.policy", "action_new_version", [v1])
    v2 = action["res_id"]
    hr.call("shaqra.policy", "write", [v2], {"body": "<p>v2</p>"})
    hr.call("shaqra.policy", "action_approve", [v2])
    hr.call("shaqra.policy", "action_publish", [v2])
    (v1_record,) = hr.call("shaqra.policy", "read", [v1], ["state"])
    assert v1_record["state"] == "superseded"
    v2_acks = _acks(hr, v2)
    assert {a["person_name"] for a in v2_acks} == {a["person_name"] for a in v1_acks}
    assert {a["state"] for a in v2_acks} == {"pending"}

    reception = login("reception")
    old = reception.call(
        "shaqra.policy.acknowledgement", "search_read", [("policy_id", "=", v1)], fields=["id"]
    )
    with pytest.raises(OdooRPCError):
        _sign(reception, old[0]["id"], "نورة السبيعي")
