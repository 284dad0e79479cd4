import base64

from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged
from odoo.tools import file_open

from ..models.res_users_home import HOME_ACTIONS
from .common import ShaqraCommitteeCommon

# Each demo login and the screen it starts its day on: (login, action, the
# search filters switched on by default).
DEMO_LANDINGS = (
    ("reception", "shaqra_beneficiary.shaqra_request_action", {"open", "received_today"}),
    ("liaison", "shaqra_beneficiary.shaqra_request_action", {"my_requests", "open"}),
    ("committee", "shaqra_beneficiary.shaqra_committee_meeting_action", {"my_committees"}),
    ("manager", None, None),  # the role screen of the hook: see _role_screen()
    ("hr", "shaqra_beneficiary.shaqra_policy_action", set()),
)


def _default_filters(action):
    context = action.get("context") or {}
    return {key[len("search_default_") :] for key in context if key.startswith("search_default_")}


@tagged("post_install", "-at_install")
class TestFirstDayLanding(TransactionCase):
    """Every role starts its day on its own screen, not in Discuss."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.home = cls.env.ref("shaqra_beneficiary.action_shaqra_home")

    def _role_screen(self, group):
        """The action and filters the home hook gives ``group`` (add-ons may
        give management a better first screen than the pipeline)."""
        for role_group, xmlid, context in self.env["res.users"]._shaqra_home_actions():
            if role_group == group:
                return xmlid, _default_filters({"context": context})
        return None, None

    def test_g5_home_hook_keeps_every_role_and_the_base_defaults(self):
        """The hook lists every role once, most senior first; without an add-on
        replacing it, management starts on the open pipeline."""
        rows = self.env["res.users"]._shaqra_home_actions()
        self.assertEqual([row[0] for row in rows], [row[0] for row in HOME_ACTIONS])
        self.assertEqual(
            HOME_ACTIONS[0],
            (
                "shaqra_beneficiary.group_manager",
                "shaqra_beneficiary.shaqra_request_action",
                {"search_default_open": 1},
            ),
        )
        for _group, xmlid, _context in rows:
            self.assertTrue(self.env.ref(xmlid, raise_if_not_found=False), xmlid)

    def _landing(self, user):
        self.assertEqual(user.action_id.id, self.home.id)
        return self.home.with_user(user).run()

    def test_demo_logins_land_on_their_role_screen(self):
        for login, xmlid, filters in DEMO_LANDINGS:
            if xmlid is None:
                xmlid, filters = self._role_screen("shaqra_beneficiary.group_manager")
            with self.subTest(login=login):
                user = self.env["res.users"].search([("login", "=", login)])
                self.assertEqual(len(user), 1)
                action = self._landing(user)
                self.assertEqual(action["id"], self.env.ref(xmlid).id)
                self.assertEqual(_default_filters(action), filters)

    def test_new_staff_land_on_their_role_screen(self):
        """A user created later gets the same start screen for their role."""
        cases = (
            ("shaqra_beneficiary.group_reception", "shaqra_beneficiary.shaqra_request_action"),
            (
                "shaqra_beneficiary.group_committee_member",
                "shaqra_beneficiary.shaqra_committee_meeting_action",
            ),
            ("hr.group_hr_manager", "shaqra_beneficiary.shaqra_policy_action"),
            ("base.group_user", "shaqra_beneficiary.shaqra_policy_acknowledgement_action_my"),
        )
        for index, (group, xmlid) in enumerate(cases):
            with self.subTest(group=group):
                user = new_test_user(self.env, f"t_first_day_{index}", groups=group)
                action = self._landing(user)
                self.assertEqual(action["id"], self.env.ref(xmlid).id)

    def test_a_role_change_moves_the_start_screen(self):
        user = new_test_user(self.env, "t_first_day_promoted", groups="base.group_user")
        user.groups_id = [(4, self.env.ref("shaqra_beneficiary.group_manager").id)]
        action = self._landing(user)
        xmlid, filters = self._role_screen("shaqra_beneficiary.group_manager")
        self.assertEqual(action["id"], self.env.ref(xmlid).id)
        self.assertEqual(_default_filters(action), filters)


@tagged("post_install", "-at_install")
class TestFirstDayTour(HttpCase):
    """Each role logs in and lands on its screen, in Arabic, right-to-left."""

    def test_reception_lands_on_its_pipeline_tour(self):
        self.start_tour("/odoo", "shaqra_first_day_reception_tour", login="reception")

    def test_c8_committee_member_plans_a_meeting_from_the_menu_tour(self):
        committee = self.env.ref("shaqra_beneficiary.shaqra_committee_service_review_demo")
        user = self.env.ref("shaqra_beneficiary.user_committee_demo")
        before = self.env["shaqra.committee.meeting"].search([])
        self.start_tour("/odoo", "shaqra_first_day_committee_tour", login="committee")
        meeting = self.env["shaqra.committee.meeting"].search([]) - before
        self.assertEqual(len(meeting), 1)
        self.assertEqual(meeting.committee_id, committee)
        self.assertEqual(meeting.create_uid, user)
        self.assertEqual(meeting.state, "draft")


@tagged("post_install", "-at_install")
class TestFirstDayCommittee(ShaqraCommitteeCommon):
    """Policy C5, C8: a committee member plans a meeting from the menu."""

    def _committee_choices(self, user):
        Meeting = self.env["shaqra.committee.meeting"].with_user(user)
        domain = Meeting.fields_get(["committee_id"])["committee_id"]["domain"]
        return self.env["shaqra.committee"].with_user(user).search(domain)

    def test_c8_new_meeting_offers_the_members_committees(self):
        other = self.env["shaqra.committee"].create(
            {"name": "Housing Committee", "member_ids": [(6, 0, self.outsider.ids)], "quorum": 1}
        )
        self.assertEqual(self._committee_choices(self.member_a), self.committee)
        self.assertEqual(self._committee_choices(self.outsider), other)
        manager_choices = self._committee_choices(self.user_manager)
        self.assertIn(self.committee, manager_choices)
        self.assertIn(other, manager_choices)
        # The member creates the meeting from the menu, without a context.
        meeting = (
            self.env["shaqra.committee.meeting"]
            .with_user(self.member_a)
            .create({"committee_id": self.committee.id})
        )
        self.assertEqual(meeting.company_id, self.committee.company_id)

    def test_c5_load_agenda_takes_the_eligible_and_lists_the_skipped(self):
        signed = self._complete_request()
        unsigned = self.env["shaqra.request"].create(
            {"beneficiary_id": self.beneficiary.id, "service_type_id": self.service.id}
        )
        # An unsigned request left in Awaiting committee by older data.
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE shaqra_request SET stage_id = %s, stage_key = 'awaiting_committee' "
            "WHERE id = %s",
            (self.stage["awaiting_committee"].id, unsigned.id),
        )
        unsigned.invalidate_recordset()
        self.assertEqual(unsigned.stage_key, "awaiting_committee")
        meeting = (
            self.env["shaqra.committee.meeting"]
            .with_user(self.member_a)
            .create({"committee_id": self.committee.id})
        )
        result = meeting.action_load_agenda()
        self.assertEqual(meeting.request_ids, signed)
        self.assertEqual(result["tag"], "display_notification")
        self.assertIn(unsigned.name, result["params"]["message"])
        self.assertIn("signed", result["params"]["message"])
        self.assertEqual(unsigned.stage_key, "awaiting_committee")

    def test_c5_load_agenda_refuses_when_nothing_is_eligible(self):
        unsigned = self.env["shaqra.request"].create(
            {"beneficiary_id": self.beneficiary.id, "service_type_id": self.service.id}
        )
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE shaqra_request SET stage_id = %s, stage_key = 'awaiting_committee' "
            "WHERE id = %s",
            (self.stage["awaiting_committee"].id, unsigned.id),
        )
        unsigned.invalidate_recordset()
        meeting = (
            self.env["shaqra.committee.meeting"]
            .with_user(self.member_a)
            .create({"committee_id": self.committee.id})
        )
        with self.assertRaisesRegex(UserError, unsigned.name):
            meeting.action_load_agenda()
        self.assertFalse(meeting.decision_ids)

    def test_meetings_kanban_shows_every_state(self):
        action = self.env.ref("shaqra_beneficiary.shaqra_committee_meeting_action")
        self.assertEqual(action.view_mode.split(",")[0], "kanban")
        groups = (
            self.env["shaqra.committee.meeting"]
            .with_user(self.member_a)
            .read_group([], ["state"], ["state"])
        )
        self.assertEqual(
            [group["state"] for group in groups], ["draft", "in_progress", "held", "approved"]
        )

    def test_attendance_picker_offers_the_members_by_name(self):
        arch = (
            self.env["shaqra.committee.meeting"]
            .with_user(self.member_a)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        field = etree.fromstring(arch).xpath("//field[@name='attendee_ids']")[0]
        self.assertEqual(field.get("widget"), "many2many_tags")
        self.assertIn("member_ids", field.get("domain"))


@tagged("post_install", "-at_install")
class TestFirstDayDemoData(TransactionCase):
    """The demo data obeys the rules it demonstrates (policy C4, C5, C8)."""

    def _demo(self, model):
        names = (
            self.env["ir.model.data"]
            .search([("module", "=", "shaqra_beneficiary"), ("model", "=", model)])
            .filtered(lambda data: data.name.endswith("_demo"))
        )
        return self.env[model].browse(names.mapped("res_id")).exists()

    def test_c4_no_unsigned_demo_request_past_the_completeness_check(self):
        requests = self._demo("shaqra.request")
        self.assertTrue(requests)
        past = requests.filtered(
            lambda r: r.stage_key
            in ("awaiting_committee", "committee_review", "decided", "notified", "closed")
        )
        self.assertTrue(past)
        self.assertFalse(past.filtered(lambda r: not r.is_signed or not r.signed_on))

    def test_c5_demo_decisions_come_from_a_meeting(self):
        requests = self._demo("shaqra.request")
        decided = requests.filtered(lambda r: r.stage_key in ("decided", "notified", "closed"))
        self.assertEqual(len(decided), 3)
        for request in decided:
            with self.subTest(request=request.name):
                line = self.env["shaqra.committee.decision"].search(
                    [("request_id", "=", request.id), ("decision", "!=", False)]
                )
                self.assertEqual(len(line), 1)
                self.assertEqual(line.meeting_id, request.decision_meeting_id)
                self.assertEqual(line.meeting_id.state, "approved")
                self.assertEqual(line.decision, request.decision)
        in_review = requests.filtered(lambda r: r.stage_key == "committee_review")
        self.assertTrue(in_review)
        meetings = self.env["shaqra.committee.meeting"].search(
            [("request_ids", "in", in_review.ids)]
        )
        self.assertEqual(meetings.mapped("state"), ["draft"])

    def test_demo_services_are_unique_and_have_a_committee(self):
        services = self._demo("shaqra.service.type").filtered("active")
        self.assertTrue(services)
        self.assertFalse(services.filtered(lambda s: not s.committee_id))
        names = services.mapped("name")
        self.assertEqual(len(names), len(set(names)))

    def test_demo_company_is_the_association_with_its_letterhead(self):
        company = self.env.ref("base.main_company")
        self.assertEqual(company.country_id, self.env.ref("base.sa"))
        self.assertEqual(company.city, "شقراء")
        self.assertTrue(company.street and company.phone)
        logo = file_open("shaqra_beneficiary/demo/shaqra_association_logo.png", "rb").read()
        self.assertEqual(base64.b64decode(company.logo), logo)
        meeting = self.env.ref("shaqra_beneficiary.shaqra_committee_meeting_recent_demo")
        html = (
            self.env["ir.actions.report"]
            .with_context(lang="ar_001")
            ._render_qweb_html("shaqra_beneficiary.shaqra_committee_meeting_report", meeting.ids)[
                0
            ]
            .decode()
        )
        self.assertIn(company.street, html)
        self.assertNotIn("Executive Park", html)
        self.assertIn('dir="rtl"', html.split(company.street)[0].rsplit("<div", 1)[1])


@tagged("post_install", "-at_install")
class TestFirstDayViews(ShaqraCommitteeCommon):
    """What managers and HR meet on their first day reads and behaves right."""

    def _search_arch(self, xmlid):
        view = self.env.ref(xmlid)
        return etree.fromstring(
            self.env[view.model].get_views([(view.id, "search")])["views"]["search"]["arch"]
        )

    def _filter_groups(self, arch):
        """The filters of a search view, as Odoo groups them (separators split)."""
        groups, current = [], []
        for node in arch:
            if node.tag == "filter" and not node.get("context"):
                current.append(node.get("name"))
            elif node.tag in ("separator", "group") and current:
                groups.append(current)
                current = []
        if current:
            groups.append(current)
        return groups

    def test_g6_overdue_filter_narrows_the_open_requests(self):
        groups = self._filter_groups(
            self._search_arch("shaqra_beneficiary.shaqra_request_view_search")
        )
        group_of = {name: index for index, group in enumerate(groups) for name in group}
        self.assertNotEqual(group_of["overdue"], group_of["open"])
        self.assertNotEqual(group_of["received_today"], group_of["open"])
        # Filters of different groups are combined with AND: "Overdue" narrows.

    def test_c5_notify_wizard_refuses_a_meeting_in_the_past(self):
        self.beneficiary.preferred_channel = "meeting"
        request = self._complete_request()
        meeting = self._meeting(request)
        meeting.decision_ids.write({"decision": "approved", "approved_amount": 1500.0})
        wizard = (
            self.env["shaqra.notification.wizard"]
            .with_user(self.officer_user)
            .with_context(default_request_id=request.id)
            .create({"channel": "meeting", "meeting_start": "2020-01-05 08:00:00"})
        )
        warning = wizard._onchange_meeting_start()
        self.assertIn("past", warning["warning"]["message"])
        with self.assertRaisesRegex(UserError, "past"):
            wizard.action_send()
        # Nothing logged: no notice carries the refused meeting date.
        self.assertFalse(request.notification_ids.filtered("meeting_start"))
        wizard.meeting_start = False
        with self.assertRaises(UserError):
            wizard.action_send()
        arch = etree.fromstring(
            self.env["shaqra.notification.wizard"].get_views([(False, "form")])["views"]["form"][
                "arch"
            ]
        )
        field = arch.xpath("//field[@name='meeting_start']")[0]
        self.assertIn("min_date", field.get("options"))

    def test_art4_policies_app_opens_on_governing_documents_for_hr(self):
        root = self.env.ref("shaqra_beneficiary.shaqra_policy_menu_root")
        home = self.env.ref("shaqra_beneficiary.action_shaqra_policies_home")
        self.assertEqual(root.action, home)
        hr_user = new_test_user(self.env, "t_first_day_hr", groups="hr.group_hr_manager")
        self.assertEqual(
            home.with_user(hr_user).run()["id"],
            self.env.ref("shaqra_beneficiary.shaqra_policy_action").id,
        )
        self.assertEqual(
            home.with_user(self.user_employee).run()["id"],
            self.env.ref("shaqra_beneficiary.shaqra_policy_acknowledgement_action_my").id,
        )

    def test_art4_compliance_list_does_not_add_up_versions(self):
        Ack = self.env["shaqra.policy.acknowledgement"]
        self.assertFalse(Ack.fields_get(["policy_version"])["policy_version"].get("aggregator"))

    def test_labels_do_not_borrow_core_translations(self):
        """'State' and 'Title' are translated by Odoo as a province and an honorific."""
        labels = {
            ("shaqra.committee.meeting", "state"): "Meeting Status",
            ("shaqra.data.change.request", "state"): "Correction Status",
            ("shaqra.policy", "name"): "Document Title",
        }
        for (model, field), label in labels.items():
            with self.subTest(model=model, field=field):
                self.assertEqual(self.env[model]._fields[field].string, label)

    def test_portal_counts_read_as_arabic_labels(self):
        arch = self.env.ref("shaqra_beneficiary.portal_shaqra_request_new").arch_db
        self.assertNotIn("requirement(s)", arch)
        self.assertIn("Requirements:", arch)
