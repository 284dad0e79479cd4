from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestRequestTour(HttpCase):
    """Policy C2-C6 in the web client: verify, sign, send to the committee."""

    def test_c4_reception_completes_and_sends_request_tour(self):
        user = new_test_user(
            self.env,
            "tour_reception",
            groups="shaqra_beneficiary.group_reception",
            tz="Asia/Riyadh",
        )
        field = self.env["shaqra.work.field"].create({"name": "Tour field", "code": "TOUR_F"})
        service = self.env["shaqra.service.type"].create(
            {
                "name": "Tour service",
                "field_id": field.id,
                "requirement_ids": [
                    Command.create({"name": "Tour family record"}),
                    Command.create({"name": "Tour salary certificate"}),
                ],
            }
        )
        # Reception registers the beneficiary and receives the request: it
        # sees what it received (policy E2).
        beneficiary = (
            self.env["shaqra.beneficiary"]
            .with_user(user)
            .create({"name": "Tour Beneficiary", "national_id": "1109281590"})
        )
        request = (
            self.env["shaqra.request"]
            .with_user(user)
            .create({"beneficiary_id": beneficiary.id, "service_type_id": service.id})
        )
        request.action_check_completeness()
        request = request.with_user(self.env.user)
        self.start_tour("/odoo", "shaqra_request_tour", login=user.login)
        self.assertEqual(request.stage_key, "awaiting_committee")
        self.assertTrue(all(request.requirement_line_ids.mapped("is_verified")))
        self.assertEqual(request.requirement_line_ids.verified_by_id, user)
        self.assertTrue(request.signature)
        self.assertTrue(request.signed_on)
        self.assertEqual(request.signed_by, "Tour Beneficiary")
        self.assertTrue(request.date_complete)
        self.assertTrue(request.date_deadline)
