"""Whole-system: a request taken complete and signed over JSON-RPC (policy C2-C6).

Reception registers a beneficiary, takes a request, is refused the
committee while a requirement is unverified (in Arabic, the demo users'
language), verifies the checklist with a document, records the signature
and sends the request on; the deadline is the 15th working day after the
day of completion in Riyadh, and the liaison officer has an activity due
on it.
"""

import base64
import struct
import zlib
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from .odoo_client import OdooRPCError

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def _signature_png(width=200, height=60):
    """A drawn signature: a transparent PNG with a thick dark stroke (C4
    refuses a blank or near-blank image)."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    rows = b""
    for y in range(height):
        row = bytearray(b"\x00")
        for x in range(width):
            inked = 10 <= x < width - 10 and abs(y - (20 + (x // 8) % 20)) < 3
            row += bytes((20, 20, 80, 255)) if inked else bytes((0, 0, 0, 0))
        rows += bytes(row)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def _nth_working_day_after(day, count, holidays=()):
    """Reference count for the check of a live request: Sunday-Thursday,
    holidays excluded (the vectors below pin the function itself)."""
    while count:
        day += timedelta(days=1)
        if day.weekday() not in (4, 5) and day not in holidays:
            count -= 1
    return day


# Policy C6 by hand: 15 working days (Sunday-Thursday) after completion.
DEADLINE_VECTORS = [
    # Complete Sunday 1 Nov 2026: 2-5, 8-12, 15-19 (14), Sunday 22 (15).
    ("2026-11-01", [], "2026-11-22"),
    # Holiday Tuesday 10 Nov moves it one working day: Monday 23.
    ("2026-11-01", ["2026-11-10"], "2026-11-23"),
    # Complete Thursday 5 Nov, weekend then a holiday on Sunday 8: the count
    # starts Monday 9 - 9-12 (4), 15-19 (9), 22-26 (14), Sunday 29 (15).
    ("2026-11-05", ["2026-11-08"], "2026-11-29"),
    # Complete on Friday 6 Nov (weekend): 8-12 (5), 15-19, 22-26 (15): Thursday 26.
    ("2026-11-06", [], "2026-11-26"),
]


def test_c6_deadline_vectors_over_rpc(login):
    """The public deadline function against dates counted by hand."""
    admin = login("admin")
    company_id = admin.call("res.users", "read", [admin.uid], fields=["company_id"])[0][
        "company_id"
    ][0]
    calendar_id = admin.call(
        "res.company", "read", [company_id], fields=["shaqra_service_calendar_id"]
    )[0]["shaqra_service_calendar_id"][0]
    for complete, holidays, expected in DEADLINE_VECTORS:
        leave_ids = [
            admin.call(
                "resource.calendar.leaves",
                "create",
                {
                    "name": f"Test holiday {day}",
                    "calendar_id": calendar_id,
                    # The whole day in Riyadh (UTC+3), in UTC.
                    "date_from": f"{date.fromisoformat(day) - timedelta(days=1)} 21:00:00",
                    "date_to": f"{day} 20:59:59",
                },
            )
            for day in holidays
        ]
        try:
            deadline = admin.call("res.company", "shaqra_deadline_for", [company_id], complete)
        finally:
            if leave_ids:
                admin.call("resource.calendar.leaves", "unlink", leave_ids)
        assert deadline == expected, (complete, holidays)


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
        {
            "signature": base64.b64encode(_signature_png()).decode(),
            "signed_by": "مستفيدة اختبار النظام",
        },
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
    day = completed.astimezone(ZoneInfo("Asia/Riyadh")).date()
    calendar_id = admin.call(
        "res.company", "read", [request["company_id"][0]], fields=["shaqra_service_calendar_id"]
    )[0]["shaqra_service_calendar_id"][0]
    leaves = admin.call(
        "resource.calendar.leaves",
        "search_read",
        [("calendar_id", "in", [calendar_id, False]), ("resource_id", "=", False)],
        fields=["date_from", "date_to"],
    )
    holidays = set()
    for leave in leaves:
        start = datetime.fromisoformat(leave["date_from"]).replace(tzinfo=ZoneInfo("UTC"))
        end = datetime.fromisoformat(leave["date_to"]).replace(tzinfo=ZoneInfo("UTC"))
        current = start.astimezone(ZoneInfo("Asia/Riyadh")).date()
        while current <= end.astimezone(ZoneInfo("Asia/Riyadh")).date():
            holidays.add(current)
            current += timedelta(days=1)
    expected = _nth_working_day_after(day, 15, holidays).isoformat()
    assert request["date_deadline"] == expected

    # C5: reception cannot skip the committee nor type its decision.
    decided_id = admin.xmlid("shaqra_beneficiary.shaqra_request_stage_decided")
    for values in (
        {"stage_id": decided_id},
        {"decision": "approved", "approved_amount": 50000},
        {"date_deadline": "2030-01-01"},
        {"signed_by": "someone else"},
    ):
        with pytest.raises(OdooRPCError):
            client.call("shaqra.request", "write", [request_id], values)
    unchanged = client.call(
        "shaqra.request",
        "read",
        [request_id],
        fields=["stage_key", "decision", "approved_amount", "date_deadline", "signed_by"],
    )[0]
    assert unchanged["stage_key"] == "awaiting_committee"
    assert not unchanged["decision"] and not unchanged["approved_amount"]
    assert unchanged["date_deadline"] == expected
    assert unchanged["signed_by"] == "مستفيدة اختبار النظام"

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
