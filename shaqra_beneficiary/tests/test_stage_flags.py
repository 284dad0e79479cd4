import importlib.util
import re
from pathlib import Path

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from ..tools.phone import normalize_saudi_mobile, whatsapp_digits
from .common import ShaqraRequestCommon

MODULE = Path(__file__).resolve().parent.parent

# A class of stages written as keys: what the stage flags replace.
KEY_CLASS_PATTERNS = [
    re.compile(r"_STAGE_KEYS\b"),
    re.compile(r"stage_key\s+(not\s+)?in\b"),
    re.compile(r"\.key\s+(not\s+)?in\b"),
    re.compile(r"""['"]stage_key['"],\s*['"](not in|in)['"]"""),
    re.compile(r"""['"]key['"],\s*['"](!=|not in|in)['"]"""),
]


@tagged("post_install", "-at_install")
class TestStageFlags(ShaqraRequestCommon):
    """The stages say what they mean through flags; the code reads the flags (C2-C6)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Stage = cls.env["shaqra.request.stage"]

    def _custom_stage(self, **flags):
        """A stage an administrator adds (no key): only its flags give it a meaning."""
        return self.Stage.sudo().create({"name": "Custom", "sequence": 5, **flags})

    @staticmethod
    def _stage_flags_migration():
        """migrations/18.0.1.2.0/post-stage-flags.py, loaded as a module."""
        path = MODULE / "migrations" / "18.0.1.2.0" / "post-stage-flags.py"
        spec = importlib.util.spec_from_file_location("shaqra_post_stage_flags", path)
        script = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(script)
        return script

    def _flags(self, stage):
        return (
            stage.is_intake,
            stage.is_committee,
            stage.is_answered,
            stage.is_final,
            stage.portal_visible,
        )

    def test_c2_c6_pipeline_stages_carry_their_flags(self):
        """A fresh install and an upgraded database give each stage the same
        meaning: the data file's flags are the migration's table."""
        expected = self._stage_flags_migration().STAGE_FLAGS
        self.assertEqual(
            set(expected),
            set(self.Stage.search([("key", "!=", False)]).mapped("key")),
        )
        for key, flags in expected.items():
            stage = self.env.ref(f"shaqra_beneficiary.shaqra_request_stage_{key}")
            self.assertEqual(self._flags(stage), flags, key)
        closed = self.stage["closed"]
        self.assertTrue(closed.is_answered and closed.is_final and not closed.is_intake)
        self.assertFalse(self.stage["cancelled"].portal_visible)

    def test_upgrade_sets_the_flags_of_existing_stages(self):
        """migrations/18.0.1.2.0/post-stage-flags.py gives each stage of a
        database from 18.0.1.1.0 (no flags yet) the meaning of its key."""
        script = self._stage_flags_migration()
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE shaqra_request_stage SET is_intake = FALSE, is_committee = FALSE, "
            "is_answered = FALSE, is_final = FALSE, portal_visible = TRUE"
        )
        self.env.invalidate_all()
        # The function under openupgrade's decorator (which expects Odoo's
        # migration runner as its caller).
        script.migrate.__wrapped__(self.env, "18.0.1.1.0")
        self.env.invalidate_all()
        for key, flags in script.STAGE_FLAGS.items():
            self.assertEqual(self._flags(self.stage[key]), flags, key)

    def test_c3_stage_meaning_is_not_changed_by_users(self):
        stage = self.stage["decided"].with_user(self.user_manager)
        with self.assertRaises(UserError):
            stage.write({"is_final": True})
        with self.assertRaises(UserError):
            self.Stage.with_user(self.user_manager).create({"name": "Mine", "is_final": True})
        # The name and the order stay theirs to change.
        stage.write({"name": "Decided by the committee", "sequence": 5})

    def test_c4_custom_committee_stage_freezes_the_file(self):
        """A stage flagged "with the committee" locks the checklist and the
        signature and forbids deleting the request, like the module's own."""
        custom = self._custom_stage(is_committee=True)
        request = self._ready()
        request.sudo().write({"stage_id": custom.id})
        self.assertTrue(request.stage_is_committee)
        self.assertTrue(request.date_complete, "the 15-working-day clock started (C6)")
        self.assertTrue(request.date_deadline)
        with self.assertRaises(UserError):
            request.requirement_line_ids[0].write({"note": "changed afterwards"})
        with self.assertRaises(UserError):
            request.write({"signature": False})
        with self.assertRaises(UserError):
            request.unlink()
        self.assertEqual(request._shaqra_notice_kind(), "completion")
        # Staff cannot send a request there by hand: only the committee's way.
        other = self._ready()
        with self.assertRaisesText(UserError, "cannot be moved"):
            other.with_user(self.user_manager).write({"stage_id": custom.id})

    def test_c4_custom_stage_needing_a_complete_file_checks_it(self):
        custom = self._custom_stage(is_answered=True)
        request = self._request()
        with self.assertRaisesText(UserError, "Family record"):
            request.sudo().write({"stage_id": custom.id})

    def test_c6_custom_final_stage_stops_the_clock_and_reads_as_closed(self):
        custom = self._custom_stage(is_final=True, portal_visible=False)
        request = self._ready()
        request.action_send_to_committee()
        self.assertTrue(request.date_deadline)
        Request = self.env["shaqra.request"]
        late = Request._deadline_late_domain(request.date_deadline.replace(year=2100))
        self.assertIn(request, Request.search(late))
        request.sudo().write({"stage_id": custom.id})
        self.assertNotIn(request, Request.search(late), "a final stage stops the clock")
        self.assertFalse(request._portal_can_upload())
        self.assertFalse(request._portal_can_sign())
        self.assertEqual(request._portal_state_badge(), "danger")
        steps = request._portal_stage_steps()
        self.assertIn((custom, "current"), steps, "the current stage is always shown")
        self.assertNotIn(self.stage["cancelled"], [stage for stage, _state in steps])
        # Not open any more: the beneficiary's file may be retained without it.
        self.assertFalse(self.beneficiary.request_ids.filtered(lambda r: not r.stage_is_final))

    def test_c2_custom_intake_stage_takes_documents_and_signature(self):
        custom = self._custom_stage(is_intake=True)
        request = self._request()
        request.write({"stage_id": custom.id})
        self.assertTrue(request._portal_can_upload())
        self.assertTrue(request._portal_can_sign())
        request.action_check_completeness()
        self.assertEqual(request.stage_id, self.stage["completeness"])

    def test_custom_cancelled_like_stage_can_be_reopened(self):
        custom = self._custom_stage(is_final=True)
        request = self._request()
        request.write({"stage_id": custom.id})
        self.assertEqual(request._portal_state_badge(), "danger")
        request.action_reset_to_received()
        self.assertEqual(request.stage_id, self.stage["received"])

    def test_no_class_of_stages_written_as_keys(self):
        """Behaviour reads the flags: no tuple or list of stage keys is left."""
        offenders = []
        for folder in ("models", "controllers", "wizards", "views"):
            for path in sorted((MODULE / folder).glob("*.*")):
                if path.suffix not in (".py", ".xml"):
                    continue
                for number, line in enumerate(path.read_text().splitlines(), 1):
                    if any(pattern.search(line) for pattern in KEY_CLASS_PATTERNS):
                        offenders.append(f"{folder}/{path.name}:{number}: {line.strip()}")
        self.assertFalse(offenders, "\n".join(offenders))


@tagged("post_install", "-at_install")
class TestSaudiPhone(ShaqraRequestCommon):
    """One rule for Saudi mobile numbers (tools/phone.py), policy A, C3."""

    def test_c3_saudi_mobile_written_any_usual_way(self):
        for value in (
            "+966501234567",
            "+966 50 123 4567",
            "00966501234567",
            "966501234567",
            "0501234567",
            "050-123-4567",
            "(050) 1234567",
            "501234567",
            "٠٥٠١٢٣٤٥٦٧",
        ):
            self.assertEqual(normalize_saudi_mobile(value), "+966501234567", value)

    def test_c3_not_a_saudi_mobile_is_refused(self):
        for value in ("", False, None, "0112345678", "+1 202 555 0143", "05012", "call me"):
            with self.assertRaises(ValueError, msg=value):
                normalize_saudi_mobile(value)

    def test_a3_whatsapp_digits(self):
        self.assertEqual(whatsapp_digits("0501234567"), "966501234567")
        self.assertEqual(whatsapp_digits("+966 50 123 4567"), "966501234567")
        self.assertEqual(whatsapp_digits("٠٥٠١٢٣٤٥٦٧"), "966501234567")
        # A foreign number keeps its country.
        self.assertEqual(whatsapp_digits("0044 20 7946 0018"), "442079460018")
        self.assertEqual(whatsapp_digits(""), "")

    def test_c3_beneficiary_mobile_uses_the_one_rule(self):
        beneficiary = self.beneficiary
        self.assertEqual(beneficiary.mobile_normalized, "598765432")
        self.assertEqual(
            self.env["shaqra.beneficiary"]._shaqra_check_value("mobile", "٠٥٠١٢٣٤٥٦٧"),
            "0501234567",
        )
        beneficiary.mobile = "٠٥٨٨٨٧٧٦٦٥"
        self.assertEqual(beneficiary.mobile_normalized, "588877665")
        beneficiary.mobile = "+966 58 888 7766"
        self.assertEqual(beneficiary.mobile_normalized, "588887766")
        for value in ("0112345678", "12345", "+1 202 555 0143"):
            with self.assertRaisesText(ValidationError, "write a Saudi mobile number"):
                beneficiary.write({"mobile": value})
