from odoo.tests import new_test_user, tagged

from .common_web import ShaqraComplaintWebCommon

PHONE = (390, 844)


class _SatisfactionTourCommon(ShaqraComplaintWebCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_sat_manager = new_test_user(
            cls.env,
            "t_sat_tour_manager",
            groups="shaqra_beneficiary.group_manager",
            name="Tour Manager",
            lang="en_US",
        )
        cls.user_officer.lang = "en_US"


@tagged("post_install", "-at_install")
class TestSatisfactionTour(_SatisfactionTourCommon):
    """Policy G1-G4 in a real browser on a desktop screen."""

    def test_g1_manager_sends_beneficiary_answers_from_my_results_show_it_tour(self):
        self.start_tour("/odoo", "shaqra_satisfaction_campaign_tour", login="t_sat_tour_manager")
        campaign = (
            self.env["shaqra.satisfaction.campaign"]
            .sudo()
            .search([("name", "=", "TOUR-CAMPAIGN")])
        )
        self.assertEqual(len(campaign), 1)
        self.assertEqual(campaign.state, "sent")
        self.assertEqual(
            campaign.user_input_ids.shaqra_beneficiary_id,
            self.beneficiary_one | self.beneficiary_two,
        )
        self.start_tour("/my", "shaqra_satisfaction_portal_tour", login="t_benef_one")
        answer = campaign.user_input_ids.filtered(
            lambda a: a.shaqra_beneficiary_id == self.beneficiary_one
        )
        self.assertEqual(answer.state, "done")
        self.assertFalse(answer.shaqra_filled_by_id)
        self.assertTrue(
            answer.user_input_line_ids.filtered(
                lambda line: "TOUR-COMMENT" in (line.value_text_box or "")
            )
        )
        self.assertEqual(campaign.responded_count, 1)
        self.assertEqual(campaign.average_score, 5.0)
        self.start_tour(
            f"/odoo/action-shaqra_complaints.shaqra_satisfaction_campaign_action/{campaign.id}",
            "shaqra_satisfaction_results_tour",
            login="t_sat_tour_manager",
        )

    def test_g2_field_survey_planned_filled_done_and_reported_tour(self):
        self.start_tour("/odoo", "shaqra_visit_tour", login="t_portal_officer")
        visit = self.env["shaqra.visit"].search([("beneficiary_id", "=", self.beneficiary_one.id)])
        self.assertEqual(len(visit), 1)
        self.assertEqual(visit.visit_type, "field_survey")
        self.assertEqual(visit.visitor_id, self.officer)
        self.assertEqual((visit.state, visit.done_by_id), ("done", self.user_officer))
        self.assertEqual(visit.score, 70)
        self.assertIn(self.user_officer.partner_id, visit.calendar_event_id.partner_ids)
        answer = visit.user_input_ids
        self.assertEqual((answer.state, answer.shaqra_visit_id), ("done", visit))
        self.assertEqual(
            answer.survey_id, self.env.ref("shaqra_complaints.survey_visit_field_survey")
        )


@tagged("post_install", "-at_install")
class TestVisitPhoneTour(_SatisfactionTourCommon):
    """Policy G2 on a 390 x 844 phone screen: the visitor fills the visit's
    questionnaire in the field."""

    browser_size = "%dx%d" % PHONE
    touch_enabled = True

    def authenticate(self, user, password, browser=None):
        """Headless Chrome keeps windows at least 500 px wide: emulate the phone."""
        session = super().authenticate(user, password, browser=browser)
        if browser:
            browser._websocket_request(
                "Emulation.setDeviceMetricsOverride",
                params={
                    "width": PHONE[0],
                    "height": PHONE[1],
                    "deviceScaleFactor": 3,
                    "mobile": True,
                },
            )
        return session

    def test_g2_visitor_fills_the_questionnaire_on_a_phone_tour(self):
        visit = (
            self.env["shaqra.visit"]
            .with_user(self.user_officer)
            .create({"visit_type": "interview", "beneficiary_id": self.beneficiary_one.id})
        )
        action = visit.action_fill_questionnaire()
        self.start_tour(
            action["url"], "shaqra_visit_questionnaire_phone_tour", login="t_portal_officer"
        )
        answer = visit.sudo().user_input_ids
        self.assertEqual(answer.state, "done")
        self.assertEqual(
            answer.survey_id, self.env.ref("shaqra_complaints.survey_visit_interview")
        )
        self.assertTrue(
            answer.user_input_line_ids.filtered(
                lambda line: "TOUR-PHONE-NOTE" in (line.value_text_box or "")
            )
        )
        self.assertEqual(visit.with_user(self.user_officer).survey_state, "done")
