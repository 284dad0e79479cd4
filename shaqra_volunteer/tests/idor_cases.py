"""IDOR cases of the volunteer routes (policy E2, A6, B3), run by the base's
``tests/test_idor_routes.py`` when this add-on is installed.

``setup_idor_data(cls)`` adds two active volunteers (portal users
``t_vol_one`` and ``t_vol_two``) with their assignments, hours and a notice
to deliver; ``ROUTE_CASES`` maps each route of this add-on to a function
``(test, failures)`` using the suite's helpers (``_as``, ``_get``, ``_post``,
``_check``). Volunteer two, a portal user who is no volunteer, staff and an
anonymous visitor never see nor change volunteer one's records; the sign-up,
the opportunities and the certificate check are public by design
(``allow_200``) and show nobody's data.
"""

from odoo import fields
from odoo.tests import new_test_user

from odoo.addons.shaqra_beneficiary.tests.common import PNG
from odoo.addons.shaqra_beneficiary.tests.common import SIGNATURE_TEXT as SIGNATURE

from .common import saudi_id

VOLUNTEER_LOGINS = {"vone": "t_vol_one", "vtwo": "t_vol_two"}
# Everybody but volunteer one: anonymous, a portal user who is no volunteer,
# staff (reception) and volunteer two.
OTHERS = (None, "two", "employee", "vtwo")
HUGE_ID = 99999999999


def _publish_volunteer_policy(env):
    policy = env.ref("shaqra_beneficiary.shaqra_policy_volunteer")
    if policy.state in ("draft", "approved"):
        policy.write({"body": "<p>Volunteer management policy</p>", "audience_partner": True})
        if policy.state == "draft":
            policy.action_approve()
        policy.action_publish()
    policy.audience_partner = True


def _active_volunteer(cls, login, name, seed):
    env = cls.env
    user = new_test_user(env, login, groups="base.group_portal", name=name, lang="en_US")
    volunteer = env["shaqra.volunteer"].create(
        {
            "partner_id": user.partner_id.id,
            "national_id": saudi_id(seed),
            "mobile": f"05{seed % 100000000:08d}",
            "email": f"{login}@example.com",
        }
    )
    volunteer.with_user(cls.vol_coordinator).action_accept()
    ack = volunteer._volunteer_acknowledgement().sudo(False).with_user(user)
    ack.write({"declaration_accepted": True})
    ack.action_acknowledge(signature=SIGNATURE, signed_by=name)
    volunteer.with_user(cls.vol_coordinator).action_activate()
    return volunteer


def _assignment(cls, volunteer, opportunity, motivation=False, accept=True):
    assignment = cls.env["shaqra.volunteer.assignment"].create(
        {"volunteer_id": volunteer.id, "opportunity_id": opportunity.id, "motivation": motivation}
    )
    if accept:
        assignment.with_user(cls.vol_coordinator).action_accept()
    return assignment


def setup_idor_data(cls):
    env = cls.env
    _publish_volunteer_policy(env)
    cls.vol_coordinator = new_test_user(
        env, "t_vol_coordinator", groups="shaqra_volunteer.group_volunteer_coordinator"
    )
    Opportunity = env["shaqra.volunteer.opportunity"]
    today = fields.Date.today()
    opportunity_values = {
        "field_id": cls.field.id,
        "place": "IDOR Warehouse",
        "date_start": fields.Date.subtract(today, days=3),
        "date_end": fields.Date.add(today, days=30),
        "seats": 10,
        "is_published": True,
    }
    cls.vol_opportunity = Opportunity.create(dict(opportunity_values, name="IDOR Baskets"))
    cls.vol_opportunity_b = Opportunity.create(dict(opportunity_values, name="IDOR Reading"))
    cls.vol_opportunity_c = Opportunity.create(dict(opportunity_values, name="IDOR Driving"))
    cls.vol_opportunity_hidden = Opportunity.create(
        dict(opportunity_values, name="IDOR-VOL-HIDDEN-OPPORTUNITY", is_published=False)
    )
    cls.volunteer_one = _active_volunteer(cls, "t_vol_one", "IDOR Volunteer One", 66000001)
    cls.volunteer_two = _active_volunteer(cls, "t_vol_two", "IDOR Volunteer Two", 66000002)
    cls.vol_assignment_one = _assignment(
        cls, cls.volunteer_one, cls.vol_opportunity, "IDOR-VOL-MOTIVATION-OF-ONE"
    )
    cls.vol_application_one = _assignment(
        cls, cls.volunteer_one, cls.vol_opportunity_b, "IDOR-VOL-APPLICATION-OF-ONE", False
    )
    cls.vol_assignment_two = _assignment(cls, cls.volunteer_two, cls.vol_opportunity)
    Hours = env["shaqra.volunteer.hours"]
    yesterday = fields.Date.subtract(today, days=1)
    cls.vol_hours_one = Hours.create(
        {
            "volunteer_id": cls.volunteer_one.id,
            "assignment_id": cls.vol_assignment_one.id,
            "date": yesterday,
            "hours": 3,
            "activity": "IDOR-VOL-HOURS-OF-ONE",
        }
    )
    cls.vol_hours_one.action_submit()
    cls.vol_hours_one.with_user(cls.vol_coordinator).action_approve()
    cls.vol_hours_one_pending = Hours.create(
        {
            "volunteer_id": cls.volunteer_one.id,
            "assignment_id": cls.vol_assignment_one.id,
            "date": yesterday,
            "hours": 2,
            "activity": "IDOR-VOL-PENDING-HOURS-OF-ONE",
        }
    )
    cls.vol_hours_one_pending.action_submit()
    cls.vol_elderly = env["shaqra.beneficiary"].create(
        {
            "name": "IDOR-VOL-ELDERLY-OF-ONE",
            "national_id": saudi_id(66000010),
            "street": "IDOR-VOL-STREET-OF-ONE",
            "preferred_channel": "volunteer",
        }
    )
    notice_values = {
        "beneficiary_id": cls.vol_elderly.id,
        "channel": "volunteer",
        "subject": "IDOR-VOL-NOTICE-OF-ONE",
        "body": "<p>IDOR-VOL-NOTICE-BODY-OF-ONE</p>",
        "volunteer_id": cls.volunteer_one.id,
    }
    if "res_model" in env["shaqra.notification"]._fields:
        notice_values.update(res_model="shaqra.beneficiary", res_id=cls.vol_elderly.id)
    cls.vol_notice_one = env["shaqra.notification"].create(notice_values)
    one = cls.volunteer_one
    # What nobody but volunteer one (and staff in the backend) may see.
    cls.vol_markers_one = [
        "IDOR Volunteer One",
        one.national_id,
        one.mobile,
        one.email,
        one.certificate_code,
        "IDOR-VOL-MOTIVATION-OF-ONE",
        "IDOR-VOL-APPLICATION-OF-ONE",
        "IDOR-VOL-HOURS-OF-ONE",
        "IDOR-VOL-PENDING-HOURS-OF-ONE",
        "IDOR-VOL-ELDERLY-OF-ONE",
        "IDOR-VOL-STREET-OF-ONE",
        "IDOR-VOL-NOTICE-OF-ONE",
        "IDOR-VOL-NOTICE-BODY-OF-ONE",
        "IDOR-VOL-HIDDEN-OPPORTUNITY",
    ]
    cls.markers_one = [*cls.markers_one, *cls.vol_markers_one]


def _as(test, who):
    if who in VOLUNTEER_LOGINS:
        test.authenticate(VOLUNTEER_LOGINS[who], VOLUNTEER_LOGINS[who])
    else:
        test._as(who)


def _snapshot(test):
    """Volunteer one's records and the volunteer tables, to compare after the cases."""
    test.env.invalidate_all()
    env = test.env
    one = test.volunteer_one
    notice = test.vol_notice_one
    return (
        env["shaqra.volunteer"].with_context(active_test=False).search_count([]),
        one.state,
        one.partner_id.read(["name", "email", "mobile", "city"]),
        sorted((a.id, a.opportunity_id.id, a.state, a.motivation) for a in one.assignment_ids),
        sorted((h.id, h.state, h.hours, h.activity, str(h.date)) for h in one.hours_ids),
        one.hours_approved,
        (
            notice.state,
            notice.volunteer_confirmed_on,
            notice.volunteer_how,
            notice.volunteer_note,
            notice.volunteer_proof_attachment_id.id,
        ),
        env["ir.attachment"]
        .sudo()
        .search_count([("res_model", "=", "shaqra.notification"), ("res_id", "=", notice.id)]),
        len(one.message_ids),
        len(notice.message_ids),
    )


def _unchanged(test, failures, before, what):
    after = _snapshot(test)
    if after != before:
        failures.append(f"{what}: volunteer one's records changed {before} -> {after}")


def cases_my_volunteer(test, failures):
    one = test.volunteer_one
    for url in (
        "/my/volunteer",
        f"/my/volunteer?volunteer_id={one.id}",
        f"/my/volunteer?partner_id={one.partner_id.id}&message=%3Cscript%3E",
    ):
        for who in OTHERS:
            _as(test, who)
            test._check(
                failures,
                f"{who or 'anonymous'} GET {url}",
                test._get(url),
                test.markers_one,
                allow_200=who == "vtwo",
            )
    # A portal user who is no volunteer has no volunteer page at all.
    for who in ("two", "employee"):
        _as(test, who)
        status = test._get("/my/volunteer").status_code
        if status != 404:
            failures.append(f"{who} GET /my/volunteer: HTTP {status}, not 404")


def cases_hours(test, failures):
    before = _snapshot(test)
    today = fields.Date.today().isoformat()
    good = {"date": today, "hours": "1", "activity": "IDOR intruder hours"}
    one = test.volunteer_one
    theirs = {
        "assignment_id": str(test.vol_assignment_one.id),
        "volunteer_id": str(one.id),
    }
    for who in (None, "two", "employee"):
        _as(test, who)
        test._check(
            failures,
            f"{who or 'anonymous'} POST /my/volunteer/hours",
            test._post("/my/volunteer/hours", dict(good, **theirs)),
            test.markers_one,
        )
    _as(test, "vtwo")
    Hours = test.env["shaqra.volunteer.hours"].sudo()
    two_before = Hours.search_count([("volunteer_id", "=", test.volunteer_two.id)])
    for label, data in (
        ("one's assignment", {"assignment_id": str(test.vol_assignment_one.id)}),
        ("one's application", {"assignment_id": str(test.vol_application_one.id)}),
        ("missing assignment", {"assignment_id": "999999999"}),
        ("huge assignment", {"assignment_id": str(HUGE_ID)}),
        ("negative assignment", {"assignment_id": "-1"}),
        ("words for an assignment", {"assignment_id": "one"}),
        ("negative hours", {"hours": "-3"}),
        ("more than 24 hours", {"hours": "25"}),
        ("words for hours", {"hours": "three"}),
        ("infinite hours", {"hours": "inf"}),
        ("future date", {"date": "2999-01-01"}),
        ("words for a date", {"date": "yesterday"}),
    ):
        response = test._post("/my/volunteer/hours", dict(good, **data))
        label = f"vtwo POST /my/volunteer/hours ({label})"
        test._check(failures, label, response, test.markers_one, allow_200=True)
        if response.status_code != 200 or "o_shaqra_volunteer_error" not in response.text:
            failures.append(f"{label}: HTTP {response.status_code} without an error message")
    if Hours.search_count([("volunteer_id", "=", test.volunteer_two.id)]) != two_before:
        failures.append("volunteer two's refused hours were saved")
    # The volunteer named in the form is ignored: the hours are two's own.
    response = test._post("/my/volunteer/hours", dict(good, volunteer_id=str(one.id)))
    test._check(
        failures, "vtwo POST /my/volunteer/hours (one's id)", response, test.markers_one, True
    )
    lines = Hours.search([("volunteer_id", "=", test.volunteer_two.id)])
    if len(lines) != two_before + 1:
        failures.append(f"vtwo's own hours: {len(lines) - two_before} lines, not 1")
    _unchanged(test, failures, before, "POST /my/volunteer/hours")


def cases_apply(test, failures):
    before = _snapshot(test)
    one = test.volunteer_one
    Assignment = test.env["shaqra.volunteer.assignment"].sudo()
    count = Assignment.search_count([])
    data = {"motivation": "IDOR intruder", "volunteer_id": str(one.id)}
    for who in (None, "two", "employee"):
        _as(test, who)
        for opportunity in (test.vol_opportunity_c, test.vol_opportunity_hidden):
            url = f"/my/volunteer/apply/{opportunity.id}"
            test._check(
                failures,
                f"{who or 'anonymous'} POST {url}",
                test._post(url, data),
                test.markers_one,
            )
    _as(test, "vtwo")
    for opportunity_id in (test.vol_opportunity_hidden.id, 999999999, HUGE_ID):
        url = f"/my/volunteer/apply/{opportunity_id}"
        test._check(failures, f"vtwo POST {url}", test._post(url, data), test.markers_one)
    # Two already holds a seat on this one: a message, nothing new.
    url = f"/my/volunteer/apply/{test.vol_opportunity.id}"
    response = test._post(url, data)
    test._check(failures, f"vtwo POST {url} (again)", response, test.markers_one, True)
    if Assignment.search_count([]) != count:
        failures.append("an application was created")
    _unchanged(test, failures, before, "POST /my/volunteer/apply")


def cases_withdraw(test, failures):
    before = _snapshot(test)
    ids = (
        test.vol_assignment_one.id,
        test.vol_application_one.id,
        999999999,
        HUGE_ID,
    )
    for who in OTHERS:
        _as(test, who)
        for assignment_id in ids:
            url = f"/my/volunteer/assignment/{assignment_id}/withdraw"
            test._check(
                failures,
                f"{who or 'anonymous'} POST {url}",
                test._post(url, {"volunteer_id": str(test.volunteer_one.id)}),
                test.markers_one,
            )
    _unchanged(test, failures, before, "POST /my/volunteer/assignment/<id>/withdraw")


def cases_confirm(test, failures):
    before = _snapshot(test)
    base_notice = test.notice_one
    base_state = base_notice.state
    data = {"how": "visit", "note": "IDOR intruder"}
    # With a valid delivery photo: only the notice's own volunteer may confirm it.
    photo = {"proof": ("delivery.png", PNG, "image/png")}
    for who in OTHERS:
        _as(test, who)
        for notice_id in (test.vol_notice_one.id, base_notice.id, 999999999, HUGE_ID):
            url = f"/my/volunteer/notice/{notice_id}/confirm"
            test._check(
                failures,
                f"{who or 'anonymous'} POST {url}",
                test._post(url, data, photo),
                test.markers_one,
            )
    # Volunteer one cannot deliver a notice that names no volunteer either.
    _as(test, "vone")
    url = f"/my/volunteer/notice/{base_notice.id}/confirm"
    test._check(failures, f"vone POST {url}", test._post(url, data, photo), test.markers_two)
    base_notice.invalidate_recordset()
    if base_notice.state != base_state:
        failures.append(f"the beneficiary's notice went {base_state} -> {base_notice.state}")
    _unchanged(test, failures, before, "POST /my/volunteer/notice/<id>/confirm")


def cases_my_certificate(test, failures):
    one = test.volunteer_one
    for url in (
        "/my/volunteer/certificate",
        f"/my/volunteer/certificate?volunteer_id={one.id}",
    ):
        for who in OTHERS:
            _as(test, who)
            test._check(
                failures,
                f"{who or 'anonymous'} GET {url}",
                test._get(url),
                test.markers_one,
                allow_200=who == "vtwo",
            )


def cases_signup(test, failures):
    before = _snapshot(test)
    one = test.volunteer_one
    for who in OTHERS:
        _as(test, who)
        test._check(
            failures,
            f"{who or 'anonymous'} GET /volunteer",
            test._get("/volunteer"),
            test.markers_one,
            allow_200=True,
        )
    # Volunteer one's national ID with another name, mobile and e-mail: the
    # same thank-you page, one's contact data untouched, nothing created.
    for who in (None, "vtwo"):
        _as(test, who)
        response = test._post(
            "/volunteer",
            {
                "name": "IDOR Impostor",
                "national_id": one.national_id,
                "mobile": "0559998877",
                "email": "impostor@example.com",
                "city": "IDOR City",
            },
        )
        test._check(
            failures,
            f"{who or 'anonymous'} POST /volunteer with one's ID",
            response,
            test.markers_one,
            allow_200=True,
        )
        if "o_shaqra_volunteer_thanks" not in response.text:
            failures.append(f"{who or 'anonymous'} POST /volunteer with one's ID: not thanked")
    _unchanged(test, failures, before, "POST /volunteer")


def cases_opportunities(test, failures):
    for url in ("/volunteer/opportunities", "/volunteer/opportunities?published=0"):
        for who in OTHERS:
            _as(test, who)
            response = test._get(url)
            test._check(
                failures, f"{who or 'anonymous'} GET {url}", response, test.markers_one, True
            )
            if response.status_code == 200 and "IDOR Baskets" not in response.text:
                failures.append(f"{who or 'anonymous'} GET {url}: published opportunity missing")


def cases_certificate_check(test, failures):
    one = test.volunteer_one
    code = one.certificate_code
    # The code itself is in the address the visitor typed.
    private = [m for m in test.vol_markers_one if m not in ("IDOR Volunteer One", code)]
    for who in OTHERS:
        _as(test, who)
        for bad in (
            "0" * 16,
            code[:-1],
            code.upper() if code.upper() != code else code + "x",
            "%25",
            "*",
            "' OR '1'='1",
            f"{code[:8]}%00{code[9:]}",
            "5" * 5000,
        ):
            url = f"/volunteer/certificate/{bad}"
            response = test._get(url)
            test._check(
                failures, f"{who or 'anonymous'} GET {url[:80]}", response, test.markers_one, True
            )
            if response.status_code == 200 and "o_shaqra_certificate_invalid" not in response.text:
                failures.append(f"{who or 'anonymous'} GET {url[:80]}: accepted as valid")
        # The real code shows the name and the approved hours, nothing more.
        url = f"/volunteer/certificate/{code}"
        response = test._get(url)
        test._check(failures, f"{who or 'anonymous'} GET own code", response, private, True)
        if "o_shaqra_certificate_valid" not in response.text:
            failures.append(f"{who or 'anonymous'} GET {url}: a valid code was refused")


ROUTE_CASES = {
    "/my/volunteer": cases_my_volunteer,
    "/my/volunteer/hours": cases_hours,
    "/my/volunteer/apply/<int:opportunity_id>": cases_apply,
    "/my/volunteer/assignment/<int:assignment_id>/withdraw": cases_withdraw,
    "/my/volunteer/notice/<int:notice_id>/confirm": cases_confirm,
    "/my/volunteer/certificate": cases_my_certificate,
    "/volunteer": cases_signup,
    "/volunteer/opportunities": cases_opportunities,
    "/volunteer/certificate/<string:code>": cases_certificate_check,
}
