"""Whole-system: a request taken complete and signed over JSON-RPC (policy C2-C6).

Reception registers a beneficiary, takes a request, is refused the
committee while a requirement is unverified (in Arabic, the demo users'
language), verifies the checklist with a document, records the signature
and sends the request on; the deadline is the 15th working day after the
day of completion in Riyadh, and the liaison officer has an activity due
on it.
"""

import base64
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from .odoo_client import OdooRPCError

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def test_c2_c6_reception_takes_a_complete_signed_request_over_rpc(login):
    admin = login("admin")
    service_id = admin.xmlid("shaqra_beneficiary.shaqra_service_type_food_basket_demo")
    category_id = admin.xmlid("shaqra_beneficiary.shaqra_beneficiary_category_widows_demo")
    field_id = admin.xmlid("shaqra_beneficiary.shaqra_work_field_social_demo")
    officer_id = admin.xmlid("shaqra_beneficiary.hr_employee_liaison_demo")
    officer_user_id = admin.xmlid("shaqra_beneficiary.user_liaison_demo")

    client = login("reception")
    beneficiary_id = client.call(
        "shaqra.beneficiary",
        "create",
        {
            "name": "مستفيدة اختبار النظام",
            "national_id": "2181909371",
            "mobile": "+966 55 999 0001",
            "category_id": category_id,
            "field_id": field_id,
            "consent_given": True,
            "consent_channel": "meeting",
        },
    )
    request_id = client.call(
        "shaqra.request",
        "create",
        {"beneficiary_id": beneficiary_id, "service_type_id": service_id, "channel": "meeting"},
    )
    request = client.call("shaqra.request", "read", [request_id], fields=["liaison_officer_id"])[0]
    assert request["liaison_officer_id"][0] == officer_id

    # C3: not to the committee while mandatory items are unverified.
    with pytest.raises(OdooRPCError) as refused:
        client.call("shaqra.request", "action_send_to_committee", [request_id])
    assert "غير مكتمل" in str(refused.value)

    attachment_id = client.call(
        "ir.attachment",
        "create",
        {
            "name": "الهوية.png",
            "datas": base64.b64encode(PNG).decode(),
            "res_model": "shaqra.request",
            "res_id": request_id,
        },
    )
    lines = client.call(
        "shaqra.request.requirement",
        "search_read",
        [("request_id", "=", request_id)],
        fields=["document_required"],
    )
    assert len(lines) == 3
    for line in lines:
        values = {"is_verified": True}
        if line["document_required"]:
            values["attachment_ids"] = [(6, 0, [attachment_id])]
        client.call("shaqra.request.requirement", "write", [line["id"]], values)

    # C4: the signature is still missing.
    with pytest.raises(OdooRPCError):
        client.call("shaqra.request", "action_send_to_committee", [request_id])
    client.call(
        "shaqra.request",
        "write",
        [request_id],
        {"signature": base64.b64encode(PNG).decode(), "signed_by": "مستفيدة اختبار النظام"},
    )
    client.call("shaqra.request", "action_send_to_committee", [request_id])

    request = client.call(
        "shaqra.request",
        "read",
        [request_id],
        fields=["stage_key", "date_complete", "date_deadline", "signed_on", "company_id"],
    )[0]
    assert request["stage_key"] == "awaiting_committee"
    assert request["signed_on"]
    completed = datetime.fromisoformat(request["date_complete"]).replace(tzinfo=ZoneInfo("UTC"))
    day = completed.astimezone(ZoneInfo("Asia/Riyadh")).date().isoformat()
    expected = admin.call("res.company", "shaqra_deadline_for", [request["company_id"][0]], day)
    assert request["date_deadline"] == expected

    # C6: the liaison officer has an activity due on the deadline.
    activities = admin.call(
        "mail.activity",
        "search_read",
        [("res_model", "=", "shaqra.request"), ("res_id", "=", request_id)],
        fields=["user_id", "date_deadline"],
    )
    assert any(
        a["user_id"][0] == officer_user_id and a["date_deadline"] == expected for a in activities
    ), activities
