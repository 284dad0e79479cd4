import re
from datetime import date

from lxml import etree
from lxml import html as lxml_html

from odoo import Command
from odoo.modules.module import get_module_path
from odoo.tests import Form, TransactionCase, freeze_time, new_test_user, tagged
from odoo.tools import mute_logger

from ..tools.hijri import format_gregorian, format_hijri
from .common import ShaqraCommitteeCommon, ShaqraRequestCommon
from .test_website_pages import ShaqraWebsiteCommon

MINUTES = "shaqra_beneficiary.shaqra_committee_meeting_report"


def _right_aligned(th):
    style = (th.get("style") or "").replace(" ", "")
    return "text-align:right" in style


@tagged("post_install", "-at_install")
class TestFirstDayMinutes(ShaqraCommitteeCommon):
    """Policy C8, E3: the printed minutes read right for an Arabic reader."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.sudo().currency_id = cls.env.ref("base.SAR")

    def _minutes_html(self, meeting):
        return self.env["ir.actions.report"]._render_qweb_html(MINUTES, meeting.ids)[0].decode()

    def test_c8_signature_block_lists_each_members_dated_approval(self):
        request = self._complete_request()
        with freeze_time("2022-10-26 07:00:00"):
            meeting = self._meeting(request)
            meeting.decision_ids.write({"decision": "approved", "approved_amount": 2750.5})
            meeting.attendee_ids = self.member_a | self.member_b | self.member_c
            meeting.action_close()
            meeting.with_user(self.member_b).action_approve()
        page = lxml_html.fromstring(self._minutes_html(meeting))
        table = page.xpath("//table[@id='shaqra_minutes_signatures']")[0]
        rows = {
            row.xpath("./td")[0].text_content().strip(): row.xpath("./td")[1]
            for row in table.xpath(".//tbody/tr")
        }
        self.assertEqual(set(rows), {self.member_a.name, self.member_b.name, self.member_c.name})
        approved = " ".join(rows[self.member_b.name].text_content().split())
        self.assertIn("1 ربيع الآخر 1444 هـ", approved)
        self.assertIn("26 أكتوبر 2022 م", approved)
        for member in (self.member_a, self.member_c):
            self.assertEqual(rows[member.name].text_content().strip(), "لم يعتمد بعد")
        # The amount in words: "و" joined to its word.
        text = " ".join(page.text_content().split())
        self.assertIn("ألفان وسبعمائة وخمسون ريال وخمسون هللة", text)

    def test_c8_minutes_table_headers_are_right_aligned(self):
        request = self._complete_request()
        meeting = self._meeting(request)
        page = lxml_html.fromstring(self._minutes_html(meeting))
        headers = page.xpath("//th")
        self.assertGreater(len(headers), 5)
        self.assertEqual([th.text_content() for th in headers if not _right_aligned(th)], [])

    def test_every_shaqra_report_template_aligns_its_headers_right(self):
        """Every table header of every shaqra_* QWeb report is right-aligned (RTL)."""
        views = self.env["ir.ui.view"].search([("type", "=", "qweb")])
        data = self.env["ir.model.data"].search(
            [("model", "=", "ir.ui.view"), ("res_id", "in", views.ids)]
        )
        report_views = data.filtered(
            lambda d: d.module.startswith("shaqra_") and "report" in d.name
        )
        self.assertTrue(report_views)
        for entry in report_views:
            view = self.env["ir.ui.view"].browse(entry.res_id)
            arch = etree.fromstring(view.arch_db.encode())
            for th in arch.iter("th"):
                with self.subTest(view=entry.complete_name):
                    self.assertTrue(_right_aligned(th), etree.tostring(th)[:120])


@tagged("post_install", "-at_install")
class TestFirstDayDeadlineStatistics(ShaqraRequestCommon):
    """Policy C6, G6: management counts the deadlines met and missed, with labels."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.committee = cls.env["shaqra.committee"].create(
            {
                "name": "Statistics committee",
                "member_ids": [Command.set(cls.user_committee.ids)],
                "quorum": 1,
            }
        )
        cls.service.committee_id = cls.committee

    def _complete_at(self, when):
        request = self._ready()
        with freeze_time(when):
            request.action_send_to_committee()
        return request

    def _decide_at(self, request, when):
        with freeze_time(when):
            meeting = self.env["shaqra.committee.meeting"].create(
                {
                    "committee_id": self.committee.id,
                    "decision_ids": [Command.create({"request_id": request.id})],
                }
            )
            meeting.with_user(self.user_committee).action_start()
            meeting.decision_ids.with_user(self.user_committee).write(
                {"decision": "approved", "approved_amount": 100.0}
            )
        self.assertEqual(request.stage_key, "decided")

    def test_c6_statistics_count_met_and_missed_deadlines_by_officer_field_and_month(self):
        met = self._complete_at("2026-11-01 07:00:00")
        late = self._complete_at("2026-11-01 07:00:00")
        overdue = self._complete_at("2026-11-01 07:00:00")
        not_due = self._complete_at("2026-11-12 07:00:00")
        self._decide_at(met, "2026-11-19 10:00:00")
        with freeze_time("2026-11-23 09:00:00"):
            self.env["shaqra.request"]._cron_check_deadlines()
        self._decide_at(late, "2026-11-24 10:00:00")
        self.assertTrue(overdue.is_overdue)
        self.env.flush_all()
        Report = self.env["shaqra.request.deadline.report"].with_user(self.user_manager)
        rows = Report.search([("request_id", "in", (met | late | overdue | not_due).ids)])
        self.assertEqual(
            {row.request_id: row.outcome for row in rows},
            {met: "met", late: "late", overdue: "overdue"},
        )
        ours = [("request_id", "in", rows.request_id.ids)]
        for groupby in ("liaison_officer_id", "field_id", "date_deadline:month"):
            with self.subTest(groupby=groupby):
                groups = Report.read_group(
                    ours, ["met_count:sum", "missed_count:sum", "met_rate:avg"], [groupby]
                )
                self.assertEqual(len(groups), 1)
                self.assertEqual(groups[0]["met_count"], 1)
                self.assertEqual(groups[0]["missed_count"], 2)
                self.assertAlmostEqual(groups[0]["met_rate"], 100.0 / 3, places=1)
        self.assertEqual(rows.liaison_officer_id, self.employee_liaison)
        # Labelled outcomes, not a bare yes/no.
        labels = dict(Report.fields_get(["outcome"])["outcome"]["selection"])
        self.assertEqual(set(labels), {"met", "late", "overdue"})
        # Refused to the officers themselves (G6: management supervises).
        self.assertFalse(
            self.env["shaqra.request.deadline.report"]
            .with_user(self.user_liaison)
            .has_access("read")
        )

    def test_c6_statistics_menu_opens_on_met_and_missed_counts(self):
        action = self.env.ref("shaqra_beneficiary.shaqra_request_action_statistics")
        self.assertEqual(action.res_model, "shaqra.request.deadline.report")
        self.assertEqual(action.view_mode.split(",")[0], "pivot")
        Report = self.env["shaqra.request.deadline.report"]
        arch = etree.fromstring(Report.get_views([(False, "pivot")])["views"]["pivot"]["arch"])
        measures = [f.get("name") for f in arch.xpath("//field[@type='measure']")]
        self.assertEqual(measures, ["met_count", "missed_count", "met_rate"])
        self.assertNotIn("deadline_met", etree.tostring(arch).decode())
        request_pivot = etree.fromstring(
            self.env.ref("shaqra_beneficiary.shaqra_request_view_pivot").arch_db
        )
        self.assertFalse(request_pivot.xpath("//field[@name='deadline_met']"))
        self.assertFalse(request_pivot.xpath("//field[@name='working_days_taken']"))

    def test_g6_liaison_report_headers_are_short_and_wide_enough(self):
        arch = etree.fromstring(
            self.env["shaqra.liaison.report"].get_views([(False, "list")])["views"]["list"]["arch"]
        )
        for name in (
            "request_count",
            "open_count",
            "overdue_count",
            "answered_count",
            "met_count",
            "breached_count",
            "avg_working_days",
        ):
            with self.subTest(field=name):
                field = arch.xpath(f"//field[@name='{name}']")[0]
                self.assertGreaterEqual(int(field.get("width").removesuffix("px")), 90)
                self.assertLessEqual(len(field.get("string")), 12)


ARABIC_LETTER = "[\u0621-\u064a]"
ARABIC_INDIC = "[\u0660-\u0669]"


@tagged("post_install", "-at_install")
class TestFirstDayHr(ShaqraCommitteeCommon):
    """Policy ART4: what HR meets on its first day reads right."""

    def test_art4_version_numbers_are_never_added_up(self):
        versions = (
            ("shaqra.policy", "version"),
            ("shaqra.policy.acknowledgement", "policy_version"),
            ("shaqra.policy.department.copy", "policy_version"),
            ("shaqra.agreement.template", "version"),
            ("shaqra.beneficiary.agreement", "version"),
        )
        for model, name in versions:
            with self.subTest(model=model):
                self.assertFalse(self.env[model].fields_get([name])[name].get("aggregator"))

    def test_art4_demo_employees_work_in_arabic_named_departments(self):
        employees = self.env["hr.employee"].search([("department_id", "!=", False)])
        self.assertTrue(employees)
        for lang in ("ar_001", "en_US"):
            for department in employees.department_id.with_context(lang=lang):
                with self.subTest(lang=lang, department=department.id):
                    self.assertRegex(department.name, ARABIC_LETTER)

    def test_art4_policy_body_follows_the_direction_of_its_text(self):
        for xmlid, model, name in (
            ("shaqra_beneficiary.shaqra_policy_view_form", "shaqra.policy", "body"),
            (
                "shaqra_beneficiary.shaqra_policy_acknowledgement_view_form",
                "shaqra.policy.acknowledgement",
                "policy_body",
            ),
        ):
            with self.subTest(view=xmlid):
                view = self.env.ref(xmlid)
                arch = etree.fromstring(
                    self.env[model].get_views([(view.id, "form")])["views"]["form"]["arch"]
                )
                field = arch.xpath(f"//field[@name='{name}']")[0]
                self.assertIn("o_shaqra_policy_body", field.get("class"))
        files = [
            path
            for path, *_rest in self.env["ir.asset"]._get_asset_paths("web.assets_backend", {})
        ]
        self.assertTrue(any(p.endswith("shaqra_backend.scss") for p in files))

    def test_art4_drawn_signature_is_shown_small(self):
        Ack = self.env["shaqra.policy.acknowledgement"]
        arch = etree.fromstring(Ack.get_views([(False, "form")])["views"]["form"]["arch"])
        field = arch.xpath("//field[@name='signature']")[0]
        self.assertIn("'size': [0, 90]", field.get("options"))


@tagged("post_install", "-at_install")
class TestFirstDayDigits(ShaqraCommitteeCommon):
    """Hijri and Gregorian dates side by side use the same (Latin) digits."""

    def test_hijri_and_gregorian_dates_share_latin_digits(self):
        day = date(2022, 10, 26)
        self.assertEqual(format_hijri(day, "ar_001"), "1 ربيع الآخر 1444 هـ")
        self.assertEqual(format_gregorian(day, "ar_001"), "26 أكتوبر 2022 م")
        self.env["res.lang"]._activate_lang("ar_001")
        policy = self.env.ref("shaqra_beneficiary.shaqra_policy_beneficiary_relationship")
        hijri = policy.with_context(lang="ar_001").approval_date_hijri
        self.assertEqual(hijri, "1 ربيع الآخر 1444 هـ")
        self.assertNotRegex(hijri, ARABIC_INDIC)
        # The printed minutes: dates in Latin digits only.
        request = self._complete_request()
        meeting = self._meeting(request)
        page = lxml_html.fromstring(
            self.env["ir.actions.report"]
            .with_context(lang="ar_001")
            ._render_qweb_html(MINUTES, meeting.ids)[0]
        )
        dates = page.xpath("//td[strong[contains(., 'التاريخ')]]")[0].text_content()
        self.assertRegex(dates, "[0-9]{4} هـ")
        self.assertNotRegex(dates, ARABIC_INDIC)
        # The web client writes dates in Latin digits as well.
        files = [
            path
            for path, *_rest in self.env["ir.asset"]._get_asset_paths("web.assets_backend", {})
        ]
        self.assertTrue(any(p.endswith("shaqra_latin_digits.js") for p in files))
        portal_files = [
            path
            for path, *_rest in self.env["ir.asset"]._get_asset_paths("web.assets_frontend", {})
        ]
        self.assertTrue(any(p.endswith("shaqra_latin_digits.js") for p in portal_files))


@tagged("post_install", "-at_install")
class TestFirstDayRequestForm(ShaqraCommitteeCommon):
    """Policy C2: reception sees the checklist of a new request before saving it."""

    def test_c2_new_request_checklist_fills_from_the_service_before_saving(self):
        self.env["shaqra.service.requirement"].create(
            {"service_type_id": self.service.id, "name": "Proof of income", "is_mandatory": False}
        )
        form = Form(self.env["shaqra.request"])
        form.beneficiary_id = self.beneficiary
        self.assertEqual(len(form.requirement_line_ids), 0)
        form.service_type_id = self.service
        self.assertEqual(len(form.requirement_line_ids), 2)
        with form.requirement_line_ids.edit(0) as line:
            line.is_provided = True
        request = form.save()
        self.assertEqual(request.requirement_line_ids.requirement_id, self.service.requirement_ids)
        self.assertEqual(len(request.requirement_line_ids.filtered("is_provided")), 1)

    def test_notify_beneficiary_hidden_on_an_unsaved_request(self):
        arch = etree.fromstring(
            self.env["shaqra.request"]
            .with_user(self.user_reception)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        buttons = arch.xpath("//button[@name='action_notify_beneficiary']")
        self.assertTrue(buttons)
        for button in buttons:
            self.assertTrue(button.get("invisible").startswith("not id or "))


@tagged("post_install", "-at_install")
class TestFirstDayPortalAndSite(ShaqraWebsiteCommon):
    """The portal says what to do; the site lets a newcomer in (C1, C2, ART3)."""

    def _page(self, url):
        response = self._get(url)
        self.assertEqual(response.status_code, 200, url)
        return lxml_html.fromstring(response.text)

    def test_c2_portal_requirement_lines_say_what_to_do(self):
        self.authenticate("t_benef_one", "t_benef_one")
        page = self._page(f"/my/requests/{self.request_one.id}")
        lines = self.request_one.requirement_line_ids
        expected = {
            "Copy of the national ID": ("o_shaqra_requirement_upload", True),
            "Photo of the damage": ("o_shaqra_requirement_optional", True),
            "Lives in Shaqra": ("o_shaqra_requirement_bring", False),
        }
        for line in lines:
            with self.subTest(line=line.name):
                badge, upload = expected[line.name]
                item = page.xpath(f"//li[@id='requirement_{line.id}']")[0]
                self.assertTrue(item.xpath(f".//span[contains(@class, '{badge}')]"))
                self.assertFalse(
                    item.xpath(".//span[contains(@class, 'text-bg-warning')][.='Missing']")
                )
                self.assertEqual(
                    bool(item.xpath(".//form[contains(@class, 'o_shaqra_upload_form')]")), upload
                )
        self.assertIn("Bring it to reception", page.text_content())
        # Before applying: the same guidance on the service's checklist.
        page = self._page(f"/my/requests/new?service_type_id={self.service.id}")
        guidance = {
            item.xpath("normalize-space(text())"): {
                badge.get("class").split()[-1] for badge in item.xpath("./span")
            }
            for item in page.xpath("//li[span[contains(@class, 'badge')]]")
        }
        self.assertIn("o_shaqra_requirement_bring", guidance["Lives in Shaqra"])
        self.assertIn("o_shaqra_requirement_optional", guidance["Photo of the damage"])
        self.assertNotIn("o_shaqra_requirement_bring", guidance["Copy of the national ID"])

    def test_home_is_the_association_site_and_signup_is_by_invitation(self):
        self.authenticate(None, None)
        response = self._get("/")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("/web/login", response.url)
        self.assertEqual(self.env["website"].get_current_website().auth_signup_uninvited, "b2b")
        self.assertEqual(
            self.env["ir.config_parameter"].sudo().get_param("auth_signup.invitation_scope"),
            "b2b",
        )
        self.assertNotEqual(self.env["res.users"]._get_signup_invitation_scope(), "b2c")
        signup = self._get("/web/signup")
        self.assertNotEqual(signup.status_code, 200)
        login = self._page("/web/login")
        self.assertTrue(login.xpath("//a[@href='/inquiry?register=1']"))

    def test_c1_unlinked_account_is_shown_the_way_to_pre_register(self):
        user = new_test_user(self.env, "t_first_day_unlinked", groups="base.group_portal")
        self.assertFalse(
            user.partner_id.id in self.env["shaqra.beneficiary"].search([]).partner_id.ids
        )
        self.authenticate("t_first_day_unlinked", "t_first_day_unlinked")
        for url in ("/my/requests", "/my/requests/new"):
            with self.subTest(url=url):
                page = self._page(url)
                self.assertTrue(page.xpath("//a[@href='/inquiry?register=1']"))

    def test_c1_visitor_pre_registers_and_is_told_what_to_bring(self):
        self.authenticate(None, None)
        page = self._page(f"/inquiry?register=1&service_id={self.service.id}")
        self.assertTrue(page.xpath("//input[@name='register'][@value='1']"))
        self.assertTrue(page.xpath("//input[@name='national_id'][@required]"))
        self.assertTrue(
            page.xpath(
                f"//select[@name='service_id']/option[@value='{self.service.id}'][@selected]"
            )
        )
        data = {
            "register": "1",
            "name": "Visitor Sara",
            "national_id": "1000000008",
            "mobile": "0551234567",
            "category_id": str(self.category.id),
            "service_id": str(self.service.id),
            "message": "",
            "csrf_token": self._csrf(),
        }
        with mute_logger("odoo.http", "werkzeug"):
            response = self.url_open("/inquiry", data=data, allow_redirects=False)
        self.assertEqual(response.status_code, 200)
        thanks = lxml_html.fromstring(response.text)
        bring = " ".join(
            thanks.xpath("//div[contains(@class, 'o_shaqra_what_to_bring')]")[0]
            .text_content()
            .split()
        )
        for requirement in self.service.requirement_ids:
            self.assertIn(requirement.name, bring)
        lead = self.env["crm.lead"].search([("contact_name", "=", "Visitor Sara")])
        self.assertEqual(len(lead), 1)
        self.assertTrue(lead.is_shaqra_inquiry)
        self.assertEqual(lead.shaqra_national_id, "1000000008")
        self.assertEqual(lead.shaqra_service_type_id, self.service)
        self.assertEqual(lead.shaqra_field_id, self.service.field_id)
        self.assertEqual(lead.user_id, self.user_officer)
        # A hidden service is refused.
        data.update(service_id=str(self.hidden_service.id), csrf_token=self._csrf())
        with mute_logger("odoo.http", "werkzeug"):
            refused = self.url_open("/inquiry", data=data, allow_redirects=False)
        self.assertIn("o_shaqra_form_errors", refused.text)

    def test_art4_policy_text_takes_its_own_direction_on_the_site(self):
        page = self._page(f"/governance/{self.public_policy.id}")
        body = page.xpath("//div[contains(@class, 'o_shaqra_policy_body')]")[0]
        self.assertEqual(body.get("dir"), "auto")


# A count put before a counted noun ("%(count)s متطلب" gives "3 متطلب"): the
# noun's form depends on the number in Arabic, so such phrases read wrong for
# most counts; counts are written as labels instead ("المتطلبات: 3").
COUNT_BEFORE_NOUN = re.compile(
    r"(%\(\w+\)[sd]|%[sd]|/>)\s+(متطلبات?|يوم|أيام|طلبات|وثائق|مستندات?|عضو|أعضاء|"
    r"شخصا?ً?|أشخاص|ساعة|ساعات|ملفات?|حرفًا|شكاوى|مرات?)(?=[\s.،:)]|$)"
)


@tagged("post_install", "-at_install")
class TestFirstDayWording(TransactionCase):
    """Arabic counts agree; date-time columns are wide enough to read."""

    def test_arabic_translations_write_counts_as_labels(self):
        modules = self.env["ir.module.module"].search(
            [("name", "like", "shaqra_%"), ("state", "=", "installed")]
        )
        self.assertTrue(modules)
        wrong = []
        for module in modules:
            path = get_module_path(module.name)
            with open(f"{path}/i18n/ar.po", encoding="utf-8") as po:
                # Each translation, its continuation lines joined.
                entries = re.findall(r'^msgstr ((?:".*"\n?)+)', po.read(), re.MULTILINE)
            for entry in entries:
                text = "".join(re.findall(r'"(.*)"', entry))
                if COUNT_BEFORE_NOUN.search(text):
                    wrong.append(f"{module.name}: {text}")
        self.assertEqual(wrong, [])

    def _narrow_datetime_columns(self, model, lists, where):
        narrow = []
        for node in lists:
            Model = self.env[model]
            if node.tag == "field":
                # A list of a one2many of the form (not of a list inside it).
                relation = Model._fields.get(node.get("name"))
                if relation is None or not relation.comodel_name:
                    continue
                Model = self.env[relation.comodel_name]
                node = node.find("list")
            for column in node.xpath("./field"):
                field = Model._fields.get(column.get("name"))
                if field is None or field.type != "datetime":
                    continue
                if column.get("column_invisible") in ("1", "True"):
                    continue
                if int((column.get("width") or "0px").removesuffix("px")) < 180:
                    narrow.append(f"{where}: {field.name}")
        return narrow

    def test_datetime_list_columns_are_wide_enough(self):
        """Odoo gives a date-time column 145px: an Arabic date-time does not fit."""
        data = self.env["ir.model.data"].search(
            [("model", "=", "ir.ui.view"), ("module", "like", "shaqra_%")]
        )
        views = (
            self.env["ir.ui.view"]
            .browse(data.mapped("res_id"))
            .filtered(lambda v: v.type in ("list", "form") and not v.inherit_id)
        )
        self.assertTrue(views.filtered(lambda v: v.type == "list"))
        narrow = []
        for view in views:
            arch = etree.fromstring(
                self.env[view.model].get_views([(view.id, view.type)])["views"][view.type]["arch"]
            )
            lists = [arch] if view.type == "list" else arch.xpath("//field[list]")
            narrow += self._narrow_datetime_columns(view.model, lists, view.name)
        self.assertEqual(narrow, [])
