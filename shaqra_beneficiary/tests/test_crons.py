from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged

# Every scheduled action of the add-on: its model, its code and the time of
# day (UTC) its daily run is set to, before the working day in Riyadh.
CRONS = {
    # Policy C6, G6: deadlines, reminders and escalations.
    "ir_cron_shaqra_request_deadline": (
        "shaqra.request",
        "model._cron_check_deadlines()",
        (3, 0),
    ),
    # Policy ART4: reminders of unsigned acknowledgements, escalation to HR.
    "ir_cron_shaqra_policy_reminder": (
        "shaqra.policy.acknowledgement",
        "model._cron_remind()",
        None,
    ),
    # Relationship terms: agreements expiring or ended.
    "ir_cron_shaqra_beneficiary_agreement": (
        "shaqra.beneficiary.agreement",
        "model._cron_agreements()",
        (3, 30),
    ),
    # Policy E2 (PDPL): archive, then anonymise, inactive files.
    "ir_cron_shaqra_beneficiary_retention": (
        "shaqra.beneficiary",
        "model._cron_retention()",
        (2, 0),
    ),
    # Public forms: the hashes kept for the rate limits are forgotten after two days.
    "ir_cron_shaqra_public_submission_purge": (
        "shaqra.public.submission",
        "model._cron_purge()",
        (4, 0),
    ),
}


@tagged("post_install", "-at_install")
class TestCrons(TransactionCase):
    """The add-on's daily jobs are installed active and scheduled: Odoo's
    scheduler picks each of them up when it is due."""

    def test_every_cron_of_the_addon_is_checked_here(self):
        installed = self.env["ir.model.data"].search(
            [("module", "=", "shaqra_beneficiary"), ("model", "=", "ir.cron")]
        )
        self.assertEqual(set(installed.mapped("name")), set(CRONS))

    def test_crons_are_active_daily_and_scheduled(self):
        now = fields.Datetime.now()
        for xmlid, (model, code, time_of_day) in CRONS.items():
            with self.subTest(cron=xmlid):
                cron = self.env.ref(f"shaqra_beneficiary.{xmlid}")
                self.assertTrue(cron.active)
                self.assertEqual(cron.model_id.model, model)
                self.assertEqual(cron.state, "code")
                self.assertEqual(cron.code.strip(), code)
                method = code.removeprefix("model.").removesuffix("()")
                self.assertTrue(callable(getattr(self.env[model], method, None)))
                self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))
                self.assertTrue(
                    cron.user_id._is_superuser() or cron.user_id.has_group("base.group_system")
                )
                # The next run is at most a day or so ahead, never parked.
                self.assertLessEqual(cron.nextcall, now + timedelta(days=2))
                if time_of_day:
                    self.assertEqual((cron.nextcall.hour, cron.nextcall.minute), time_of_day)

    def test_scheduler_picks_up_each_cron_when_due(self):
        Cron = self.env["ir.cron"]
        crons = Cron.browse([self.env.ref(f"shaqra_beneficiary.{x}").id for x in CRONS])
        crons.write({"nextcall": "2020-01-01 00:00:00"})
        crons.flush_recordset()
        ready = {job["id"] for job in Cron._get_all_ready_jobs(self.env.cr)}
        self.assertEqual(ready & set(crons.ids), set(crons.ids))
