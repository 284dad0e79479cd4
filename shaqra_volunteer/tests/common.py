from odoo import fields
from odoo.tests import new_test_user

from odoo.addons.shaqra_beneficiary.tests.suite_data import SIGNATURE
from odoo.addons.shaqra_beneficiary.tools.saudi_id import is_valid_saudi_id


def saudi_id(seed):
    """A valid national ID built from a number (Luhn check digit)."""
    base = f"1{seed:08d}"
    for digit in range(10):
        if is_valid_saudi_id(base + str(digit)):
            return base + str(digit)
    raise AssertionError(seed)


class VolunteerSetupMixin:
    """Users, the published volunteer policy (B3) and helpers to go through the
    real actions: sign up, accept, sign the agreement, activate."""

    @classmethod
    def _setup_volunteer_world(cls):
        env = cls.env
        cls.coordinator = new_test_user(
            env, "v_coordinator", groups="shaqra_volunteer.group_volunteer_coordinator"
        )
        cls.supervisor = new_test_user(env, "v_supervisor", groups="base.group_user")
        cls.reception = new_test_user(
            env, "v_reception", groups="shaqra_beneficiary.group_reception"
        )
        cls.policy = env.ref("shaqra_beneficiary.shaqra_policy_volunteer")
        if cls.policy.state in ("draft", "approved"):
            cls.policy.write(
                {"body": "<p>Volunteer management policy</p>", "audience_partner": True}
            )
            if cls.policy.state == "draft":
                cls.policy.action_approve()
            cls.policy.action_publish()
        cls.policy.audience_partner = True
        cls.field = env["shaqra.work.field"].create({"name": "V Field", "code": "V_FIELD"})
        cls.opportunity = env["shaqra.volunteer.opportunity"].create(
            {
                "name": "V Food baskets",
                "field_id": cls.field.id,
                "place": "V Warehouse",
                "date_start": fields.Date.subtract(fields.Date.today(), days=3),
                "date_end": fields.Date.add(fields.Date.today(), days=30),
                "seats": 5,
                "supervisor_id": cls.supervisor.id,
                "is_published": True,
            }
        )
        cls._seed = 0

    @classmethod
    def _new_volunteer(cls, name, login=None):
        cls._seed += 1
        seed = 77000000 + cls._seed
        vals = {
            "name": name,
            "national_id": saudi_id(seed),
            "mobile": f"05{seed % 100000000:08d}",
            "email": f"{(login or name).replace(' ', '.').lower()}@example.com",
        }
        if login:
            user = new_test_user(cls.env, login, groups="base.group_portal", name=name)
            vals["partner_id"] = user.partner_id.id
            del vals["name"]
        return cls.env["shaqra.volunteer"].with_user(cls.coordinator).create(vals)

    @classmethod
    def _sign_agreement(cls, volunteer):
        ack = volunteer._volunteer_acknowledgement()
        user = volunteer.user_id
        ack = ack.sudo(False).with_user(user)
        ack.write({"declaration_accepted": True})
        ack.action_acknowledge(signature=SIGNATURE, signed_by=volunteer.name)
        return ack

    @classmethod
    def _active_volunteer(cls, name, login):
        volunteer = cls._new_volunteer(name, login)
        volunteer.with_user(cls.coordinator).action_accept()
        cls._sign_agreement(volunteer)
        volunteer.with_user(cls.coordinator).action_activate()
        return volunteer

    @classmethod
    def _accepted_assignment(cls, volunteer, opportunity=None):
        assignment = cls.env["shaqra.volunteer.assignment"].create(
            {
                "volunteer_id": volunteer.id,
                "opportunity_id": (opportunity or cls.opportunity).id,
            }
        )
        assignment.with_user(cls.coordinator).action_accept()
        return assignment

    @classmethod
    def _volunteer_notice(cls, beneficiary, volunteer, subject, body="<p>V message</p>"):
        """A pending notice about the beneficiary, to be delivered by ``volunteer``."""
        vals = {
            "beneficiary_id": beneficiary.id,
            "channel": "volunteer",
            "subject": subject,
            "body": body,
            "volunteer_id": volunteer.id if volunteer else False,
        }
        if "res_model" in cls.env["shaqra.notification"]._fields:
            vals.update(res_model="shaqra.beneficiary", res_id=beneficiary.id)
        return cls.env["shaqra.notification"].create(vals)
