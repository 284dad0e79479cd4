"""The access matrix of the volunteer add-on (policy B3, A6, E2).

The rows of this add-on's models live in ``access_matrix.csv`` next to this
file; the base's suite counts them for its coverage check and this test walks
them with the base's machinery (same roles, same own/other semantics, same
savepoints), plus the role of this add-on: the volunteer coordinator.

"Own" records: the portal volunteer's own file, applications and hours; the
supervisor's (role "employee") opportunity, its applications and hours.
Roles without own volunteer records use the others' records for both.
"""

import logging
from pathlib import Path

from odoo import fields
from odoo.tests import new_test_user, tagged

from odoo.addons.shaqra_beneficiary.tests import test_access_matrix as base

from .common import saudi_id

_logger = logging.getLogger(__name__)
MATRIX = Path(__file__).with_name("access_matrix.csv")
ROLES = (*base.ROLES, "coordinator")
MODULE = "shaqra_volunteer"


@tagged("post_install", "-at_install")
class TestVolunteerAccessMatrix(base.TestAccessMatrix):
    """Policy E2: each role reaches exactly what the volunteer matrix says."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.users["coordinator"] = new_test_user(
            env, "m_coordinator", groups="shaqra_volunteer.group_volunteer_coordinator"
        )
        portal_other = new_test_user(env, "m_vol_portal_other", groups="base.group_portal")
        Volunteer = env["shaqra.volunteer"]

        def volunteer(name, seed, partner=None):
            vals = {"name": name, "national_id": saudi_id(seed), "state": "active"}
            if partner:
                vals["partner_id"] = partner.id
            return Volunteer.create(vals)

        cls.vol = {
            "portal": volunteer("M Vol Portal", 66000001, cls.users["portal"].partner_id),
            "employee": volunteer("M Vol Supervised", 66000002),
            "other": volunteer("M Vol Other", 66000003, portal_other.partner_id),
        }
        Opportunity = env["shaqra.volunteer.opportunity"]
        today = fields.Date.today()
        opportunity_vals = {"date_start": today, "seats": 5, "is_published": True}
        cls.opp = {
            "employee": Opportunity.create(
                {
                    "name": "M Opp Supervised",
                    "supervisor_id": cls.users["employee"].id,
                    **opportunity_vals,
                }
            ),
            "other": Opportunity.create({"name": "M Opp Other", **opportunity_vals}),
        }
        cls.opp_new = Opportunity.create({"name": "M Opp New", **opportunity_vals})
        Assignment = env["shaqra.volunteer.assignment"]
        cls.asg = {
            "portal": Assignment.create(
                {"volunteer_id": cls.vol["portal"].id, "opportunity_id": cls.opp["other"].id}
            ),
            "employee": Assignment.create(
                {"volunteer_id": cls.vol["employee"].id, "opportunity_id": cls.opp["employee"].id}
            ),
            "other": Assignment.create(
                {"volunteer_id": cls.vol["other"].id, "opportunity_id": cls.opp["other"].id}
            ),
        }
        Hours = env["shaqra.volunteer.hours"]
        cls.hours = {
            key: Hours.create(
                {
                    "volunteer_id": cls.vol[key].id,
                    "assignment_id": cls.asg[key].id,
                    "date": today,
                    "hours": 1,
                    "activity": f"M hours {key}",
                }
            )
            for key in cls.vol
        }
        cls.skill = env["shaqra.volunteer.skill"].create({"name": "M Skill"})
        # The base's walk goes over self.matrix: here, this add-on's rows.
        cls.matrix = base.load_matrix(MATRIX)

    def _vworld(self, role, which):
        if which == "other" or role not in ("portal", "employee"):
            return "other"
        return role

    def _spec(self, model):
        w = self._vworld
        if model == "shaqra.volunteer.skill":
            return (
                lambda role, which: self.skill,
                lambda role, which: {"name": f"M new skill {role} {which}"},
                {"name": "M renamed skill"},
            )
        if model == "shaqra.volunteer":
            return (
                lambda role, which: self.vol[w(role, which)],
                lambda role, which: {
                    "name": f"M new volunteer {role}",
                    "national_id": saudi_id(66100000 + ROLES.index(role)),
                },
                {"languages": "M Arabic"},
            )
        if model == "shaqra.volunteer.opportunity":
            return (
                lambda role, which: self.opp[
                    "employee" if w(role, which) == "employee" else "other"
                ],
                lambda role, which: {"name": "M new opp", "date_start": fields.Date.today()},
                {"place": "M hall"},
            )
        if model == "shaqra.volunteer.assignment":
            return (
                lambda role, which: self.asg[w(role, which)],
                lambda role, which: {
                    "volunteer_id": self.vol[w(role, which)].id,
                    "opportunity_id": self.opp_new.id,
                },
                {"motivation": "M motivation"},
            )
        if model == "shaqra.volunteer.hours":
            return (
                lambda role, which: self.hours[w(role, which)],
                lambda role, which: {
                    "volunteer_id": self.vol[w(role, which)].id,
                    "date": fields.Date.today(),
                    "hours": 1,
                    "activity": "M new hours",
                },
                {"activity": "M changed"},
            )
        return super()._spec(model)

    def _volunteer_models(self):
        return sorted(
            name
            for name, model in self.env.registry.items()
            if name.startswith("shaqra.")
            and not model._abstract
            and MODULE in self.env["ir.model"]._get(name).modules.split(", ")
            and self.env["ir.model"]._get(name).model == name
            and name.startswith("shaqra.volunteer")
        )

    def test_e2_access_matrix_covers_every_model(self):
        """Every model of this add-on has a row per role (the coordinator included)."""
        models = self._volunteer_models()
        self.assertTrue(models)
        missing = [
            f"{model} x {role}"
            for model in models
            for role in ROLES
            if (model, role) not in self.matrix
        ]
        self.assertFalse(
            missing,
            "Add these models to shaqra_volunteer/tests/access_matrix.csv:\n" + "\n".join(missing),
        )
        unknown = sorted({model for model, _role in self.matrix} - set(models))
        self.assertFalse(unknown, f"Rows for models that do not exist: {unknown}")

    def test_e2_access_matrix(self):
        """Walk this add-on's table: each role x model x operation x own/other as stated."""
        super().test_e2_access_matrix()
