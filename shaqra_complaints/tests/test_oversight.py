import base64
import io
from datetime import date, datetime, timedelta

import openpyxl

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import ShaqraComplaintCommon

FIGURES = (
    "request_open",
    "request_due_week",
    "request_overdue",
    "request_met",
    "request_missed",
    "request_answered",
    "complaint_on_track",
    "complaint_at_risk",
    "complaint_breached",
    "complaint_decided",
    "complaint_settled",
    "inquiry_open",
    "visit_planned",
    "visit_done",
    "ack_pending",
    "ack_done",
    "ack_all",
)


class OversightCommon(ShaqraComplaintCommon):
    """A second liaison officer with a beneficiary of his own, and a campaign."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.user_liaison_2 = new_test_user(
            env, "t_ovw_liaison2", groups="shaqra_beneficiary.group_liaison_officer"
        )
        cls.officer_2 = env["hr.employee"].create(
            {"name": "Officer Majed", "user_id": cls.user_liaison_2.id}
        )
        cls.category_2 = env["shaqra.beneficiary.category"].create({"name": "Ovw orphans"})
        env["shaqra.liaison.assignment"].create(
            {
                "category_id": cls.category_2.id,
                "field_id": cls.work_field.id,
                "employee_id": cls.officer_2.id,
            }
        )
        cls.beneficiary_2 = env["shaqra.beneficiary"].create(
            {
                "name": "Hessa Al-Shehri",
                "national_id": "1333333332",
                "category_id": cls.category_2.id,
                "field_id": cls.work_field.id,
                "preferred_channel": "email",
                "email": "hessa@example.com",
            }
        )
        cls.overall = env.ref("shaqra_complaints.survey_question_overall")
        cls.today = fields.Date.context_today(env["shaqra.overview"])

    def _campaign(self, beneficiaries, scores, name="Ovw campaign"):
        """A campaign sent to ``beneficiaries`` in the 'all' audience narrowed
        to their categories, answered with ``scores`` (None: no answer)."""
        campaign = self.env["shaqra.satisfaction.campaign"].create(
            {
                "name": name,
                "date_from": date(2026, 3, 1),
                "date_to": date(2026, 3, 31),
                "audience": "all",
                "category_ids": [(6, 0, beneficiaries.category_id.ids)],
            }
        )
        campaign.action_send()
        for beneficiary, score in zip(beneficiaries, scores, strict=True):
            answer = campaign.user_input_ids.filtered(
                lambda i, b=beneficiary: i.shaqra_beneficiary_id == b
            )
            if score is None:
                continue
            choice = self.overall.suggested_answer_ids.filtered(
                lambda a, s=score: a.answer_score == s
            )
            self.env["survey.user_input.line"].create(
                {
                    "user_input_id": answer.id,
                    "question_id": self.overall.id,
                    "answer_type": "suggestion",
                    "suggested_answer_id": choice.id,
                }
            )
            answer._mark_done()
        return campaign

    def _request(self, beneficiary=None, **values):
        request = self.env["shaqra.request"].create(
            {
                "beneficiary_id": (beneficiary or self.beneficiary).id,
                "service_type_id": self.service.id,
            }
        )
        if values:
            request.write(values)
        return request


@tagged("post_install", "-at_install")
class TestOverview(OversightCommon):
    """Policy G5, G6: the management overview, its figures and their lists."""

    def _figures(self, user=None):
        overview = self.env.ref("shaqra_complaints.shaqra_overview_main")
        overview = overview.with_user(user or self.user_manager)
        overview.invalidate_recordset()
        return {name: overview[name] for name in FIGURES}

    def test_g5_overview_figures_against_fixed_data(self):
        before = self._figures()
        today = self.today
        # Requests: overdue, due in two days, answered on time, answered late.
        self._request(date_deadline=today - timedelta(days=3))
        self._request(date_deadline=today + timedelta(days=2))
        self._request(date_answered=datetime.now(), deadline_met=True)
        self._request(
            date_complete=datetime.now() - timedelta(days=30),
            date_answered=datetime.now(),
            deadline_met=False,
        )
        # Complaints: on track, at risk, breached, and a settled one (its
        # answer was on time: on track as long as it is not closed).
        self._complaint().write(
            {
                "date_deadline": today + timedelta(days=10),
                "date_reminder": today + timedelta(days=5),
            }
        )
        self._complaint().write(
            {
                "date_deadline": today + timedelta(days=2),
                "date_reminder": today - timedelta(days=1),
            }
        )
        self._complaint().write(
            {"date_deadline": today - timedelta(days=1), "date_reminder": False}
        )
        self._complaint().write(
            {"outcome": "settled", "date_answered": datetime.now(), "deadline_met": True}
        )
        self._complaint().write(
            {"outcome": "rejected", "date_answered": datetime.now(), "deadline_met": True}
        )
        # Visits: one planned, one done today; an inquiry for the officer.
        Visit = self.env["shaqra.visit"]
        Visit.create(
            {
                "visit_type": "field_survey",
                "beneficiary_id": self.beneficiary.id,
                "visitor_id": self.officer.id,
                "date": today + timedelta(days=3),
            }
        )
        Visit.create(
            {
                "visit_type": "interview",
                "beneficiary_id": self.beneficiary.id,
                "visitor_id": self.officer.id,
                "date": today,
                "state": "done",
            }
        )
        self.env["crm.lead"].create(
            {"name": "Ovw inquiry", "is_shaqra_inquiry": True, "user_id": self.user_liaison.id}
        )
        after = self._figures()
        delta = {name: after[name] - before[name] for name in FIGURES}
        self.assertEqual(
            delta,
            {
                "request_open": 4,
                "request_due_week": 1,
                "request_overdue": 1,
                "request_met": 1,
                "request_missed": 1,
                "request_answered": 2,
                "complaint_on_track": 3,
                "complaint_at_risk": 1,
                "complaint_breached": 1,
                "complaint_decided": 2,
                "complaint_settled": 1,
                "inquiry_open": 1,
                "visit_planned": 1,
                "visit_done": 1,
                "ack_pending": 0,
                "ack_done": 0,
                "ack_all": 0,
            },
        )
        overview = self.env.ref("shaqra_complaints.shaqra_overview_main").with_user(
            self.user_manager
        )
        self.assertAlmostEqual(
            overview.request_met_rate,
            round(
                100.0 * after["request_met"] / (after["request_met"] + after["request_missed"]), 1
            ),
        )
        self.assertAlmostEqual(
            overview.complaint_settlement_rate,
            round(100.0 * after["complaint_settled"] / after["complaint_decided"], 1),
        )
        self.assertEqual(after["request_answered"], after["request_met"] + after["request_missed"])
        self.assertIn("Officer", overview.inquiry_by_officer or "")

    def test_g5_overview_last_campaign_rate_and_score(self):
        """Satisfaction (G1): the last campaign sent, its response rate and score."""
        campaign = self._campaign(self.beneficiary | self.beneficiary_2, [4, None])
        overview = self.env.ref("shaqra_complaints.shaqra_overview_main").with_user(
            self.user_manager
        )
        self.assertEqual(overview.campaign_id, campaign)
        self.assertEqual((overview.campaign_invited, overview.campaign_responded), (2, 1))
        self.assertAlmostEqual(overview.campaign_response_rate, 50.0)
        self.assertAlmostEqual(overview.campaign_score, 4.0)
        action = overview.action_open_campaign()
        self.assertEqual((action["res_model"], action["res_id"]), (campaign._name, campaign.id))

    def test_g5_overview_figure_opens_filtered_list(self):
        """Each figure's button opens its list, which holds as many records."""
        self._request(date_deadline=self.today - timedelta(days=3))
        self._complaint().write({"outcome": "settled"})
        hr_manager = new_test_user(
            self.env,
            "t_ovw_hr_manager",
            groups="shaqra_beneficiary.group_manager,hr.group_hr_manager",
        )
        overview = self.env.ref("shaqra_complaints.shaqra_overview_main").with_user(hr_manager)
        for name in FIGURES:
            with self.subTest(figure=name):
                action = overview.with_context(shaqra_kpi=name).action_open_kpi()
                self.assertEqual(action["type"], "ir.actions.act_window")
                self.assertFalse(
                    [key for key in action["context"] if key.startswith("search_default_")]
                )
                records = self.env[action["res_model"]].with_user(hr_manager)
                self.assertEqual(records.search_count(action["domain"]), overview[name])
        self.assertGreaterEqual(overview.request_overdue, 1)
        action = overview.with_context(shaqra_kpi="request_overdue").action_open_kpi()
        self.assertEqual(action["res_model"], "shaqra.request")
        self.assertEqual(action["id"], self.env.ref("shaqra_beneficiary.shaqra_request_action").id)
        with self.assertRaises(UserError):
            overview.with_context(shaqra_kpi="nothing").action_open_kpi()

    def test_art4_overview_signatures_counted_but_names_for_hr_only(self):
        overview = self.env.ref("shaqra_complaints.shaqra_overview_main").with_user(
            self.user_manager
        )
        Ack = self.env["shaqra.policy.acknowledgement"]
        current = [("policy_id.state", "=", "published"), ("company_id", "in", self.company.ids)]
        self.assertEqual(
            overview.ack_pending, Ack.search_count([*current, ("state", "=", "pending")])
        )
        with self.assertRaises(UserError):
            overview.with_context(shaqra_kpi="ack_pending").action_open_kpi()

    def test_g5_overview_for_management_only(self):
        overview = self.env.ref("shaqra_complaints.shaqra_overview_main")
        for user in (self.user_liaison, self.user_reception, self.user_employee):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                overview.with_user(user).read(["request_open"])

    def test_g5_overview_queries_do_not_grow_with_the_data(self):
        """Counted by the database: the same number of queries for 1 or 30 requests."""
        overview = self.env.ref("shaqra_complaints.shaqra_overview_main").with_user(
            self.user_manager
        )

        def queries():
            self.env.invalidate_all()
            self.env.flush_all()
            count = self.env.cr.sql_log_count
            overview.read(["request_open", "complaint_breached", "campaign_score"])
            return self.env.cr.sql_log_count - count

        self._request(date_deadline=self.today - timedelta(days=3))
        queries()  # caches of rules and translations
        few = queries()
        for _index in range(30):
            self._request(date_deadline=self.today - timedelta(days=3))
        queries()
        self.assertEqual(queries(), few)
        self.assertLess(few, 60)

    def test_g5_manager_starts_on_the_overview(self):
        home = self.env.ref("shaqra_beneficiary.action_shaqra_home")
        action = home.with_user(self.user_manager).run()
        self.assertEqual(action["id"], self.env.ref("shaqra_complaints.shaqra_overview_action").id)
        self.assertEqual(
            action["res_id"], self.env.ref("shaqra_complaints.shaqra_overview_main").id
        )
        # The other roles keep their screen.
        action = home.with_user(self.user_liaison).run()
        self.assertEqual(action["id"], self.env.ref("shaqra_beneficiary.shaqra_request_action").id)

    def test_g5_kpi_trend_month_by_month(self):
        """The KPI report counts each month apart, with the working days and scores."""
        self._request(
            date_complete=datetime(2019, 1, 2, 9, 0),
            date_answered=datetime(2019, 1, 10, 9, 0),
            deadline_met=True,
            working_days_taken=6,
        )
        self._request(
            date_complete=datetime(2019, 1, 3, 9, 0),
            date_answered=datetime(2019, 1, 30, 9, 0),
            deadline_met=False,
            working_days_taken=18,
        )
        self._request(
            date_complete=datetime(2019, 2, 3, 9, 0),
            date_answered=datetime(2019, 2, 12, 9, 0),
            deadline_met=True,
            working_days_taken=7,
        )
        self.env.flush_all()
        Report = self.env["shaqra.kpi.report"].with_user(self.user_manager)
        groups = Report._read_group(
            [("date", ">=", date(2019, 1, 1)), ("date", "<", date(2019, 3, 1))],
            ["kpi", "date:month"],
            ["count:sum", "value:avg"],
        )
        trend = {(kpi, month.month): (count, value) for kpi, month, count, value in groups}
        self.assertEqual(trend[("request_answered", 1)], (2, 12.0))
        self.assertEqual(trend[("request_answered", 2)], (1, 7.0))
        self.assertEqual(trend[("request_met", 1)][0], 1)
        self.assertEqual(trend[("request_missed", 1)][0], 1)
        self.assertEqual(trend[("request_met", 2)][0], 1)
        self.assertNotIn(("request_missed", 2), trend)
        with self.assertRaises(AccessError):
            self.env["shaqra.kpi.report"].with_user(self.user_liaison).search([])


@tagged("post_install", "-at_install")
class TestOfficerSupervision(OversightCommon):
    """Policy G6, F1: the officer report with complaints and satisfaction, the
    officers' evaluations, and the answers an officer may read."""

    def test_g6_liaison_report_complaints_and_satisfaction_per_officer(self):
        self._request()
        self._complaint()
        self._complaint().write({"outcome": "settled"})
        self._complaint(beneficiary_id=self.beneficiary_2.id)
        self._campaign(self.beneficiary | self.beneficiary_2, [4, 2])
        second = self.env["shaqra.beneficiary"].create(
            {
                "name": "Latifa Al-Mutairi",
                "national_id": "2000000006",
                "category_id": self.category.id,
                "field_id": self.work_field.id,
                "preferred_channel": "email",
                "email": "latifa@example.com",
            }
        )
        self._campaign(self.beneficiary | second, [5, None], name="Ovw April")
        self.env.flush_all()
        Report = self.env["shaqra.liaison.report"].with_user(self.user_manager)
        rows = Report._read_group(
            [("employee_id", "in", (self.officer | self.officer_2).ids)],
            ["employee_id"],
            [
                "request_count:sum",
                "complaint_count:sum",
                "complaint_settled_count:sum",
                "satisfaction_count:sum",
                "avg_satisfaction:avg",
            ],
        )
        report = {employee: values for employee, *values in rows}
        # Huda: one request, two complaints (one settled), answers 4 and 5.
        self.assertEqual(report[self.officer], [1, 2, 1, 2, 4.5])
        # Majed: no request, a complaint and an answer of 2: a row of his own.
        self.assertEqual(report[self.officer_2], [0, 1, 0, 1, 2.0])
        self.assertEqual(len(Report.search([("employee_id", "=", self.officer_2.id)])), 1)

    def _evaluation(self, employee=None, user=None):
        return (
            self.env["shaqra.officer.evaluation"]
            .with_user(user or self.user_manager)
            .create(
                {
                    "employee_id": (employee or self.officer).id,
                    "date_from": date(2026, 1, 1),
                    "date_to": date(2026, 3, 31),
                    "rating": "4",
                    "note": "Answers on time; follow the dissatisfied more closely.",
                }
            )
        )

    def test_g6_evaluation_recorded_with_evaluator_and_date(self):
        evaluation = self._evaluation()
        self.assertEqual(evaluation.state, "draft")
        evaluation.action_record()
        self.assertEqual(evaluation.state, "recorded")
        self.assertEqual(evaluation.evaluator_id, self.user_manager)
        self.assertTrue(evaluation.date_recorded)
        with self.assertRaises(UserError):
            evaluation.write({"rating": "5"})
        with self.assertRaises(UserError):
            evaluation.action_record()
        with self.assertRaises(UserError):
            evaluation.unlink()

    def test_g6_evaluation_evidence_not_set_by_hand(self):
        evaluation = self._evaluation()
        for vals in (
            {"evaluator_id": self.user_manager.id},
            {"date_recorded": fields.Datetime.now()},
            {"state": "recorded"},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                evaluation.write(vals)

    def test_g6_officer_reads_own_evaluations_only(self):
        own = self._evaluation()
        other = self._evaluation(self.officer_2)
        own.action_record()
        Evaluation = self.env["shaqra.officer.evaluation"].with_user(self.user_liaison)
        self.assertEqual(Evaluation.search([("id", "in", (own | other).ids)]), own)
        self.assertEqual(own.with_user(self.user_liaison).rating, "4")
        with self.assertRaises(AccessError):
            other.with_user(self.user_liaison).read(["rating"])
        with self.assertRaises(AccessError):
            self._evaluation(user=self.user_liaison)
        draft = self._evaluation()
        with self.assertRaises(AccessError):
            draft.with_user(self.user_liaison).write({"note": "Mine is perfect"})
        with self.assertRaises(AccessError):
            draft.with_user(self.user_liaison).action_record()
        with self.assertRaises(AccessError):
            draft.with_user(self.user_liaison).unlink()

    def test_g6_officer_smart_button_opens_his_evaluations(self):
        evaluation = self._evaluation()
        self._evaluation(self.officer_2)
        officer = self.officer.with_user(self.user_manager)
        self.assertEqual(officer.shaqra_evaluation_count, 1)
        action = officer.action_view_shaqra_evaluations()
        found = self.env[action["res_model"]].with_user(self.user_manager).search(action["domain"])
        self.assertEqual(found, evaluation)

    def test_g6_officer_reads_answers_of_his_beneficiaries_only(self):
        campaign = self._campaign(self.beneficiary | self.beneficiary_2, [4, 3])
        mine = campaign.user_input_ids.filtered(
            lambda i: i.shaqra_beneficiary_id == self.beneficiary
        )
        theirs = campaign.user_input_ids - mine
        Input = self.env["survey.user_input"]
        Line = self.env["survey.user_input.line"]
        for user, allowed, refused in (
            (self.user_liaison, mine, theirs),
            (self.user_liaison_2, theirs, mine),
        ):
            with self.subTest(officer=user.login):
                self.assertEqual(
                    Input.with_user(user).search([("id", "in", campaign.user_input_ids.ids)]),
                    allowed,
                )
                allowed.with_user(user).read(["state", "shaqra_beneficiary_id"])
                lines = Line.with_user(user).search([("user_input_id", "in", (mine | theirs).ids)])
                self.assertEqual(lines.user_input_id, allowed)
                self.assertEqual(
                    lines.with_user(user).suggested_answer_id.ids,
                    allowed.user_input_line_ids.suggested_answer_id.ids,
                )
                with self.assertRaises(AccessError):
                    refused.with_user(user).read(["state"])
                with self.assertRaises(AccessError):
                    allowed.with_user(user).write({"state": "new"})


@tagged("post_install", "-at_install")
class TestGovernancePack(OversightCommon):
    """Policy G5, G6 and every clause group: the evidence pack's sheets."""

    SHEETS = [
        "Summary",
        "C6 Deadlines",
        "A1-A6 Notices",
        "D1-D3 Complaints",
        "C7-C10 Compensation",
        "G1-G4 Satisfaction Visits",
        "F1-G6 Liaison Officers",
        "ART4 Acknowledgements",
        "F3 Data Corrections",
    ]

    def _book(self):
        wizard = (
            self.env["shaqra.governance.export"]
            .with_user(self.user_manager)
            .create({"date_from": date(2026, 3, 1), "date_to": date(2026, 3, 31)})
        )
        wizard.action_export()
        return openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file)))

    def _rows(self, book, sheet):
        return list(book[sheet].iter_rows(min_row=2, values_only=True))

    def test_g6_evidence_pack_one_sheet_per_clause_group(self):
        march = datetime(2026, 3, 10, 9, 0)
        self._request(
            date_complete=datetime(2026, 3, 2, 9, 0),
            date_answered=march,
            deadline_met=True,
            working_days_taken=6,
        )
        complaint = self._complaint(date_received=datetime(2026, 3, 4, 9, 0))
        complaint.write({"outcome": "settled"})
        claim = self.env["shaqra.compensation.claim"].create(
            {"beneficiary_id": self.beneficiary.id, "amount_claimed": 1500.0}
        )
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE shaqra_compensation_claim SET create_date = %s WHERE id = %s",
            (march, claim.id),
        )
        campaign = self._campaign(self.beneficiary | self.beneficiary_2, [4, None])
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE survey_user_input SET end_datetime = %s WHERE shaqra_campaign_id = %s",
            (march, campaign.id),
        )
        self.env["shaqra.visit"].create(
            {
                "visit_type": "supervisory",
                "department_id": self.env["hr.department"].create({"name": "Ovw office"}).id,
                "visitor_id": self.officer.id,
                "date": date(2026, 3, 12),
                "state": "done",
                "score": 80,
            }
        )
        evaluation = self.env["shaqra.officer.evaluation"].create(
            {
                "employee_id": self.officer.id,
                "date_from": date(2026, 1, 1),
                "date_to": date(2026, 2, 28),
                "rating": "5",
                "note": "Excellent",
            }
        )
        evaluation.action_record()
        correction = self.env["shaqra.data.change.request"].create(
            {"beneficiary_id": self.beneficiary.id, "note": "New mobile"}
        )
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE shaqra_data_change_request SET create_date = %s WHERE id = %s",
            (march, correction.id),
        )
        notice = self.env["shaqra.notification"].search(
            [("res_model", "=", "shaqra.satisfaction.campaign"), ("res_id", "=", campaign.id)],
            limit=1,
        )
        self.env.cr.execute(
            "UPDATE shaqra_notification SET date = %s WHERE id = %s", (march, notice.id)
        )
        self.env.invalidate_all()
        book = self._book()
        self.assertEqual(book.sheetnames, self.SHEETS)
        for name in self.SHEETS:
            self.assertTrue(book[name].sheet_view.rightToLeft, name)
        # D1-D3: the complaint, settled.
        complaints = {row[0]: row for row in self._rows(book, "D1-D3 Complaints")}
        self.assertEqual(complaints[complaint.name][3], "2026-03-04")
        self.assertTrue(complaints[complaint.name][4])  # Hijri
        self.assertEqual(complaints[complaint.name][7], "Settled amicably")
        # C7-C10: the claim and its amount.
        claims = {row[0]: row for row in self._rows(book, "C7-C10 Compensation")}
        self.assertEqual(claims[claim.name][4], 1500.0)
        # G1-G4: the campaign (2 invited, 1 answer of 4), then the visit.
        satisfaction = self._rows(book, "G1-G4 Satisfaction Visits")
        campaign_row = next(row for row in satisfaction if row[0] == campaign.name)
        self.assertEqual(campaign_row[5:9], (2, 1, 50, 4))
        self.assertIn("Supervisory office visit", [row[0] for row in satisfaction])
        # F1-G6: Huda answered one request on time, one complaint, a 4, rated 5.
        officers = {row[0]: row for row in self._rows(book, "F1-G6 Liaison Officers")}
        huda = officers["Officer Huda"]
        self.assertEqual(huda[2:8], (1, 1, 100, 1, 1, 4))
        self.assertEqual(huda[8], "Excellent")
        self.assertEqual(huda[9], "2026-02-28")
        # F3: the correction asked in March.
        corrections = self._rows(book, "F3 Data Corrections")
        mine = [row for row in corrections if row[2] == self.beneficiary.display_name]
        self.assertEqual(len(mine), 1)
        self.assertEqual(mine[0][0], "2026-03-10")
        self.assertTrue(mine[0][1])  # Hijri
        # A1-A6: every notice of the period in one channel row (the e-mail
        # invitation moved to March among them).
        self.assertIn("E-mail", [row[0] for row in self._rows(book, "A1-A6 Notices")])
        Notice = self.env["shaqra.notification"]
        notices = self._rows(book, "A1-A6 Notices")
        self.assertEqual(
            sum(row[1] for row in notices),
            Notice.search_count(
                [("date", ">=", datetime(2026, 3, 1)), ("date", "<", datetime(2026, 4, 1))]
            ),
        )
        # ART4: the signatures of the documents in force, by department.
        signatures = self._rows(book, "ART4 Acknowledgements")
        self.assertEqual(
            sum(row[1] for row in signatures),
            self.env["shaqra.policy.acknowledgement"].search_count(
                [("policy_id.state", "=", "published"), ("company_id", "in", self.company.ids)]
            ),
        )
        for row in signatures:
            self.assertEqual(row[1], row[2] + row[3])
        # Summary: the new clause groups are counted.
        summary = {
            row[0]: row[1] for row in book["Summary"].iter_rows(min_row=4, values_only=True)
        }
        self.assertGreaterEqual(summary["Complaints settled amicably (D3)"], 1)
        self.assertGreaterEqual(summary["Compensation claims opened (C7-C10)"], 1)
        self.assertGreaterEqual(summary["Data corrections asked (F3)"], 1)

    def test_g6_evidence_pack_reads_requests_in_batches(self):
        """Requests are read BATCH at a time: never all of them in one query."""
        from ..models import shaqra_governance_export as export

        self.patch(export, "BATCH", 2)
        for day in (3, 4, 5, 6, 9):
            self._request(
                date_complete=datetime(2026, 3, 2, 9, 0),
                date_answered=datetime(2026, 3, day, 9, 0),
                deadline_met=True,
                working_days_taken=day,
            )
        seen = []
        Request = type(self.env["shaqra.request"])
        original = Request.search_fetch

        def search_fetch(records, domain, field_names, offset=0, limit=None, order=None):
            result = original(
                records, domain, field_names, offset=offset, limit=limit, order=order
            )
            seen.append((limit, len(result)))
            return result

        self.patch(Request, "search_fetch", search_fetch)
        book = self._book()
        rows = self._rows(book, "C6 Deadlines")
        self.assertEqual(len(rows), len([row for row in rows if row[0]]))
        self.assertGreaterEqual(len(rows), 5)
        self.assertTrue(seen)
        self.assertTrue(all(limit == 2 and count <= 2 for limit, count in seen))


@tagged("post_install", "-at_install")
class TestOverviewTour(HttpCase):
    """Policy G5 in a browser: the demo manager's first screen and a drill-down."""

    def test_g5_manager_opens_overview_and_overdue_requests_tour(self):
        env = self.env
        manager = env["res.users"].search([("login", "=", "manager")])
        beneficiary = env["shaqra.beneficiary"].search(
            [("company_id", "in", manager.company_ids.ids)], limit=1
        )
        service = env["shaqra.service.type"].search(
            [("company_id", "in", [*manager.company_ids.ids, False])], limit=1
        )
        request = env["shaqra.request"].create(
            {
                "beneficiary_id": beneficiary.id,
                "service_type_id": service.id,
                "description": "OVW-TOUR-OVERDUE",
            }
        )
        request.write(
            {
                "name": "OVW-TOUR-OVERDUE",
                "date_deadline": fields.Date.context_today(request) - timedelta(days=5),
            }
        )
        overview = env.ref("shaqra_complaints.shaqra_overview_main").with_user(manager)
        self.assertIn(
            request,
            env["shaqra.request"].search(
                overview.with_context(shaqra_kpi="request_overdue").action_open_kpi()["domain"]
            ),
        )
        self.start_tour("/odoo", "shaqra_overview_manager_tour", login="manager")


@tagged("post_install", "-at_install")
class TestOverviewArabicTour(HttpCase):
    """Policy G5: the demo manager's first screen is the overview, in Arabic,
    right-to-left, with no English text (every role's first day)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ar_001")
        cls.env["ir.module.module"].search([("state", "=", "installed")])._update_translations(
            "ar_001"
        )

    def test_g5_manager_lands_on_the_overview_in_arabic(self):
        manager = self.env["res.users"].search([("login", "=", "manager")])
        self.assertEqual(manager.lang, "ar_001")
        self.start_tour("/odoo", "shaqra_overview_manager_arabic_tour", login="manager")
