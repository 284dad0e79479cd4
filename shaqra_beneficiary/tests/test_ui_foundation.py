from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestUiFoundation(HttpCase):
    """The application opens in the real web client for its roles."""

    def test_manager_adds_public_holiday_tour(self):
        """Policy C6: a manager records a public holiday from the app menu."""
        self.start_tour("/odoo", "shaqra_public_holiday_tour", login="admin")
        holiday = self.env["resource.calendar.leaves"].search([("name", "=", "Tour National Day")])
        self.assertEqual(len(holiday), 1)
        self.assertEqual(
            holiday.calendar_id, self.env.ref("shaqra_beneficiary.resource_calendar_shaqra")
        )
