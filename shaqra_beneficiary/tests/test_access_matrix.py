"""The access matrix (policy E2, C3-C5, C8, ART4, F3): every model of the add-on
x every role x read/write/create/unlink, on the role's own records and on
others', as stated in ``access_matrix.csv`` next to this file.

The table is the specification: each row names a model and a role and gives
two permission strings, ``own`` and ``other``, of four letters ``r`` (read),
``w`` (write), ``c`` (create) and ``d`` (delete/unlink); ``-`` means the
operation must be refused (AccessError or UserError), ``.`` that it is not
checked (transient wizards are only created). "Own" records are those the
role handles (what reception registered, the liaison officer's assignments,
the committee member's agenda and meetings, the beneficiary's own file, the
person's own acknowledgement); "other" records belong to someone else.
Creating "own" links the new record to an own parent (beneficiary, request,
meeting, correction, ...), creating "other" links it to someone else's.

The test builds real records for each case, runs each operation as the
role in a savepoint that is always rolled back, and fails with the list of
every difference. Every ``shaqra.*`` model of the registry must have rows:
a new model must be added to the table.
"""

import csv
import logging
from pathlib import Path

import psycopg2

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import IDS
from .common import SIGNATURE_TEXT as SIGNATURE

_logger = logging.getLogger(__name__)
MATRIX = Path(__file__).with_name("access_matrix.csv")
ROLES = ("reception", "liaison", "committee", "manager", "hr", "employee", "portal", "public")
OPERATIONS = ("read", "write", "create", "unlink")
# Models of other add-ons that this add-on uses for its own records.
EXTRA_MODELS = ("crm.lead", "crm.lead.convert.beneficiary")


class _Rollback(Exception):
    """Raised to undo an operation that was allowed."""


def load_matrix(path=MATRIX):
    """{(model, role): {"own": "rwcd", "other": "r---"}} from the CSV file."""
    rows = {}
    with Path(path).open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            key = (row["model"].strip(), row["role"].strip())
            rows[key] = {"own": row["own"].strip(), "other": row["other"].strip()}
    return rows


def addon_matrix_paths(env):
    """The access_matrix.csv files of the installed add-ons that depend on this one."""
    modules = (
        env["ir.module.module"]
        .sudo()
        .search([("state", "=", "installed"), ("dependencies_id.name", "=", "shaqra_beneficiary")])
    )
    paths = []
    for module in modules:
        module_path = get_module_path(module.name, display_warning=False)
        path = Path(module_path or "", "tests", "access_matrix.csv")
        if module_path and path.is_file():
            paths.append(path)
    return paths


@tagged("post_install", "-at_install", "access_rights")
class TestAccessMatrix(TransactionCase):
    """Policy E2: each role reaches exactly what the access matrix says."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_notrack=True))
        env = cls.env
        cls.company = env.company
        cls.company.shaqra_service_calendar_id = env.ref(
            "shaqra_beneficiary.resource_calendar_shaqra"
        )
        group = "shaqra_beneficiary.group_"
        cls.users = {
            "reception": new_test_user(env, "m_reception", groups=group + "reception"),
            "liaison": new_test_user(env, "m_liaison", groups=group + "liaison_officer"),
            "committee": new_test_user(env, "m_committee", groups=group + "committee_member"),
            "manager": new_test_user(env, "m_manager", groups=group + "manager"),
            "hr": new_test_user(env, "m_hr", groups="base.group_user,hr.group_hr_manager"),
            "employee": new_test_user(env, "m_employee", groups="base.group_user"),
            "portal": new_test_user(env, "m_portal", groups="base.group_portal"),
            "public": env.ref("base.public_user"),
        }
        cls.reception_other = new_test_user(env, "m_reception2", groups=group + "reception")
        cls.committee_other = new_test_user(env, "m_committee2", groups=group + "committee_member")
        cls.manager_other = new_test_user(env, "m_manager2", groups=group + "manager")
        cls.employee_other = new_test_user(env, "m_employee2", groups="base.group_user")
        cls.portal_other = new_test_user(env, "m_portal2", groups="base.group_portal")
        Employee = env["hr.employee"]
        cls.employees = {
            user: Employee.create({"name": user.name, "user_id": user.id})
            for user in (
                *(cls.users[role] for role in ROLES[:6]),
                cls.reception_other,
                cls.employee_other,
            )
        }

        # Configuration: two categories x fields, the liaison officer has A x A.
        cls.field_a = env["shaqra.work.field"].create({"name": "M Field A", "code": "M_FA"})
        cls.field_b = env["shaqra.work.field"].create({"name": "M Field B", "code": "M_FB"})
        cls.field_z = env["shaqra.work.field"].create({"name": "M Field Z", "code": "M_FZ"})
        cls.field_y = env["shaqra.work.field"].create({"name": "M Field Y", "code": "M_FY"})
        cls.cat_a = env["shaqra.beneficiary.category"].create({"name": "M Cat A", "code": "M_CA"})
        cls.cat_b = env["shaqra.beneficiary.category"].create({"name": "M Cat B", "code": "M_CB"})
        cls.cat_z = env["shaqra.beneficiary.category"].create({"name": "M Cat Z", "code": "M_CZ"})
        cls.cat_y = env["shaqra.beneficiary.category"].create({"name": "M Cat Y", "code": "M_CY"})
        cls.assignment = env["shaqra.liaison.assignment"].create(
            {
                "category_id": cls.cat_a.id,
                "field_id": cls.field_a.id,
                "employee_id": cls.employees[cls.users["liaison"]].id,
            }
        )
        cls.assignment_z = env["shaqra.liaison.assignment"].create(
            {
                "category_id": cls.cat_z.id,
                "field_id": cls.field_z.id,
                "employee_id": cls.employees[cls.reception_other].id,
            }
        )
        cls.committee_1 = env["shaqra.committee"].create(
            {
                "name": "M Committee 1",
                "member_ids": [Command.set(cls.users["committee"].ids)],
                "chair_id": cls.users["committee"].id,
                "quorum": 1,
            }
        )
        cls.committee_2 = env["shaqra.committee"].create(
            {
                "name": "M Committee 2",
                "member_ids": [Command.set(cls.committee_other.ids)],
                "chair_id": cls.committee_other.id,
                "quorum": 1,
            }
        )
        cls.committee_z = env["shaqra.committee"].create({"name": "M Committee Z"})
        requirements = [
            Command.create({"name": "M ID", "is_mandatory": True}),
            Command.create({"name": "M Letter", "is_mandatory": False}),
        ]
        cls.service_1 = env["shaqra.service.type"].create(
            {
                "name": "M Service 1",
                "field_id": cls.field_a.id,
                "committee_id": cls.committee_1.id,
                "is_published": True,
                "requirement_ids": requirements,
            }
        )
        cls.service_2 = env["shaqra.service.type"].create(
            {
                "name": "M Service 2",
                "field_id": cls.field_b.id,
                "committee_id": cls.committee_2.id,
                "is_published": True,
                "requirement_ids": requirements,
            }
        )
        cls.service_z = env["shaqra.service.type"].create(
            {"name": "M Service Z", "field_id": cls.field_z.id}
        )
        cls.requirement_z = env["shaqra.service.requirement"].create(
            {"service_type_id": cls.service_z.id, "name": "M Z"}
        )
        # Stage keys are unique: the stages are the module's own records.
        cls.stage_z = env.ref("shaqra_beneficiary.shaqra_request_stage_cancelled")
        cls.document_type = env["shaqra.document.type"].create(
            {"name": "M ID card", "is_confidential": True}
        )
        cls.document_type_z = env["shaqra.document.type"].create({"name": "M Type Z"})

        # Beneficiaries: one per "own" world, and the others'.
        def beneficiary(user, name, national_id, category, field, partner=None):
            vals = {
                "name": name,
                "national_id": national_id,
                "category_id": category.id,
                "field_id": field.id,
                "preferred_channel": "letter",
            }
            if partner:
                vals = {**vals, "partner_id": partner.id}
                del vals["name"]
            return env["shaqra.beneficiary"].with_user(user).sudo().create(vals).sudo(False)

        root = env.user
        cls.ben = {
            "reception": beneficiary(
                cls.users["reception"], "M Ben R", IDS[0], cls.cat_b, cls.field_b
            ),
            "liaison": beneficiary(root, "M Ben L", IDS[1], cls.cat_a, cls.field_a),
            "committee": beneficiary(root, "M Ben C", IDS[2], cls.cat_b, cls.field_b),
            "manager": beneficiary(
                cls.users["manager"], "M Ben M", IDS[3], cls.cat_b, cls.field_b
            ),
            "portal": beneficiary(
                root, "", IDS[4], cls.cat_b, cls.field_b, cls.users["portal"].partner_id
            ),
            "other": beneficiary(
                cls.reception_other,
                "",
                IDS[5],
                cls.cat_b,
                cls.field_b,
                cls.portal_other.partner_id,
            ),
        }

        def request(user, ben, service, complete=False):
            req = (
                env["shaqra.request"]
                .with_user(user)
                .sudo()
                .create({"beneficiary_id": ben.id, "service_type_id": service.id})
                .sudo(False)
            )
            if complete:
                req.requirement_line_ids.write({"is_provided": True, "is_verified": True})
                req.write({"signature": SIGNATURE, "signed_by": ben.name})
                req.write(
                    {
                        "stage_id": env.ref(
                            "shaqra_beneficiary.shaqra_request_stage_awaiting_committee"
                        ).id
                    }
                )
            return req

        cls.req = {
            "reception": request(cls.users["reception"], cls.ben["reception"], cls.service_2),
            "liaison": request(root, cls.ben["liaison"], cls.service_1),
            "committee": request(root, cls.ben["committee"], cls.service_1, complete=True),
            "manager": request(cls.users["manager"], cls.ben["manager"], cls.service_2),
            "portal": request(root, cls.ben["portal"], cls.service_2),
            "other": request(cls.reception_other, cls.ben["other"], cls.service_2),
        }
        cls.committee_extra = request(root, cls.ben["committee"], cls.service_1, complete=True)
        cls.other_agenda = request(root, cls.ben["other"], cls.service_2, complete=True)
        cls.other_agenda_extra = request(root, cls.ben["other"], cls.service_2, complete=True)
        # A requirement added after the requests: its line can still be created.
        cls.extra_requirement = {
            cls.service_1: env["shaqra.service.requirement"].create(
                {"service_type_id": cls.service_1.id, "name": "M Extra 1", "is_mandatory": False}
            ),
            cls.service_2: env["shaqra.service.requirement"].create(
                {"service_type_id": cls.service_2.id, "name": "M Extra 2", "is_mandatory": False}
            ),
        }

        # Meetings: the member's committee and another one, both in progress.
        Meeting = env["shaqra.committee.meeting"]
        cls.meeting_1 = Meeting.create(
            {
                "committee_id": cls.committee_1.id,
                "decision_ids": [Command.create({"request_id": cls.req["committee"].id})],
            }
        )
        cls.meeting_1.with_user(cls.users["committee"]).action_start()
        cls.meeting_2 = Meeting.create(
            {
                "committee_id": cls.committee_2.id,
                "decision_ids": [Command.create({"request_id": cls.other_agenda.id})],
            }
        )
        cls.meeting_2.with_user(cls.committee_other).action_start()
        # Meetings not held yet, to which nobody can add an approval.
        cls.meeting_1_draft = Meeting.create({"committee_id": cls.committee_1.id})
        cls.meeting_2_draft = Meeting.create({"committee_id": cls.committee_2.id})
        Approval = env["shaqra.committee.meeting.approval"]
        cls.approval_1 = Approval.create(
            {"meeting_id": cls.meeting_1.id, "user_id": cls.users["committee"].id}
        )
        cls.approval_2 = Approval.create(
            {"meeting_id": cls.meeting_2.id, "user_id": cls.committee_other.id}
        )

        # Case data, notices and corrections of every beneficiary.
        cls.member, cls.income, cls.document, cls.notice = {}, {}, {}, {}
        cls.correction, cls.line = {}, {}
        for key, ben in cls.ben.items():
            creator = cls.reception_other if key == "other" else cls.users.get(key, root)
            if key in ("liaison", "committee", "portal"):
                creator = root
            as_creator = env(user=creator, su=True)
            cls.member[key] = (
                as_creator["shaqra.beneficiary.member"]
                .create({"beneficiary_id": ben.id, "name": f"M child {key}"})
                .sudo(False)
            )
            cls.income[key] = (
                as_creator["shaqra.beneficiary.income"]
                .create({"beneficiary_id": ben.id, "amount": 1000})
                .sudo(False)
            )
            cls.document[key] = (
                as_creator["shaqra.beneficiary.document"]
                .create({"beneficiary_id": ben.id, "document_type_id": cls.document_type.id})
                .sudo(False)
            )
            cls.notice[key] = (
                as_creator["shaqra.notification"]
                .create(
                    {
                        "request_id": cls.req[key].id,
                        "beneficiary_id": ben.id,
                        "channel": "letter",
                        "subject": f"M notice {key}",
                        "body": "<p>Notice</p>",
                    }
                )
                .sudo(False)
            )
            cls.correction[key] = (
                as_creator["shaqra.data.change.request"]
                .create(
                    {
                        "beneficiary_id": ben.id,
                        "line_ids": [
                            Command.create({"field_name": "mobile", "new_value": "0500000001"})
                        ],
                    }
                )
                .sudo(False)
            )
            cls.line[key] = cls.req[key].requirement_line_ids.filtered(
                lambda line: not line.is_mandatory
            )[:1]

        # Relationship terms (ART2, E1, PDPL): an unused draft template, and
        # an agreement, a media consent and a data rights request of each
        # beneficiary.
        cls.service_t = env["shaqra.service.type"].create(
            {"name": "M Service T", "field_id": cls.field_z.id}
        )
        cls.template = env["shaqra.agreement.template"].create(
            {
                "name": "M Template",
                "service_type_id": cls.service_t.id,
                "obligation_ids": [Command.create({"name": "M template duty"})],
            }
        )
        cls.agreement, cls.consent, cls.rights = {}, {}, {}
        for key, ben in cls.ben.items():
            creator = cls.reception_other if key == "other" else cls.users.get(key, root)
            if key in ("liaison", "committee", "portal"):
                creator = root
            as_creator = env(user=creator, su=True)
            cls.agreement[key] = (
                as_creator["shaqra.beneficiary.agreement"]
                .create(
                    {
                        "beneficiary_id": ben.id,
                        "amount": 100,
                        "obligation_ids": [
                            Command.create({"name": f"M duty {key}", "party": "beneficiary"})
                        ],
                    }
                )
                .sudo(False)
            )
            cls.consent[key] = (
                as_creator["shaqra.media.consent"]
                .create({"beneficiary_id": ben.id, "scope": "image", "purpose": "M purpose"})
                .sudo(False)
            )
            cls.rights[key] = (
                as_creator["shaqra.data.rights.request"]
                .create({"beneficiary_id": ben.id, "kind": "restrict"})
                .sudo(False)
            )

        # Governing documents: one published for everyone, one still a draft.
        Policy = env["shaqra.policy"]
        policy_vals = {
            "body": "<p>Text</p>",
            "audience_employee": True,
            "audience_partner": True,
            "audience_beneficiary": True,
        }
        cls.policy = Policy.create({"name": "M Policy", "code": "M-POL", **policy_vals})
        cls.policy_new = Policy.create({"name": "M Policy 2", "code": "M-POL2", **policy_vals})
        for policy in cls.policy | cls.policy_new:
            policy.action_approve()
            policy.action_publish()
        cls.policy_draft = Policy.create(
            {"name": "M Draft", "code": "M-DRAFT", "body": "<p>x</p>"}
        )
        Ack = env["shaqra.policy.acknowledgement"]
        Ack.search([("policy_id", "in", (cls.policy | cls.policy_new).ids)]).unlink()
        cls.ack = {}
        for role in ROLES[:6]:
            cls.ack[role] = Ack.create(
                {"policy_id": cls.policy.id, "employee_id": cls.employees[cls.users[role]].id}
            )
        cls.ack["portal"] = Ack.create(
            {"policy_id": cls.policy.id, "partner_id": cls.users["portal"].partner_id.id}
        )
        cls.ack["other"] = Ack.create(
            {"policy_id": cls.policy.id, "employee_id": cls.employees[cls.employee_other].id}
        )
        cls.ack["other"].write(
            {
                "state": "acknowledged",
                "acknowledged_on": fields.Datetime.now(),
                "declaration_accepted": True,
                "signature": SIGNATURE,
                "signed_by": cls.employee_other.name,
            }
        )
        cls.department = env["hr.department"].create({"name": "M Department"})
        cls.department_copy = env["shaqra.policy.department.copy"].create(
            {"policy_id": cls.policy.id, "department_id": cls.department.id}
        )

        # Traces: an override, an access log line, an inquiry of each user.
        Override = env["shaqra.evidence.override"]
        override_vals = {
            "res_model": "shaqra.request",
            "res_id": cls.req["other"].id,
            "reason": "M correction of a typing error",
        }
        cls.override_own = Override.with_user(cls.users["manager"]).sudo().create(override_vals)
        cls.override_other = Override.with_user(cls.manager_other).sudo().create(override_vals)
        cls.access_log = env["shaqra.document.access.log"].create(
            {"user_id": cls.users["manager"].id, "access_type": "read"}
        )
        cls.public_submission = env["shaqra.public.submission"].create({"route_key": "inquiry"})
        Lead = env["crm.lead"]
        cls.lead = {
            role: Lead.with_user(user)
            .sudo()
            .create({"name": f"M inquiry {role}", "user_id": user.id})
            for role, user in cls.users.items()
        }
        cls.lead["other"] = Lead.create({"name": "M inquiry other", "user_id": False})
        cls.matrix = load_matrix()
        # Add-ons built on this one keep the rows of their own models in their
        # own tests/access_matrix.csv and walk them in their own test (which
        # subclasses this one); here they count for the coverage check.
        cls.addon_matrix = {}
        for path in addon_matrix_paths(env):
            cls.addon_matrix.update(load_matrix(path))

    # ------------------------------------------------------------------
    # The worlds: what "own" means per role, and the others' records.
    # ------------------------------------------------------------------

    def _world(self, role, which):
        """The key of the records of ``which`` ("own"/"other") for ``role``."""
        if which == "other" or role not in self.ben:
            return "other"
        return role

    def _spec(self, model):
        """(record(role, which), create_vals(role, which), write_vals) of a model."""
        w = self._world
        same = lambda record: lambda role, which: record  # noqa: E731
        config = {
            "shaqra.work.field": (
                same(self.field_y),
                {"name": "M new", "code": "M_NEW"},
                {"name": "M renamed"},
            ),
            "shaqra.beneficiary.category": (
                same(self.cat_y),
                {"name": "M new", "code": "M_NEW"},
                {"name": "M renamed"},
            ),
            "shaqra.document.type": (
                same(self.document_type_z),
                {"name": "M new"},
                {"name": "M renamed"},
            ),
            "shaqra.service.type": (
                same(self.service_z),
                {"name": "M new", "field_id": self.field_z.id},
                {"name": "M renamed"},
            ),
            "shaqra.service.requirement": (
                same(self.requirement_z),
                {"service_type_id": self.service_z.id, "name": "M new"},
                {"name": "M renamed"},
            ),
            "shaqra.request.stage": (same(self.stage_z), None, {"sequence": 99}),
            "shaqra.committee": (same(self.committee_z), {"name": "M new"}, {"quorum": 1}),
            "shaqra.liaison.assignment": (
                same(self.assignment_z),
                {
                    "category_id": self.cat_z.id,
                    "field_id": self.field_a.id,
                    "employee_id": self.employees[self.reception_other].id,
                },
                {"backup_employee_id": self.employees[self.employee_other].id},
            ),
            "shaqra.policy.department.copy": (
                same(self.department_copy),
                {"policy_id": self.policy_new.id, "department_id": self.department.id},
                {"manager_id": False},
            ),
            "shaqra.document.access.log": (
                same(self.access_log),
                {"user_id": self.env.uid, "access_type": "read"},
                {"res_name": "x"},
            ),
            "shaqra.agreement.template": (
                same(self.template),
                {"name": "M new", "service_type_id": self.service_t.id},
                {"name": "M renamed"},
            ),
            "shaqra.agreement.template.obligation": (
                same(self.template.obligation_ids[:1]),
                {"template_id": self.template.id, "name": "M new duty"},
                {"name": "M renamed duty"},
            ),
            "shaqra.public.submission": (
                same(self.public_submission),
                {"route_key": "inquiry"},
                {"route_key": "complaint"},
            ),
            "shaqra.liaison.report": (
                same(self.env["shaqra.liaison.report"].search([], limit=1)),
                {"employee_id": self.employees[self.users["liaison"]].id},
                {"request_count": 0},
            ),
            "shaqra.request.deadline.report": (
                same(self.env["shaqra.request.deadline.report"].search([], limit=1)),
                {"request_id": self.req["other"].id},
                {"met_count": 0},
            ),
        }
        if model in config:
            record, create, write = config[model]
            return record, create and (lambda role, which: create), write
        ben = lambda role, which: self.ben[w(role, which)]  # noqa: E731
        req = lambda role, which: self.req[w(role, which)]  # noqa: E731
        specs = {
            "shaqra.beneficiary": (
                ben,
                lambda role, which: {
                    "name": f"M new {role}",
                    "national_id": "1701234567" if which == "own" else "1701234633",
                    "category_id": self.cat_b.id,
                },
                {"employer": "M employer"},
            ),
            "shaqra.beneficiary.member": (
                lambda role, which: self.member[w(role, which)],
                lambda role, which: {"beneficiary_id": ben(role, which).id, "name": "M new child"},
                {"note": "M note"},
            ),
            "shaqra.beneficiary.income": (
                lambda role, which: self.income[w(role, which)],
                lambda role, which: {"beneficiary_id": ben(role, which).id, "amount": 10},
                {"note": "M note"},
            ),
            "shaqra.beneficiary.document": (
                lambda role, which: self.document[w(role, which)],
                lambda role, which: {
                    "beneficiary_id": ben(role, which).id,
                    "document_type_id": self.document_type.id,
                },
                {"note": "M note"},
            ),
            "shaqra.request": (
                req,
                lambda role, which: {
                    "beneficiary_id": ben(role, which).id,
                    "service_type_id": self.service_2.id,
                },
                {"description": "M description"},
            ),
            "shaqra.request.requirement": (
                lambda role, which: self.line[w(role, which)],
                lambda role, which: {
                    "request_id": req(role, which).id,
                    "requirement_id": self.extra_requirement[req(role, which).service_type_id].id,
                },
                {"note": "M note"},
            ),
            "shaqra.notification": (
                lambda role, which: self.notice[w(role, which)],
                lambda role, which: {
                    "request_id": req(role, which).id,
                    "beneficiary_id": ben(role, which).id,
                    "channel": "letter",
                    "subject": "M new notice",
                    "body": "<p>x</p>",
                },
                {"subject": "M other subject"},
            ),
            # Staff answer a correction; its comment and lines are what the
            # beneficiary asked for and stay theirs (F3).
            "shaqra.data.change.request": (
                lambda role, which: self.correction[w(role, which)],
                lambda role, which: {"beneficiary_id": ben(role, which).id},
                {"answer": "M answer"},
            ),
            "shaqra.data.change.request.line": (
                lambda role, which: self.correction[w(role, which)].line_ids[:1],
                lambda role, which: {
                    "change_request_id": self.correction[w(role, which)].id,
                    "field_name": "phone",
                    "new_value": "0110000000",
                },
                {"new_value": "0500000002"},
            ),
            "shaqra.beneficiary.agreement": (
                lambda role, which: self.agreement[w(role, which)],
                lambda role, which: {"beneficiary_id": ben(role, which).id, "amount": 10},
                {"amount": 200},
            ),
            "shaqra.beneficiary.agreement.obligation": (
                lambda role, which: self.agreement[w(role, which)].obligation_ids[:1],
                lambda role, which: {
                    "agreement_id": self.agreement[w(role, which)].id,
                    "name": "M new duty",
                    "party": "beneficiary",
                },
                {"is_done": True},
            ),
            "shaqra.media.consent": (
                lambda role, which: self.consent[w(role, which)],
                lambda role, which: {
                    "beneficiary_id": ben(role, which).id,
                    "scope": "story",
                    "purpose": "M new purpose",
                },
                {"use_website": True},
            ),
            "shaqra.data.rights.request": (
                lambda role, which: self.rights[w(role, which)],
                lambda role, which: {"beneficiary_id": ben(role, which).id, "kind": "delete"},
                {"answer": "M answer"},
            ),
            "shaqra.committee.meeting": (
                lambda role, which: self.meeting_1 if which == "own" else self.meeting_2,
                lambda role, which: {
                    "committee_id": (self.committee_1 if which == "own" else self.committee_2).id
                },
                {"location": "M room"},
            ),
            "shaqra.committee.decision": (
                lambda role, which: (
                    self.meeting_1 if which == "own" else self.meeting_2
                ).decision_ids[:1],
                lambda role, which: {
                    "meeting_id": (self.meeting_1 if which == "own" else self.meeting_2).id,
                    "request_id": (
                        self.committee_extra if which == "own" else self.other_agenda_extra
                    ).id,
                },
                {"sequence": 5},
            ),
            "shaqra.committee.meeting.approval": (
                lambda role, which: self.approval_1 if which == "own" else self.approval_2,
                lambda role, which: {
                    "meeting_id": (
                        self.meeting_1_draft if which == "own" else self.meeting_2_draft
                    ).id
                },
                {"date": fields.Datetime.now()},
            ),
            "shaqra.policy": (
                lambda role, which: self.policy if which == "own" else self.policy_draft,
                lambda role, which: {
                    "name": "M new policy",
                    "code": f"M-NEW-{which}",
                    "body": "<p>x</p>",
                },
                {"reminder_days": 5},
            ),
            "shaqra.policy.acknowledgement": (
                lambda role, which: self.ack.get(
                    role if which == "own" else "other", self.ack["other"]
                ),
                lambda role, which: {
                    "policy_id": self.policy_new.id,
                    **(
                        {"partner_id": self.users["portal"].partner_id.id}
                        if role in ("portal", "public") and which == "own"
                        else {"employee_id": self.employees.get(self.users[role]).id}
                        if which == "own" and self.users[role] in self.employees
                        else {"employee_id": self.employees[self.employee_other].id}
                    ),
                },
                {"declaration_accepted": True},
            ),
            "shaqra.evidence.override": (
                lambda role, which: self.override_own if which == "own" else self.override_other,
                lambda role, which: {
                    "res_model": "shaqra.request",
                    "res_id": req(role, which).id,
                    "reason": "M a made-up reason",
                },
                {"reason": "M rewritten reason"},
            ),
            "crm.lead": (
                lambda role, which: self.lead[role if which == "own" else "other"],
                lambda role, which: {"name": "M new inquiry"},
                {"description": "M note"},
            ),
            # Wizards: only created.
            "shaqra.notification.wizard": (
                None,
                lambda role, which: {
                    "request_id": req(role, which).id,
                    "beneficiary_id": ben(role, which).id,
                    "channel": "letter",
                    "subject": "M wizard",
                    "body": "<p>x</p>",
                },
                None,
            ),
            "shaqra.request.recompute.deadline": (
                None,
                lambda role, which: {"request_id": req(role, which).id, "reason": "M reason"},
                None,
            ),
            "shaqra.holiday.wizard": (None, lambda role, which: {}, None),
            "shaqra.beneficiary.agreement.sign": (
                None,
                lambda role, which: {
                    "agreement_id": self.agreement[w(role, which)].id,
                    "signature": SIGNATURE,
                },
                None,
            ),
            "shaqra.request.stage.override": (
                None,
                lambda role, which: {
                    "request_id": req(role, which).id,
                    "stage_id": self.stage_z.id,
                    "reason": "M a documented reason",
                },
                None,
            ),
            "shaqra.policy.distribute": (
                None,
                lambda role, which: {"policy_id": self.policy_new.id},
                None,
            ),
            "crm.lead.convert.beneficiary": (
                None,
                lambda role, which: {
                    "lead_id": self.lead[role if which == "own" else "other"].id,
                    "name": "M converted",
                    "national_id": "1701234708",
                    "preferred_channel": "letter",
                },
                None,
            ),
        }
        return specs[model]

    # ------------------------------------------------------------------
    # Walking the table
    # ------------------------------------------------------------------

    def _attempt(self, operation):
        """Run ``operation`` in a savepoint always rolled back: "allowed",
        "refused" (AccessError/UserError with a message) or "error: ..." ."""
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                operation()
                self.env.flush_all()
                raise _Rollback()
        except _Rollback:
            return "allowed"
        except (AccessError, UserError) as error:
            message = str(error.args[0] if error.args else "").strip()
            return "refused" if message else "error: refused without a message"
        except psycopg2.IntegrityError:
            # The database refuses (e.g. deleting a record others point to).
            return "refused"
        except Exception as error:  # reported as a difference
            return f"error: {type(error).__name__}: {str(error)[:200]}"
        finally:
            self.env.invalidate_all()

    def _actual(self, model, role, which):
        record_of, create_vals, write_vals = self._spec(model)
        user = self.users[role]
        Model = self.env[model].with_user(user)
        result = {}
        record = record_of(role, which).with_user(user) if record_of else None
        for operation in OPERATIONS:
            if record is None if operation != "create" else create_vals is None:
                result[operation] = None
                continue
            if operation == "read":
                outcome = self._attempt(lambda: (record.check_access("read"), record.read(["id"])))
            elif operation == "write":
                outcome = self._attempt(lambda: record.write(dict(write_vals)))
            elif operation == "create":
                vals = create_vals(role, which)
                outcome = self._attempt(lambda vals=vals: Model.create(dict(vals)))
            else:
                outcome = self._attempt(lambda: record.unlink())
            result[operation] = outcome
        return result

    @staticmethod
    def _expected(perms, operation):
        letter = perms[OPERATIONS.index(operation)]
        if letter == ".":
            return None
        return "allowed" if letter != "-" else "refused"

    def test_e2_access_matrix_covers_every_model(self):
        """Every shaqra.* model (and the CRM models used for inquiries) has a row per role."""
        models = self._models()
        missing = [
            f"{model} x {role}"
            for model in models
            for role in ROLES
            if (model, role) not in self.matrix and (model, role) not in self.addon_matrix
        ]
        self.assertFalse(
            missing,
            "Add these models to tests/access_matrix.csv (own/other rights per role):\n"
            + "\n".join(missing),
        )
        unknown = sorted({model for model, _role in self.matrix} - set(models))
        self.assertFalse(unknown, f"Rows for models that do not exist: {unknown}")

    def _models(self):
        return sorted(
            name
            for name, model in self.env.registry.items()
            if name.startswith("shaqra.") and not model._abstract
        ) + list(EXTRA_MODELS)

    def test_e2_access_matrix(self):
        """Walk the whole table: each role x model x operation x own/other as stated."""
        differences = []
        observed = []
        for (model, role), perms in sorted(self.matrix.items()):
            if model not in self.env:
                continue
            row = {}
            for which in ("own", "other"):
                actual = self._actual(model, role, which)
                row[which] = "".join(
                    "."
                    if actual[op] is None
                    else op[0].replace("u", "d")
                    if actual[op] == "allowed"
                    else "-"
                    if actual[op] == "refused"
                    else "!"
                    for op in OPERATIONS
                )
                for operation in OPERATIONS:
                    expected = self._expected(perms[which], operation)
                    got = actual[operation]
                    if expected is None or got is None:
                        continue
                    if got != expected:
                        differences.append(
                            f"{model:40} {role:10} {which:5} {operation:6} "
                            f"expected {expected}, got {got}"
                        )
            observed.append(f"{model},{role},{row['own']},{row['other']}")
        _logger.info("Access matrix as observed:\nmodel,role,own,other\n%s", "\n".join(observed))
        self.assertFalse(
            differences,
            f"{len(differences)} difference(s) from tests/access_matrix.csv:\n"
            + "\n".join(differences),
        )
