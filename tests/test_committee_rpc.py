"""Whole-system path over JSON-RPC: inquiry -> beneficiary -> request ->
complete and signed -> committee decision -> notice (C1, C5, C8, E3).

Configuration is created by the administrator; the demo reception officer
takes the inquiry, converts it and later hands over the notice (reception
sees what it received, E2); the committee work is done by the demo
committee member, as the web client would do it.
"""

import base64

from .test_requests_rpc import _signature_png

# A drawn signature (a blank or near-blank image is refused, C4).
SIGNATURE = base64.b64encode(_signature_png()).decode()


def test_inquiry_to_decision_notice_over_json_rpc(login):
    admin = login("admin")
    committee_user = login("committee")
    reception = login("reception")

    committee_id = admin.call(
        "shaqra.committee",
        "create",
        {"name": "RPC Committee", "member_ids": [(6, 0, [committee_user.uid])], "quorum": 1},
    )
    field_id = admin.call("shaqra.work.field", "create", {"name": "RPC aid"})
    service_id = admin.call(
        "shaqra.service.type",
        "create",
        {"name": "RPC aid", "field_id": field_id, "committee_id": committee_id},
    )

    # C1, F2: the inquiry came through a volunteer and becomes a beneficiary.
    lead_id = reception.call(
        "crm.lead",
        "create",
        {
            "name": "RPC inquiry",
            "type": "lead",
            "is_shaqra_inquiry": True,
            "contact_name": "RPC Beneficiary",
            "shaqra_national_id": "1987654322",
            "mobile": "0509998888",
            "medium_id": admin.xmlid("shaqra_beneficiary.utm_medium_shaqra_volunteer"),
        },
    )
    wizard_id = reception.call(
        "crm.lead.convert.beneficiary",
        "create",
        {"create_request": True, "service_type_id": service_id},
        context={**reception.user_context, "default_lead_id": lead_id},
    )
    reception.call("crm.lead.convert.beneficiary", "action_convert", [wizard_id])
    lead = admin.call("crm.lead", "read", [lead_id], ["beneficiary_id", "shaqra_request_id"])[0]
    assert lead["beneficiary_id"], lead
    request_id = lead["shaqra_request_id"][0]
    beneficiary = admin.call(
        "shaqra.beneficiary", "read", [lead["beneficiary_id"][0]], ["preferred_channel"]
    )[0]
    assert beneficiary["preferred_channel"] == "volunteer"

    # C3, C4: reception collects the signature; complete and signed, the
    # request goes to the committee by the action that checks both.
    reception.call(
        "shaqra.request",
        "write",
        [request_id],
        {"signature": SIGNATURE, "signed_by": "RPC Beneficiary"},
    )
    reception.call("shaqra.request", "action_send_to_committee", [request_id])
    request = admin.call("shaqra.request", "read", [request_id], ["stage_key", "signed_by"])[0]
    assert request == {
        "id": request_id,
        "stage_key": "awaiting_committee",
        "signed_by": "RPC Beneficiary",
    }

    # C5, C8: the member holds the meeting and decides.
    meeting_id = committee_user.call(
        "shaqra.committee.meeting", "create", {"committee_id": committee_id}
    )
    committee_user.call("shaqra.committee.meeting", "action_load_agenda", [meeting_id])
    committee_user.call("shaqra.committee.meeting", "action_start", [meeting_id])
    meeting = committee_user.call(
        "shaqra.committee.meeting", "read", [meeting_id], ["decision_ids"]
    )[0]
    committee_user.call(
        "shaqra.committee.decision",
        "write",
        meeting["decision_ids"],
        {"decision": "approved", "approved_amount": 2500},
    )
    committee_user.call(
        "shaqra.committee.meeting",
        "write",
        [meeting_id],
        {"attendee_ids": [(6, 0, [committee_user.uid])]},
    )
    committee_user.call("shaqra.committee.meeting", "action_close", [meeting_id])
    committee_user.call("shaqra.committee.meeting", "action_approve", [meeting_id])
    state = committee_user.call("shaqra.committee.meeting", "read", [meeting_id], ["state"])
    assert state[0]["state"] == "approved"

    request = admin.call(
        "shaqra.request",
        "read",
        [request_id],
        ["stage_key", "decision", "decided_by_id", "decision_meeting_id"],
    )[0]
    assert request["stage_key"] == "decided"
    assert request["decision"] == "approved"
    assert request["decided_by_id"][0] == committee_user.uid
    assert request["decision_meeting_id"][0] == meeting_id

    # A6, E3: reception hands the decision to the volunteer who delivers it.
    reception.call("shaqra.request", "action_notify_beneficiary", [request_id])
    wizard_id = reception.call(
        "shaqra.notification.wizard",
        "create",
        {"volunteer_name": "RPC Volunteer"},
        context={**reception.user_context, "default_request_id": request_id},
    )
    reception.call("shaqra.notification.wizard", "action_send", [wizard_id])
    notices = admin.call(
        "shaqra.notification",
        "search_read",
        [("request_id", "=", request_id), ("state", "=", "sent")],
        fields=["channel", "kind", "volunteer_name"],
    )
    assert {"channel": "volunteer", "kind": "decision", "volunteer_name": "RPC Volunteer"} in [
        {k: n[k] for k in ("channel", "kind", "volunteer_name")} for n in notices
    ]
    request = admin.call("shaqra.request", "read", [request_id], ["stage_key"])[0]
    assert request["stage_key"] == "notified"
