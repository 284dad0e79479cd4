from lxml import etree
from lxml import html as lxml_html

from odoo import Command
from odoo.tests import freeze_time, tagged

from .common import ShaqraCommitteeCommon, ShaqraRequestCommon

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
