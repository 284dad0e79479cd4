from odoo.tests import tagged

from .common_web import ShaqraComplaintWebCommon


class _FileAndFollow:
    def _file_and_follow(self, tour="shaqra_complaint_public_tour", prefix=""):
        self.start_tour(f"{prefix}/complaint", tour)
        complaint = (
            self.env["shaqra.complaint"]
            .sudo()
            .search([("description", "like", "CMP-TOUR-DESCRIPTION")])
        )
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.channel, "website")
        self.assertEqual(complaint.complainant_mobile, "+966551230000")
        self.assertEqual(
            complaint.message_ids.attachment_ids.filtered(
                lambda a: a.name == "letter.pdf"
            ).mimetype,
            "application/pdf",
        )
        self.assertTrue(
            complaint.message_ids.filtered(lambda m: "CMP-TOUR-MORE-INFORMATION" in (m.body or ""))
        )


@tagged("post_install", "-at_install")
class TestComplaintTour(_FileAndFollow, ShaqraComplaintWebCommon):
    """Policy D1, D3 in a real browser on a desktop screen."""

    def test_d1_public_visitor_files_and_follows_a_complaint_tour(self):
        self._file_and_follow()

    def test_d3_complainant_signs_the_settlement_on_the_status_page_tour(self):
        complaint = self._propose_settlement(
            self.complaint_public, terms="<p>CMP-TOUR-TERMS: 500 SAR and an apology</p>"
        )
        self.start_tour(self._status_url(complaint), "shaqra_complaint_settlement_tour")
        complaint.invalidate_recordset()
        self.assertEqual(complaint.settlement_state, "accepted")
        self.assertEqual(complaint.settlement_signed_by, "Public Person")
        self.assertTrue(complaint.settlement_signature)
        self.assertTrue(complaint.settlement_signed_ua)


@tagged("post_install", "-at_install")
class TestComplaintPhoneTour(_FileAndFollow, ShaqraComplaintWebCommon):
    """Policy D1 on a 390 x 844 phone screen."""

    browser_size = "390x844"
    touch_enabled = True

    def authenticate(self, user, password, browser=None):
        """Headless Chrome keeps windows at least 500 px wide: emulate the phone."""
        session = super().authenticate(user, password, browser=browser)
        if browser:
            width, height = (int(value) for value in "390x844".split("x"))
            browser._websocket_request(
                "Emulation.setDeviceMetricsOverride",
                params={"width": width, "height": height, "deviceScaleFactor": 3, "mobile": True},
            )
        return session

    def test_d1_public_visitor_files_and_follows_a_complaint_on_a_phone_tour(self):
        # The association's visitors read Arabic: the page runs right to left.
        self._file_and_follow("shaqra_complaint_public_phone_tour", prefix=self._arabic_site())
