from datetime import date

from odoo.addons.shaqra_beneficiary.tests import test_access_matrix as base_matrix


class SatisfactionMatrixMixin:
    """Records of the satisfaction campaign and visit rows of access_matrix.csv
    (policy G1-G4): campaigns are management's; a visitor handles their own
    visits, management all of them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.sat_department = env["hr.department"].create({"name": "M Office visited"})
        cls.sat_campaign = env["shaqra.satisfaction.campaign"].create(
            {"name": "M Campaign", "date_from": date(2026, 1, 1), "date_to": date(2026, 1, 31)}
        )
        cls.sat_visitors = {role: cls.employees[cls.users[role]] for role in base_matrix.ROLES[:6]}
        cls.sat_visitors["other"] = cls.employees[cls.reception_other]
        cls.sat_visits = {
            key: env["shaqra.visit"].create(
                {
                    "visit_type": "supervisory",
                    "department_id": cls.sat_department.id,
                    "visitor_id": employee.id,
                }
            )
            for key, employee in cls.sat_visitors.items()
        }

    def _sat_key(self, role, which):
        return role if which == "own" and role in self.sat_visitors else "other"

    def _spec(self, model):
        if model == "shaqra.satisfaction.campaign":
            return (
                lambda role, which: self.sat_campaign,
                lambda role, which: {
                    "name": "M new campaign",
                    "date_from": date(2026, 2, 1),
                    "date_to": date(2026, 2, 28),
                },
                {"name": "M renamed campaign"},
            )
        if model == "shaqra.visit":
            return (
                lambda role, which: self.sat_visits[self._sat_key(role, which)],
                lambda role, which: {
                    "visit_type": "supervisory",
                    "department_id": self.sat_department.id,
                    "visitor_id": self.sat_visitors[self._sat_key(role, which)].id,
                },
                {"score": 50},
            )
        if model == "shaqra.governance.export":
            return (
                None,
                lambda role, which: {"date_from": date(2026, 1, 1), "date_to": date(2026, 1, 31)},
                None,
            )
        return super()._spec(model)
