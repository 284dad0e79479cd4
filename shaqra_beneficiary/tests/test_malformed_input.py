"""Malformed input (policy C3, C4, C5, F3, E2): table-driven cases across the
backend (create/write of beneficiary, member, income, document, request,
correction, decision amount, notice) and the portal forms (new request,
upload, correction, sign).

Each refused case must end in a clear error - UserError, ValidationError or
AccessError with a message in the backend; on the portal an HTTP 200 with
the form's error message (or a 303 back to the form with an error flag, or a
JSON ``error``), never a 500 - and the database must hold nothing half-saved:
the rows of every table the operation touches are counted before and after,
and the values it would change are compared.

Decision on Eastern-Arabic digits (٠١٢٣٤٥٦٧٨٩ and ۰۱۲۳۴۵۶۷۸۹): in national IDs
and mobile numbers they are normalised to Latin digits and accepted; the
``NORMALISED`` cases check what is stored. Superscript digits (²) and every
other look-alike are refused.
"""

import base64
import datetime
import importlib
import io
import json
import zipfile

import psycopg2

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import BLANK_CANVAS, BLANK_PIXEL, PDF, PNG, ShaqraCommitteeCommon, ShaqraPortalCommon
from .common import SIGNATURE_TEXT as SIGNATURE


def _zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a scan")
    return buffer.getvalue()


LONG = "ا" * 100_000
LONG_DIGITS = "5" * 100_000
HTML = "<script>alert(1)</script>"
EMOJI = "😀😀😀"
SUPERSCRIPT = "²"
FAR_PAST = datetime.date(1, 1, 1)
FAR_FUTURE = datetime.date(2999, 1, 1)
HTML_PDF = b"<html><body><script>alert(1)</script>%PDF-1.4</body></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
ZIP = _zip()

# Tables whose rows a refused operation must leave as they were.
TABLES = (
    "res_partner",
    "shaqra_beneficiary",
    "shaqra_beneficiary_member",
    "shaqra_beneficiary_income",
    "shaqra_beneficiary_document",
    "shaqra_request",
    "shaqra_request_requirement",
    "shaqra_notification",
    "shaqra_data_change_request",
    "shaqra_data_change_request_line",
    "shaqra_committee_decision",
    "ir_attachment",
    "crm_lead",
    "shaqra_public_submission",
)

BAD_NATIONAL_IDS = {
    "empty": "",
    "short": "123",
    "bad_check_digit": "1000000009",
    "starts_with_3": "3000000004",
    "letters": "10000000ab",
    "overlong": LONG_DIGITS,
    "emoji": EMOJI,
    "html": HTML,
    "superscript": "10000000" + SUPERSCRIPT + "8",
    "eastern_bad_check_digit": "١٠٠٠٠٠٠٠٠٩",
    "spaces_only": "          ",
}
BAD_PHONES = {
    "html": HTML,
    "letters": "abcdefgh",
    "emoji": EMOJI,
    "overlong": LONG_DIGITS,
    "superscript": SUPERSCRIPT * 8,
    "html_tail": "+966 5<b>1</b>",
}
BAD_EMAILS = {
    "no_at": "not-an-email",
    "no_domain": "a@",
    "html": HTML + "@example.com",
    "overlong": LONG + "@example.com",
}
BAD_BIRTHDATES = {
    "year_1": FAR_PAST,
    "year_2999": FAR_FUTURE,
    "tomorrow": datetime.date.today() + datetime.timedelta(days=1),
}
BAD_AMOUNTS = {
    "1e300": 1e300,
    "1e20": 1e20,
    "negative": -5,
    "minus_1e300": -1e300,
}
BAD_SIGNATURES = {
    "transparent_1x1_png": BLANK_PIXEL,
    "blank_canvas": BLANK_CANVAS,
    "not_base64": "not base64 !!!",
    "html_as_image": base64.b64encode(HTML_PDF).decode(),
    "pdf_as_image": base64.b64encode(PDF).decode(),
    "black_1x1_png": base64.b64encode(PNG).decode(),
}
# (name, content) of uploads that must be refused.
BAD_FILES = {
    "exe_named_pdf": ("scan.pdf", EXE),
    "html_named_pdf": ("scan.pdf", HTML_PDF),
    "zip_named_pdf": ("scan.pdf", ZIP),
    "png_named_pdf": ("scan.pdf", PNG),
    "pdf_named_png": ("photo.png", PDF),
    "empty_pdf": ("empty.pdf", b""),
    "svg": ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>'),
    "html": ("page.html", b"<html><script>alert(1)</script></html>"),
    "exe": ("setup.exe", EXE),
    "no_extension": ("scan", PDF),
    "double_extension": ("scan.pdf.exe", EXE),
    "oversize": ("big.pdf", PDF + b"0" * (1024 * 1024 + 10)),
    "text_named_jpg": ("photo.jpg", b"just some text, not a picture"),
}


def addon_malformed_modules(env):
    """The ``tests/malformed_cases`` modules of the installed ``shaqra_*`` add-ons.

    An add-on's public and portal forms get the same treatment as the base's:
    its module gives ``run_malformed_cases(test, failures)`` (returning how many
    cases it ran) using :class:`TestMalformedPortal`'s helpers; the base never
    imports the add-on's code, only these cases, and only when it is installed.
    """
    modules = (
        env["ir.module.module"]
        .sudo()
        .search(
            [
                ("name", "=like", "shaqra\\_%"),
                ("name", "!=", "shaqra_beneficiary"),
                ("state", "=", "installed"),
            ],
            order="name",
        )
    )
    found = []
    for module in modules:
        try:
            found.append(
                importlib.import_module(f"odoo.addons.{module.name}.tests.malformed_cases")
            )
        except ModuleNotFoundError:
            continue
    return found


class _Case:
    def __init__(self, case_id, run, watch=None, normalised=None, prepare=None):
        self.case_id = case_id
        self.prepare = prepare  # callable run first, whose rows are not counted
        self.run = run  # callable doing the operation
        self.watch = watch  # callable returning values that must not change
        self.normalised = normalised  # callable checking the stored value (accepted cases)


class MalformedMixin:
    def _counts(self):
        self.env.flush_all()
        counts = {}
        for table in TABLES:
            self.env.cr.execute(f"SELECT count(*) FROM {table}")
            counts[table] = self.env.cr.fetchone()[0]
        return counts

    def _changed(self, before, after):
        return {
            table: (before[table], after[table])
            for table in before
            if before[table] != after[table]
        }


@tagged("post_install", "-at_install")
class TestMalformedBackend(MalformedMixin, ShaqraCommitteeCommon):
    """Backend create/write refuse malformed data with a clear error, and save nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        as_reception = env(user=cls.user_reception)
        cls.ben = (
            as_reception["shaqra.beneficiary"]
            .create(
                {
                    "name": "Malformed Target",
                    "national_id": "1234567897",
                    "mobile": "0559870000",
                    "category_id": cls.category.id,
                    "field_id": cls.work_field.id,
                    "preferred_channel": "letter",
                }
            )
            .with_env(env)
        )
        cls.member = env["shaqra.beneficiary.member"].create(
            {"beneficiary_id": cls.ben.id, "name": "Child"}
        )
        cls.income = env["shaqra.beneficiary.income"].create(
            {"beneficiary_id": cls.ben.id, "amount": 1000}
        )
        cls.document_type = env["shaqra.document.type"].create({"name": "ID card"})
        cls.document = env["shaqra.beneficiary.document"].create(
            {"beneficiary_id": cls.ben.id, "document_type_id": cls.document_type.id}
        )
        cls.req = (
            as_reception["shaqra.request"]
            .create({"beneficiary_id": cls.ben.id, "service_type_id": cls.service.id})
            .with_env(env)
        )
        cls.agenda_request = cls._complete_request()
        cls.meeting = env["shaqra.committee.meeting"].create(
            {
                "committee_id": cls.committee.id,
                "decision_ids": [Command.create({"request_id": cls.agenda_request.id})],
            }
        )
        cls.meeting.with_user(cls.member_a).action_start()
        cls.decision = cls.meeting.decision_ids

    # ------------------------------------------------------------------

    def _run_case(self, case):
        """'' if the case behaved, else what went wrong."""
        savepoint = self.env.cr.savepoint()
        try:
            before = self._counts()
            watched = case.watch() if case.watch else None
            outcome = "accepted"
            try:
                if case.prepare:
                    # What exists before the user acts (e.g. a pending correction);
                    # refusing to create it is a refusal as well.
                    with self.env.cr.savepoint():
                        case.prepare()
                    before = self._counts()
                # One JSON-RPC call: rolled back as a whole when it raises.
                with self.env.cr.savepoint():
                    case.run()
                    self.env.flush_all()
            except (UserError, ValidationError, AccessError) as error:
                message = str(error.args[0] if error.args else "").strip()
                outcome = "refused" if message else "refused without a message"
            except psycopg2.IntegrityError:
                # A database constraint: JSON-RPC turns it into a ValidationError,
                # and the transaction is rolled back (nothing can be half-saved).
                return "" if not case.normalised else "refused by a database constraint"
            except psycopg2.Error as error:
                return f"database error instead of a clear message: {str(error).strip()[:150]}"
            except Exception as error:
                return f"{type(error).__name__} instead of a clear message: {str(error)[:150]}"
            if case.normalised:
                if outcome != "accepted":
                    return f"should be normalised and accepted, was {outcome}"
                return case.normalised() or ""
            if outcome != "refused":
                return outcome
            changed = self._changed(before, self._counts())
            if changed:
                return f"refused but half-saved: {changed}"
            self.env.invalidate_all()
            if case.watch and case.watch() != watched:
                return f"refused but changed: {watched} -> {case.watch()}"
            return ""
        except psycopg2.Error as error:
            return f"database error: {str(error).strip()[:150]}"
        finally:
            savepoint.close(rollback=True)
            self.env.invalidate_all()

    def _run_table(self, cases):
        failures = []
        for case in cases:
            with mute_logger("odoo.sql_db", "odoo.models"):
                problem = self._run_case(case)
            if problem:
                failures.append(f"{case.case_id}: {problem}")
        self.assertFalse(
            failures, f"{len(failures)} of {len(cases)} cases failed:\n" + "\n".join(failures)
        )

    # ------------------------------------------------------------------
    # Tables
    # ------------------------------------------------------------------

    def _beneficiary_cases(self):
        reception = self.env(user=self.user_reception)
        Beneficiary = reception["shaqra.beneficiary"]
        target = self.ben.with_env(reception)
        base = {
            "name": "New Person",
            "national_id": "2345678904",
            "category_id": self.category.id,
            "field_id": self.work_field.id,
            "preferred_channel": "letter",
        }
        bad = {}
        for key, value in BAD_NATIONAL_IDS.items():
            bad[f"national_id.{key}"] = {"national_id": value}
        for field in ("mobile", "phone", "whatsapp_number", "fax_number"):
            for key, value in BAD_PHONES.items():
                bad[f"{field}.{key}"] = {field: value}
        for key, value in BAD_EMAILS.items():
            bad[f"email.{key}"] = {"email": value}
        for key, value in BAD_BIRTHDATES.items():
            bad[f"birthdate.{key}"] = {"birthdate": value}
        for key, value in BAD_AMOUNTS.items():
            bad[f"annual_rent.{key}"] = {"annual_rent": value}
        for field in ("name", "employer", "city", "street"):
            bad[f"{field}.overlong"] = {field: LONG}
        bad["birthdate.wrong_type"] = {"birthdate": "yesterday"}
        bad["annual_rent.wrong_type"] = {"annual_rent": "a lot"}
        bad["preferred_channel.unknown"] = {"preferred_channel": "pigeon"}
        cases = []
        watch = lambda: self.ben.read(list(self._watched_fields()))  # noqa: E731
        for key, vals in bad.items():
            cases.append(
                _Case(
                    f"beneficiary.create.{key}",
                    lambda vals=vals: Beneficiary.create(dict(base, **vals)),
                )
            )
            cases.append(
                _Case(
                    f"beneficiary.write.{key}", lambda vals=vals: target.write(dict(vals)), watch
                )
            )
        return cases

    @staticmethod
    def _watched_fields():
        return (
            "name",
            "national_id",
            "mobile",
            "phone",
            "email",
            "whatsapp_number",
            "fax_number",
            "birthdate",
            "annual_rent",
            "employer",
            "city",
            "street",
            "preferred_channel",
        )

    def _case_data_cases(self):
        reception = self.env(user=self.user_reception)
        cases = []
        member_bad = {"name.overlong": {"name": LONG}, "relation.unknown": {"relation": "cousin"}}
        for key, value in BAD_BIRTHDATES.items():
            member_bad[f"birthdate.{key}"] = {"birthdate": value}
        for key, value in BAD_NATIONAL_IDS.items():
            if value:
                member_bad[f"national_id.{key}"] = {"national_id": value}
        income_bad = {f"amount.{key}": {"amount": value} for key, value in BAD_AMOUNTS.items()}
        income_bad.update(
            {
                "amount.wrong_type": {"amount": "much"},
                "note.overlong": {"note": LONG},
                "source.unknown": {"source": "lottery"},
            }
        )
        document_bad = {
            "name.overlong": {"name": LONG},
            "date_issue.year_2999": {"date_issue": FAR_FUTURE},
            "date_issue.year_1": {"date_issue": FAR_PAST},
            "date_expiry.before_issue": {
                "date_issue": datetime.date(2024, 1, 1),
                "date_expiry": datetime.date(2023, 1, 1),
            },
            "date_expiry.year_1": {"date_expiry": FAR_PAST},
        }
        tables = (
            ("shaqra.beneficiary.member", self.member, {"name": "Child 2"}, member_bad),
            ("shaqra.beneficiary.income", self.income, {"amount": 10}, income_bad),
            (
                "shaqra.beneficiary.document",
                self.document,
                {"document_type_id": self.document_type.id},
                document_bad,
            ),
        )
        for model, record, base, bad in tables:
            Model = reception[model]
            target = record.with_env(reception)
            watch_fields = sorted({name for vals in bad.values() for name in vals})
            for key, vals in bad.items():
                cases.append(
                    _Case(
                        f"{model}.create.{key}",
                        lambda Model=Model, base=base, vals=vals: Model.create(
                            dict(base, beneficiary_id=self.ben.id, **vals)
                        ),
                    )
                )
                cases.append(
                    _Case(
                        f"{model}.write.{key}",
                        lambda target=target, vals=vals: target.write(dict(vals)),
                        lambda record=record, fields=watch_fields: record.read(fields),
                    )
                )
        return cases

    def _request_cases(self):
        reception = self.env(user=self.user_reception)
        target = self.req.with_env(reception)
        watch = lambda: self.req.read(["signature", "signed_by", "signed_on", "description"])  # noqa: E731
        cases = []
        for key, signature in BAD_SIGNATURES.items():
            cases.append(
                _Case(
                    f"request.write.signature.{key}",
                    lambda signature=signature: target.write(
                        {"signature": signature, "signed_by": "Fatimah"}
                    ),
                    watch,
                )
            )
            cases.append(
                _Case(
                    f"request.create.signature.{key}",
                    lambda signature=signature: reception["shaqra.request"].create(
                        {
                            "beneficiary_id": self.ben.id,
                            "service_type_id": self.service.id,
                            "signature": signature,
                        }
                    ),
                )
            )
        cases += [
            _Case(
                "request.write.signed_by.overlong",
                lambda: target.write({"signature": SIGNATURE, "signed_by": LONG}),
                watch,
            ),
            _Case(
                "request.create.service_type.wrong_type",
                lambda: reception["shaqra.request"].create(
                    {"beneficiary_id": self.ben.id, "service_type_id": "food"}
                ),
            ),
            _Case(
                "request.create.beneficiary.missing_id",
                lambda: reception["shaqra.request"].create(
                    {"beneficiary_id": 999999999, "service_type_id": self.service.id}
                ),
            ),
        ]
        return cases

    def _decision_cases(self):
        decision = self.decision.with_user(self.member_a)
        watch = lambda: (  # noqa: E731
            self.decision.read(["decision", "approved_amount"]),
            self.agenda_request.read(["decision", "approved_amount", "stage_id"]),
        )
        amounts = dict(BAD_AMOUNTS, wrong_type="ten thousand")
        return [
            _Case(
                f"decision.write.approved_amount.{key}",
                lambda amount=amount: decision.write(
                    {"decision": "approved", "approved_amount": amount}
                ),
                watch,
            )
            for key, amount in amounts.items()
        ]

    def _notice_cases(self):
        reception = self.env(user=self.user_reception)
        base = {
            "request_id": self.req.id,
            "beneficiary_id": self.ben.id,
            "channel": "letter",
            "subject": "Your request",
            "body": "<p>Text</p>",
        }
        bad = {
            "subject.overlong": {"subject": LONG},
            "whatsapp_number.html": {"channel": "whatsapp", "whatsapp_number": HTML},
            "whatsapp_number.letters": {"channel": "whatsapp", "whatsapp_number": "abc"},
            "fax_number.html": {"channel": "fax", "fax_number": HTML},
            "fax_number.emoji": {"channel": "fax", "fax_number": EMOJI},
            "channel.unknown": {"channel": "pigeon"},
            "date.year_1": {"date": datetime.datetime(1, 1, 1)},
            "date.year_2999": {"date": datetime.datetime(2999, 1, 1)},
            "state.delivered": {"state": "sent", "letter_number": "L-123"},
            "beneficiary.other_request": {"beneficiary_id": self.beneficiary.id},
        }
        return [
            _Case(
                f"notification.create.{key}",
                lambda vals=vals: reception["shaqra.notification"].create(dict(base, **vals)),
            )
            for key, vals in bad.items()
        ]

    def _correction_cases(self):
        manager = self.env(user=self.user_manager)
        bad = {
            "household_size.negative": ("household_size", "-5"),
            "household_size.superscript": ("household_size", SUPERSCRIPT),
            "household_size.huge": ("household_size", "1e300"),
            "household_size.zero": ("household_size", "0"),
            "email.no_at": ("email", "not-an-email"),
            "mobile.html": ("mobile", HTML),
            "mobile.emoji": ("mobile", EMOJI),
            "phone.letters": ("phone", "abcdef"),
            "preferred_channel.unknown": ("preferred_channel", "pigeon"),
            "city.overlong": ("city", LONG),
            "field.not_correctable": ("national_id", "2345678904"),
            "field.unknown": ("no_such_field", "x"),
        }
        cases = []
        for key, (field, value) in bad.items():
            holder = {}

            def prepare(field=field, value=value, holder=holder):
                holder["change"] = self.env["shaqra.data.change.request"].create(
                    {
                        "beneficiary_id": self.ben.id,
                        "line_ids": [Command.create({"field_name": field, "new_value": value})],
                    }
                )

            def run(holder=holder):
                holder["change"].with_env(manager).action_approve()

            def watch():
                return self.ben.read(["household_size", *self._watched_fields()])

            cases.append(_Case(f"correction.approve.{key}", run, watch, prepare=prepare))
        return cases

    def _normalised_cases(self):
        reception = self.env(user=self.user_reception)
        target = self.ben.with_env(reception)

        def stored(field, expected):
            def check():
                self.ben.invalidate_recordset()
                value = self.ben[field] or ""
                digits = "".join(ch for ch in value if ch.isdigit())
                if digits != expected or not digits.isascii():
                    return f"{field} stored as {value!r}, expected Latin digits {expected}"
                return ""

            return check

        return [
            _Case(
                "beneficiary.write.national_id.eastern_arabic",
                lambda: target.write({"national_id": "٢٣٤٥٦٧٨٩٠٤"}),
                normalised=stored("national_id", "2345678904"),
            ),
            _Case(
                "beneficiary.write.national_id.persian",
                lambda: target.write({"national_id": "۲۳۴۵۶۷۸۹۰۴"}),
                normalised=stored("national_id", "2345678904"),
            ),
            _Case(
                "beneficiary.write.mobile.eastern_arabic",
                lambda: target.write({"mobile": "٠٥٥٩٨٧٦١٢٣"}),
                normalised=stored("mobile", "0559876123"),
            ),
            _Case(
                "beneficiary.write.mobile.persian",
                lambda: target.write({"mobile": "۰۵۵۹۸۷۶۱۲۳"}),
                normalised=stored("mobile", "0559876123"),
            ),
        ]

    def _all_backend_cases(self):
        return (
            self._beneficiary_cases()
            + self._case_data_cases()
            + self._request_cases()
            + self._decision_cases()
            + self._notice_cases()
            + self._correction_cases()
            + self._normalised_cases()
        )

    # ------------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------------

    def test_c3_malformed_beneficiary_refused(self):
        self._run_table(self._beneficiary_cases())

    def test_c3_malformed_member_income_document_refused(self):
        self._run_table(self._case_data_cases())

    def test_c4_malformed_request_and_signature_refused(self):
        self._run_table(self._request_cases())

    def test_c5_malformed_decision_amount_refused(self):
        self._run_table(self._decision_cases())

    def test_a_malformed_notice_refused(self):
        self._run_table(self._notice_cases())

    def test_f3_malformed_correction_not_applied(self):
        self._run_table(self._correction_cases())

    def test_c3_eastern_arabic_digits_normalised(self):
        self._run_table(self._normalised_cases())

    def test_malformed_suite_has_at_least_200_cases(self):
        backend = len(self._all_backend_cases())
        portal = TestMalformedPortal.case_count()
        self.assertGreaterEqual(backend + portal, 200, f"{backend} backend + {portal} portal")


@tagged("post_install", "-at_install")
class TestMalformedPortal(MalformedMixin, ShaqraPortalCommon):
    """Portal forms answer malformed input with a message, never a 500, and save nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("shaqra_beneficiary.portal_upload_max_mb", 1)
        cls.line_mandatory_doc = cls.line_id_copy

    NEW_REQUEST_BAD = {
        "service_type_id.letters": {"service_type_id": "abc"},
        "service_type_id.negative": {"service_type_id": "-1"},
        "service_type_id.huge": {"service_type_id": "1e300"},
        "service_type_id.superscript_3": {"service_type_id": "³"},
        "service_type_id.superscript": {"service_type_id": SUPERSCRIPT},
        "service_type_id.html": {"service_type_id": HTML},
        "service_type_id.overlong": {"service_type_id": LONG_DIGITS},
        "service_type_id.empty": {"service_type_id": ""},
        "service_type_id.unpublished": {"service_type_id": "UNPUBLISHED"},
        "criteria_read.missing": {"criteria_read": None},
    }
    CORRECTION_BAD = {
        "household_size.superscript": {"household_size": SUPERSCRIPT},
        "household_size.negative": {"household_size": "-5"},
        "household_size.zero": {"household_size": "0"},
        "household_size.huge": {"household_size": "1e300"},
        "household_size.letters": {"household_size": "abc"},
        "household_size.overlong": {"household_size": LONG_DIGITS},
        "mobile.html": {"mobile": HTML},
        "mobile.letters": {"mobile": "abcdefgh"},
        "mobile.emoji": {"mobile": EMOJI},
        "mobile.overlong": {"mobile": LONG_DIGITS},
        "mobile.superscript": {"mobile": SUPERSCRIPT * 9},
        "phone.html": {"phone": HTML},
        "whatsapp_number.letters": {"whatsapp_number": "abc"},
        "email.no_at": {"email": "not-an-email"},
        "email.no_domain": {"email": "a@"},
        "email.html": {"email": HTML + "@example.com"},
        "email.overlong": {"email": LONG + "@example.com"},
        "preferred_channel.unknown": {"preferred_channel": "pigeon"},
        "preferred_channel.html": {"preferred_channel": HTML},
        "city.overlong": {"city": LONG},
        "street.overlong": {"street": LONG},
        "zip.overlong": {"zip": LONG},
        "nothing_changed": {},
    }
    SIGN_BAD = {
        **{f"signature.{key}": {"signature": value} for key, value in BAD_SIGNATURES.items()},
        "signature.missing": {"signature": ""},
        "signature.overlong_garbage": {"signature": "A" * 100_000},
        "name.missing": {"name": ""},
        "name.blank": {"name": "     "},
        "name.overlong": {"name": LONG},
    }

    INQUIRY_BAD = {
        "name.missing": {"name": None},
        "name.blank": {"name": "     "},
        "name.overlong": {"name": LONG},
        "mobile.missing": {"mobile": None},
        "mobile.html": {"mobile": HTML},
        "mobile.letters": {"mobile": "abcdefgh"},
        "mobile.emoji": {"mobile": EMOJI},
        "mobile.overlong": {"mobile": LONG_DIGITS},
        "mobile.superscript": {"mobile": SUPERSCRIPT * 9},
        "mobile.landline": {"mobile": "0116220000"},
        "email.no_at": {"email": "not-an-email"},
        "email.no_domain": {"email": "a@"},
        "email.html": {"email": HTML + "@example.com"},
        "email.overlong": {"email": LONG + "@example.com"},
        "message.missing": {"message": None},
        "message.blank": {"message": "   "},
        "message.overlong": {"message": "x" * 5000},
        "category_id.letters": {"category_id": "abc"},
        "category_id.negative": {"category_id": "-1"},
        "category_id.huge": {"category_id": "1e300"},
        "category_id.overlong": {"category_id": LONG_DIGITS},
        "category_id.missing_record": {"category_id": "999999999"},
        "field_id.html": {"field_id": HTML},
        "field_id.superscript": {"field_id": SUPERSCRIPT},
        "national_id.letters": {"national_id": "abcdefghij"},
        "national_id.bad_check_digit": {"national_id": "1000000009"},
        "national_id.html": {"national_id": HTML},
        "national_id.overlong": {"national_id": LONG_DIGITS},
        "service_id.letters": {"service_id": "abc"},
        "service_id.missing_record": {"service_id": "999999999"},
        "register.national_id_missing": {"register": "1", "national_id": ""},
        "register.name_missing": {"register": "1", "national_id": "1000000008", "name": None},
    }

    @classmethod
    def case_count(cls):
        return (
            len(cls.INQUIRY_BAD)
            + len(cls.NEW_REQUEST_BAD)
            + len(BAD_FILES) * 2
            + len(cls.CORRECTION_BAD)
            + len(cls.SIGN_BAD)
            + 1
        )

    def _request_rows(self):
        self.env.invalidate_all()
        return self._counts()

    def _check_response(self, failures, case_id, response, before, expect_error_flag=None):
        status = response.status_code
        if status >= 500:
            failures.append(f"{case_id}: HTTP {status}")
        elif status == 200:
            if "o_shaqra_form_errors" not in response.text:
                failures.append(f"{case_id}: HTTP 200 without an error message")
        elif status in (302, 303):
            location = response.headers.get("Location", "")
            if expect_error_flag and expect_error_flag not in location:
                failures.append(f"{case_id}: redirected to {location} without an error")
            elif not expect_error_flag:
                failures.append(f"{case_id}: accepted (redirected to {location})")
        else:
            failures.append(f"{case_id}: HTTP {status}")
        changed = self._changed(before, self._request_rows())
        if changed:
            failures.append(f"{case_id}: half-saved {changed}")

    def _post(self, url, data, files=None):
        data = {key: value for key, value in data.items() if value is not None}
        data["csrf_token"] = self._csrf()
        with mute_logger("odoo.http", "werkzeug"):
            return self.url_open(url, data=data, files=files, allow_redirects=False, timeout=60)

    def _report(self, failures, total):
        cases = {failure.split(":", 1)[0] for failure in failures}
        self.assertFalse(
            failures, f"{len(cases)} of {total} cases failed:\n" + "\n".join(failures)
        )

    def test_c2_malformed_new_request_form(self):
        self.authenticate("t_benef_one", "t_benef_one")
        failures = []
        requirement = self.line_mandatory_doc.requirement_id
        good_files = {f"document_{requirement.id}": ("id.pdf", PDF)}
        base = {"service_type_id": str(self.service.id), "criteria_read": "1", "description": ""}
        for case_id, vals in self.NEW_REQUEST_BAD.items():
            data = dict(base, **vals)
            if data.get("service_type_id") == "UNPUBLISHED":
                data["service_type_id"] = str(self.unpublished_service.id)
            before = self._request_rows()
            response = self._post("/my/requests/new", data, good_files)
            self._check_response(failures, f"new_request.{case_id}", response, before)
        for case_id, (name, content) in BAD_FILES.items():
            before = self._request_rows()
            response = self._post(
                "/my/requests/new", base, {f"document_{requirement.id}": (name, content)}
            )
            self._check_response(failures, f"new_request.file.{case_id}", response, before)
        self._report(failures, len(self.NEW_REQUEST_BAD) + len(BAD_FILES))

    def test_c3_malformed_upload(self):
        self.authenticate("t_benef_one", "t_benef_one")
        failures = []
        url = f"/my/requests/{self.request_one.id}/upload/{self.line_id_copy.id}"
        for case_id, (name, content) in BAD_FILES.items():
            before = self._request_rows()
            response = self._post(
                url, {"access_token": self.token_one}, {"document": (name, content)}
            )
            self._check_response(
                failures, f"upload.{case_id}", response, before, expect_error_flag="upload_error="
            )
        self.env.invalidate_all()
        if self.line_id_copy.attachment_ids != self.document_one:
            failures.append(
                f"upload: the line's documents changed: {self.line_id_copy.attachment_ids}"
            )
        self._report(failures, len(BAD_FILES))

    def test_f3_malformed_correction_form(self):
        self.authenticate("t_benef_one", "t_benef_one")
        failures = []
        fields = self.env["shaqra.beneficiary"]._portal_correctable_fields()
        snapshot = self.beneficiary_one.read(fields)
        for case_id, vals in self.CORRECTION_BAD.items():
            before = self._request_rows()
            response = self._post("/my/beneficiary/correction", dict(vals))
            self._check_response(failures, f"correction.{case_id}", response, before)
        self.env.invalidate_all()
        if self.beneficiary_one.read(fields) != snapshot:
            failures.append("the beneficiary's data changed without review")
        self._report(failures, len(self.CORRECTION_BAD))

    def test_f3_correction_eastern_digits_normalised(self):
        self.authenticate("t_benef_one", "t_benef_one")
        response = self._post("/my/beneficiary/correction", {"mobile": "٠٥٥١٢٣٤٥٦٧"})
        self.assertEqual(response.status_code, 303, response.text[:500])
        line = self.beneficiary_one.data_change_request_ids.line_ids.filtered(
            lambda line: line.field_name == "mobile"
        )
        self.assertEqual(line.new_value.replace(" ", ""), "0551234567")

    def test_c4_malformed_signature(self):
        self.authenticate("t_benef_one", "t_benef_one")
        failures = []
        url = f"/my/requests/{self.request_one.id}/sign?access_token={self.token_one}"
        for case_id, vals in self.SIGN_BAD.items():
            params = dict({"name": "Beneficiary One", "signature": SIGNATURE}, **vals)
            before = self._request_rows()
            payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
            with mute_logger("odoo.http"):
                response = self.url_open(
                    url,
                    data=json.dumps(payload),
                    headers={"Content-Type": "application/json"},
                    timeout=60,
                )
            if response.status_code >= 500:
                failures.append(f"sign.{case_id}: HTTP {response.status_code}")
                continue
            body = response.json()
            result = body.get("result")
            if not (isinstance(result, dict) and result.get("error")):
                failures.append(f"sign.{case_id}: no error message: {str(body)[:200]}")
            changed = self._changed(before, self._request_rows())
            if changed:
                failures.append(f"sign.{case_id}: half-saved {changed}")
            self.env.invalidate_all()
            if self.request_one.signature or self.request_one.signed_on:
                failures.append(f"sign.{case_id}: the request was signed")
                self.request_one.sudo().write({"signature": False, "signed_on": False})
        self._report(failures, len(self.SIGN_BAD))

    def test_f2_malformed_public_inquiry(self):
        """The public inquiry form refuses malformed input with a message, saving nothing."""
        self.authenticate(None, None)
        failures = []
        base = {
            "name": "Visitor",
            "mobile": "0551234567",
            "email": "",
            "category_id": "",
            "field_id": "",
            "message": "A question",
        }
        for case_id, vals in self.INQUIRY_BAD.items():
            data = dict(base, **vals)
            before = self._request_rows()
            response = self._post("/inquiry", data)
            self._check_response(failures, f"inquiry.{case_id}", response, before)
        self._report(failures, len(self.INQUIRY_BAD))

    def test_malformed_forms_of_installed_addons(self):
        """The installed add-ons' forms answer malformed input with a message, save nothing."""
        failures = []
        total = 0
        for module in addon_malformed_modules(self.env):
            total += module.run_malformed_cases(self, failures)
        self._report(failures, total)
