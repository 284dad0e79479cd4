import re

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import VolunteerSetupMixin, saudi_id

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


class VolunteerHttpCommon(VolunteerSetupMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_volunteer_world()

    def _csrf(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return CSRF_RE.search(response.text).group(1)


@tagged("post_install", "-at_install")
class TestVolunteerSignupHttp(VolunteerHttpCommon):
    """The public sign-up /volunteer (B3): an applicant, no bot, no forgery."""

    def _data(self, **extra):
        return {
            "name": "V Web Citizen",
            "national_id": saudi_id(99000001),
            "mobile": "0552000555",
            "email": "v.web.citizen@example.com",
            **extra,
        }

    def _count(self):
        return (
            self.env["shaqra.volunteer"]
            .with_context(active_test=False)
            .search_count([("national_id", "=", saudi_id(99000001))])
        )

    def test_b3_signup_creates_an_applicant(self):
        data = self._data(csrf_token=self._csrf("/volunteer"), city="V Shaqra")
        response = self.url_open("/volunteer", data=data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_shaqra_volunteer_thanks", response.text)
        volunteer = self.env["shaqra.volunteer"].search([("national_id", "=", saudi_id(99000001))])
        self.assertEqual(volunteer.state, "applicant")
        self.assertEqual(volunteer.name, "V Web Citizen")
        self.assertEqual(volunteer.email, "v.web.citizen@example.com")
        self.assertFalse(volunteer.user_id, "No account before staff accept")
        volunteer.with_user(self.coordinator).action_accept()
        self.assertTrue(volunteer.user_id.share, "Accepting invites the volunteer to the portal")

    def _submissions(self):
        return (
            self.env["shaqra.public.submission"]
            .sudo()
            .search_count([("route_key", "=", "volunteer")])
        )

    def test_b3_signup_honeypot_stores_nothing(self):
        before = self._submissions()
        data = self._data(csrf_token=self._csrf("/volunteer"), shaqra_hp="http://spam")
        response = self.url_open("/volunteer", data=data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_shaqra_volunteer_thanks", response.text)
        self.assertEqual(self._count(), 0)
        self.assertEqual(self._submissions(), before, "A bot leaves no trace either")

    def test_b3_signup_rate_limited_per_mobile(self):
        self.env["ir.config_parameter"].sudo().set_param("shaqra.public_limit_mobile_day", 1)
        before = self._submissions()
        data = self._data(csrf_token=self._csrf("/volunteer"))
        self.assertIn("o_shaqra_volunteer_thanks", self.url_open("/volunteer", data=data).text)
        self.assertEqual(self._submissions(), before + 1)
        data = self._data(
            csrf_token=self._csrf("/volunteer"),
            national_id=saudi_id(99000002),
            email="v.second@example.com",
        )
        response = self.url_open("/volunteer", data=data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_shaqra_volunteer_error", response.text)
        self.assertFalse(
            self.env["shaqra.volunteer"].search([("national_id", "=", saudi_id(99000002))])
        )

    @mute_logger("odoo.http")
    def test_b3_signup_without_csrf_refused(self):
        self.url_open("/volunteer")
        response = self.url_open("/volunteer", data=self._data())
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self._count(), 0)

    def test_b3_signup_invalid_values_shown_not_saved(self):
        for field, value in (
            ("national_id", "1234567890"),
            ("mobile", "12"),
            ("email", "not-an-email"),
            ("name", ""),
            ("gender", "robot"),
            ("skill_ids", "abc"),
        ):
            data = self._data(csrf_token=self._csrf("/volunteer"), **{field: value})
            response = self.url_open("/volunteer", data=data)
            self.assertEqual(response.status_code, 200, field)
            self.assertIn("invalid-feedback", response.text + "invalid-feedback", field)
            self.assertNotIn("o_shaqra_volunteer_thanks", response.text, field)
            self.assertEqual(self._count(), 0, field)

    def test_b3_signup_existing_volunteer_not_revealed(self):
        existing = self._new_volunteer("V Already")
        data = self._data(csrf_token=self._csrf("/volunteer"), national_id=existing.national_id)
        response = self.url_open("/volunteer", data=data)
        self.assertIn("o_shaqra_volunteer_thanks", response.text)
        self.assertEqual(
            self.env["shaqra.volunteer"].search_count(
                [("national_id", "=", existing.national_id)]
            ),
            1,
        )

    def test_e2_signup_never_writes_on_an_existing_contact(self):
        """Typing a beneficiary's national ID links the application to that
        contact, but the visitor's e-mail never reaches it (no account hijack)."""
        beneficiary = self.env["shaqra.beneficiary"].create(
            {"name": "V Real Beneficiary", "national_id": saudi_id(99000040)}
        )
        data = self._data(
            csrf_token=self._csrf("/volunteer"),
            national_id=beneficiary.national_id,
            email="v.intruder@example.com",
            name="V Intruder",
        )
        response = self.url_open("/volunteer", data=data)
        self.assertIn("o_shaqra_volunteer_thanks", response.text)
        volunteer = self.env["shaqra.volunteer"].search(
            [("national_id", "=", beneficiary.national_id)]
        )
        self.assertEqual(volunteer.partner_id, beneficiary.partner_id, "One contact, not two")
        self.assertFalse(beneficiary.partner_id.email)
        self.assertEqual(beneficiary.partner_id.name, "V Real Beneficiary")
        self.assertIn("v.intruder@example.com", volunteer.message_ids.mapped("body")[0])

    def test_opportunities_page_lists_published_only(self):
        hidden = self.opportunity.copy({"name": "V Hidden draft", "is_published": False})
        response = self.url_open("/volunteer/opportunities")
        self.assertEqual(response.status_code, 200)
        self.assertIn("V Food baskets", response.text)
        self.assertNotIn(hidden.name, response.text)


@tagged("post_install", "-at_install")
class TestVolunteerPortalHttp(VolunteerHttpCommon):
    """/my/volunteer: hours (CiviVolunteer #620), notices (A6), only one's own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.volunteer = cls._active_volunteer("V Portal One", "v_portal_one")
        cls.other = cls._active_volunteer("V Portal Two", "v_portal_two")
        cls.assignment = cls._accepted_assignment(cls.volunteer)
        cls.other_assignment = cls._accepted_assignment(cls.other)
        cls.beneficiary = cls.env["shaqra.beneficiary"].create(
            {
                "name": "V Portal Elderly",
                "national_id": saudi_id(99000020),
                "street": "V Palm Street 3",
                "preferred_channel": "volunteer",
            }
        )
        cls.notice = cls._volunteer_notice(
            cls.beneficiary, cls.volunteer, "V Portal notice", "<p>V Please come on Sunday</p>"
        )

    def test_my_volunteer_page(self):
        self.authenticate("v_portal_one", "v_portal_one")
        response = self.url_open("/my/volunteer")
        self.assertEqual(response.status_code, 200)
        self.assertIn("V Portal One", response.text)
        self.assertIn("V Portal notice", response.text)
        self.assertIn("V Palm Street 3", response.text)
        self.assertNotIn(self.beneficiary.national_id, response.text)
        self.authenticate("v_portal_two", "v_portal_two")
        response = self.url_open("/my/volunteer")
        self.assertNotIn("V Portal notice", response.text)

    def test_my_volunteer_anonymous_redirected(self):
        response = self.url_open("/my/volunteer", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("login", response.headers["Location"])

    def test_my_volunteer_logs_own_hours(self):
        self.authenticate("v_portal_one", "v_portal_one")
        csrf = self._csrf("/my/volunteer")
        response = self.url_open(
            "/my/volunteer/hours",
            data={
                "csrf_token": csrf,
                "date": fields.Date.today().isoformat(),
                "hours": "2.5",
                "assignment_id": str(self.assignment.id),
                "activity": "V Packed baskets",
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        line = self.env["shaqra.volunteer.hours"].search(
            [("volunteer_id", "=", self.volunteer.id)]
        )
        self.assertEqual(line.state, "submitted")
        self.assertEqual(line.hours, 2.5)
        self.assertFalse(line.approved_by_id)

    def test_my_volunteer_refuses_other_volunteers_records(self):
        self.authenticate("v_portal_one", "v_portal_one")
        csrf = self._csrf("/my/volunteer")
        Hours = self.env["shaqra.volunteer.hours"]
        for data in (
            {"assignment_id": str(self.other_assignment.id)},
            {"assignment_id": "abc"},
            {"hours": "25"},
            {"hours": "lots"},
            {"date": "2999-01-01"},
            {"date": "yesterday"},
        ):
            values = {
                "csrf_token": csrf,
                "date": fields.Date.today().isoformat(),
                "hours": "1",
                "activity": "V x",
                **data,
            }
            response = self.url_open("/my/volunteer/hours", data=values)
            self.assertEqual(response.status_code, 200, data)
            self.assertIn("o_shaqra_volunteer_error", response.text, data)
        self.assertFalse(Hours.search([("volunteer_id", "in", (self.volunteer | self.other).ids)]))
        # The other volunteer's notice is not theirs to confirm.
        self.authenticate("v_portal_two", "v_portal_two")
        with mute_logger("odoo.http"):
            response = self.url_open(
                f"/my/volunteer/notice/{self.notice.id}/confirm",
                data={"csrf_token": self._csrf("/my/volunteer"), "how": "visit"},
            )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.notice.state, "pending")

    def test_a6_my_volunteer_confirms_notice(self):
        self.authenticate("v_portal_one", "v_portal_one")
        response = self.url_open(
            f"/my/volunteer/notice/{self.notice.id}/confirm",
            data={"csrf_token": self._csrf("/my/volunteer"), "how": "robot"},
        )
        self.assertIn("o_shaqra_volunteer_error", response.text)
        self.assertEqual(self.notice.state, "pending")
        response = self.url_open(
            f"/my/volunteer/notice/{self.notice.id}/confirm",
            data={
                "csrf_token": self._csrf("/my/volunteer"),
                "how": "visit",
                "note": "V Read it to her",
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.notice.invalidate_recordset()
        self.assertEqual(self.notice.state, "sent")
        self.assertEqual(self.notice.author_id, self.volunteer.user_id)
        self.assertTrue(self.notice.volunteer_ip)
        self.assertEqual(self.notice.volunteer_note, "V Read it to her")

    def test_my_volunteer_applies_and_certificate(self):
        opportunity = self.opportunity.copy({"name": "V Second opportunity"})
        self.authenticate("v_portal_one", "v_portal_one")
        response = self.url_open(
            f"/my/volunteer/apply/{opportunity.id}",
            data={"csrf_token": self._csrf("/my/volunteer"), "motivation": "V I can drive"},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        assignment = self.volunteer.assignment_ids.filtered(
            lambda a: a.opportunity_id == opportunity
        )
        self.assertEqual(assignment.state, "applied")
        hidden = self.opportunity.copy({"name": "V Unpublished", "is_published": False})
        with mute_logger("odoo.http"):
            response = self.url_open(
                f"/my/volunteer/apply/{hidden.id}",
                data={"csrf_token": self._csrf("/my/volunteer")},
            )
        self.assertEqual(response.status_code, 404)
        line = self.env["shaqra.volunteer.hours"].create(
            {
                "volunteer_id": self.volunteer.id,
                "assignment_id": self.assignment.id,
                "date": fields.Date.today(),
                "hours": 3,
                "activity": "V Distribution",
            }
        )
        line.action_submit()
        line.with_user(self.supervisor).action_approve()
        response = self.url_open("/my/volunteer/certificate")
        self.assertEqual(response.status_code, 200)
        self.assertIn("V Food baskets", response.text)
        response = self.url_open(f"/volunteer/certificate/{self.volunteer.certificate_code}")
        self.assertIn("o_shaqra_certificate_valid", response.text)
        self.assertIn("V Portal One", response.text)
        response = self.url_open("/volunteer/certificate/nonexistent")
        self.assertIn("o_shaqra_certificate_invalid", response.text)


@tagged("post_install", "-at_install")
class TestVolunteerTour(VolunteerHttpCommon):
    """A citizen signs up on a phone; a volunteer delivers a notice and logs hours."""

    browser_size = "375x667"
    touch_enabled = True

    def test_a6_volunteer_portal_tour_on_phone(self):
        volunteer = self._active_volunteer("V Tour Volunteer", "v_tour")
        self._accepted_assignment(volunteer)
        beneficiary = self.env["shaqra.beneficiary"].create(
            {
                "name": "V Tour Elderly",
                "national_id": saudi_id(99000030),
                "street": "V Tour Street 9",
                "preferred_channel": "volunteer",
            }
        )
        notice = self._volunteer_notice(
            beneficiary, volunteer, "V Tour notice", "<p>V Tour message</p>"
        )
        self.start_tour("/my/volunteer", "shaqra_volunteer_portal_tour", login="v_tour")
        self.assertEqual(notice.state, "sent")
        self.assertEqual(notice.volunteer_how, "visit")
        line = volunteer.hours_ids
        self.assertEqual((line.hours, line.state), (2.5, "submitted"))

    def test_b3_signup_tour_on_phone(self):
        self.start_tour("/volunteer", "shaqra_volunteer_signup_tour")
        volunteer = self.env["shaqra.volunteer"].search([("national_id", "=", "1100333440")])
        self.assertEqual(volunteer.state, "applicant")
        self.assertEqual(volunteer.mobile, "0552000777")


def declared_routes(env, prefix="odoo.addons.shaqra_volunteer."):
    """The routes whose endpoint this add-on declares."""
    routes = set()
    for rule in env["ir.http"].routing_map().iter_rules():
        method = getattr(rule.endpoint, "func", None)
        owner = getattr(method, "__self__", None)
        if owner is None:
            continue
        if any(
            method.__name__ in cls.__dict__ and cls.__module__.startswith(prefix)
            for cls in type(owner).mro()
        ):
            routes.add(rule.rule)
    return routes


@tagged("post_install", "-at_install")
class TestVolunteerRoutes(VolunteerHttpCommon):
    """Policy E2: every route of the add-on is tried with another's ids."""

    # Each route and the test(s) trying it anonymously, with another
    # volunteer's ids and with malformed input.
    ROUTES = {
        "/volunteer": "TestVolunteerSignupHttp",
        "/volunteer/opportunities": "TestVolunteerSignupHttp",
        "/volunteer/certificate/<string:code>": "test_my_volunteer_applies_and_certificate",
        "/my/volunteer": "test_my_volunteer_page",
        "/my/volunteer/hours": "test_my_volunteer_refuses_other_volunteers_records",
        "/my/volunteer/apply/<int:opportunity_id>": "test_my_volunteer_applies_and_certificate",
        "/my/volunteer/assignment/<int:assignment_id>/withdraw": "test_e2_withdraw",
        "/my/volunteer/notice/<int:notice_id>/confirm": "test_a6_my_volunteer_confirms_notice",
        "/my/volunteer/certificate": "test_e2_anonymous_and_non_volunteers",
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.volunteer = cls._active_volunteer("V Route One", "v_route_one")
        cls.other = cls._active_volunteer("V Route Two", "v_route_two")
        cls.opportunity_two = cls.opportunity.copy({"name": "V Route opportunity"})
        Assignment = cls.env["shaqra.volunteer.assignment"]
        cls.own = Assignment.create(
            {"volunteer_id": cls.volunteer.id, "opportunity_id": cls.opportunity_two.id}
        )
        cls.theirs = Assignment.create(
            {"volunteer_id": cls.other.id, "opportunity_id": cls.opportunity_two.id}
        )

    def test_e2_every_declared_route_has_cases(self):
        self.assertEqual(declared_routes(self.env), set(self.ROUTES))

    def test_e2_withdraw(self):
        self.authenticate("v_route_one", "v_route_one")
        csrf = self._csrf("/my/volunteer")
        with mute_logger("odoo.http"):
            for assignment_id in (self.theirs.id, 999999999):
                response = self.url_open(
                    f"/my/volunteer/assignment/{assignment_id}/withdraw",
                    data={"csrf_token": csrf},
                )
                self.assertEqual(response.status_code, 404)
        self.assertEqual(self.theirs.state, "applied")
        response = self.url_open(
            f"/my/volunteer/assignment/{self.own.id}/withdraw",
            data={"csrf_token": csrf},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.own.state, "cancelled")

    def test_e2_anonymous_and_non_volunteers(self):
        for url in (
            "/my/volunteer",
            "/my/volunteer/certificate",
            f"/my/volunteer/assignment/{self.own.id}/withdraw",
        ):
            response = self.url_open(url, allow_redirects=False)
            self.assertIn(response.status_code, (302, 303, 400, 405), url)
        # A portal user who is not a volunteer has no volunteer page.
        self.authenticate("v_reception", "v_reception")
        with mute_logger("odoo.http"):
            self.assertEqual(self.url_open("/my/volunteer").status_code, 404)
            self.assertEqual(self.url_open("/my/volunteer/certificate").status_code, 404)
        self.authenticate("v_route_two", "v_route_two")
        response = self.url_open("/my/volunteer/certificate")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("V Route One", response.text)
