from odoo.tests import tagged

from .common import SIGNATURE, ShaqraPortalCommon


@tagged("post_install", "-at_install")
class TestPortalTours(ShaqraPortalCommon):
    """The portal in a real browser: apply, upload, sign, follow, correct (C2-C6, F3)."""

    def test_c2_c4_c6_apply_upload_sign_and_see_the_deadline_tour(self):
        self.start_tour("/my/requests/new", "shaqra_portal_apply_tour", login="t_benef_one")
        request = self.env["shaqra.request"].search(
            [("beneficiary_id", "=", self.beneficiary_one.id), ("id", "!=", self.request_one.id)]
        )
        self.assertEqual(len(request), 1)
        self.assertEqual(request.channel, "portal")
        self.assertEqual(request.stage_key, "received")
        self.assertTrue(request.signature)
        self.assertEqual(request.signed_by, "Beneficiary One")
        copy_line = request.requirement_line_ids.filtered(
            lambda line: line.name == "Copy of the national ID"
        )
        self.assertEqual(copy_line.attachment_ids.mimetype, "application/pdf")
        photo_line = request.requirement_line_ids.filtered(
            lambda line: line.name == "Photo of the damage"
        )
        self.assertEqual(photo_line.attachment_ids.name, "damage.png")

        # Reception verifies the file; the request goes to the committee and
        # the C6 clock gives the answer date the beneficiary then follows.
        request.requirement_line_ids.write({"is_verified": True})
        request.stage_id = self.env.ref(
            "shaqra_beneficiary.shaqra_request_stage_awaiting_committee"
        )
        self.assertTrue(request.date_deadline)
        self.start_tour("/my/requests", "shaqra_portal_deadline_tour", login="t_benef_one")

    def test_f3_data_correction_round_trip_tour(self):
        self.start_tour("/my/beneficiary", "shaqra_portal_correction_tour", login="t_benef_one")
        change = self.beneficiary_one.data_change_request_ids
        self.assertEqual(change.state, "pending")
        self.assertEqual(change.line_ids.field_name, "mobile")
        change.with_user(self.user_officer).action_approve()
        self.assertEqual(self.beneficiary_one.mobile, "+966555000111")
        self.start_tour(
            "/my/beneficiary", "shaqra_portal_correction_approved_tour", login="t_benef_one"
        )

    def test_portal_home_tiles_tour(self):
        self.request_one.write({"signature": SIGNATURE, "signed_by": "One"})
        self.start_tour("/my", "shaqra_portal_home_tour", login="t_benef_one")
