import base64

from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from .common import PNG


@tagged("post_install", "-at_install")
class TestFirstDayTours(HttpCase):
    """Every role's first day in the browser, in Arabic, at desktop width.

    Each demo login (README, "Demo logins") lands on its start screen, laid
    out right-to-left, and the pages it opens show no English text. The
    committee member plans a meeting from the menu (policy C5, C8), the
    manager's Overdue filter narrows the open requests (policy C6, G6) and
    the beneficiary's portal says what each requirement asks (policy C2).
    """

    browser_size = "1440x900"
    touch_enabled = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Arabic as `make run` loads it: every installed module's catalogue,
        # and the association's website in Arabic.
        cls.env["res.lang"]._activate_lang("ar_001")
        cls.env["ir.module.module"].search([("state", "=", "installed")])._update_translations(
            "ar_001"
        )
        cls.env["website"]._shaqra_setup_public_site()
        # A plain employee (no demo login has only this role).
        cls.employee = new_test_user(
            cls.env,
            "t_first_day_employee",
            groups="base.group_user",
            name="ريم الحربي",
            lang="ar_001",
            tz="Asia/Riyadh",
        )

    def _tour(self, role, login=None, url="/odoo"):
        self.start_tour(url, f"shaqra_first_day_{role}_arabic_tour", login=login or role)

    def test_reception_lands_on_the_requests_received_today(self):
        self._tour("reception")

    def test_liaison_lands_on_its_open_requests(self):
        self._tour("liaison")

    def test_c8_committee_member_plans_a_meeting_for_its_committee(self):
        committee = self.env.ref("shaqra_beneficiary.shaqra_committee_service_review_demo")
        Meeting = self.env["shaqra.committee.meeting"]
        before = Meeting.search([])
        self._tour("committee")
        meeting = Meeting.search([]) - before
        self.assertEqual(len(meeting), 1)
        self.assertEqual(meeting.committee_id, committee)
        self.assertEqual(
            meeting.create_uid, self.env.ref("shaqra_beneficiary.user_committee_demo")
        )

    def test_g6_manager_overdue_filter_narrows_the_pipeline(self):
        open_requests = self.env["shaqra.request"].search([("stage_is_final", "=", False)])
        overdue = open_requests.filtered("is_overdue")
        # The demo data the tour relies on: an overdue request among others.
        self.assertTrue(overdue)
        self.assertLess(len(overdue), len(open_requests))
        self._tour("manager", url="/odoo/action-shaqra_beneficiary.shaqra_request_action")

    def test_art4_hr_lands_on_the_governing_documents(self):
        self._tour("hr")

    def test_art4_employee_lands_on_my_policies(self):
        self._tour("employee", login=self.employee.login)

    def test_c2_beneficiary_portal_says_what_each_requirement_needs(self):
        self._tour("beneficiary", url="/my")


@tagged("post_install", "-at_install")
class TestFirstDayToursPhone(TestFirstDayTours):
    """The same first day on a phone (390x844, touch)."""

    browser_size = "390x844"
    touch_enabled = True
    allow_inherited_tests_method = True


@tagged("post_install", "-at_install")
class TestFirstDaySiteLogo(TransactionCase):
    """The portal and website show the association's logo, not "Your logo"."""

    def test_site_takes_the_association_logo_and_keeps_a_chosen_one(self):
        website = self.env.ref("website.default_website")
        company = website.company_id
        company.logo = base64.b64encode(PNG)
        website.logo = website._default_logo()
        self.env["website"]._shaqra_setup_public_site()
        self.assertEqual(website.logo, company.logo)
        chosen = base64.b64encode(PNG + b"site")
        website.logo = chosen
        self.env["website"]._shaqra_setup_public_site()
        self.assertEqual(website.logo, chosen)


@tagged("post_install", "-at_install")
class TestFirstDayReceptionDemo(TransactionCase):
    """The reception demo login starts on a pipeline with the requests it received."""

    def test_c2_reception_demo_login_sees_the_requests_it_received(self):
        reception = self.env.ref("shaqra_beneficiary.user_reception_demo")
        data = self.env["ir.model.data"].search(
            [("module", "=", "shaqra_beneficiary"), ("model", "=", "shaqra.request")]
        )
        requests = self.env["shaqra.request"].browse(data.mapped("res_id")).exists()
        self.assertTrue(requests)
        self.assertEqual(requests.mapped("create_uid"), reception)
        Request = self.env["shaqra.request"].with_user(reception)
        self.assertEqual(Request.search([("id", "in", requests.ids)]), requests)
        self.assertTrue(Request.search([("stage_is_final", "=", False)]))
        # Its beneficiaries come with them (the files it received requests for).
        beneficiaries = requests.mapped("beneficiary_id")
        self.assertEqual(
            self.env["shaqra.beneficiary"]
            .with_user(reception)
            .search([("id", "in", beneficiaries.ids)]),
            beneficiaries,
        )
