"""Policy D1: public submissions that take a gap-free number wait their turn.

``tools.turn.wait_turn`` is exercised here on real connections of their own
(outside the test transaction, which it leaves alone): they only take and
release advisory locks, nothing is written.
"""

import threading
from contextlib import closing

from odoo import sql_db
from odoo.tests import TransactionCase, tagged

from ..tools.turn import ADVISORY_NAMESPACE, wait_turn

REGISTER = "shaqra.test.register"


def commit(cr):
    """The end of a submission's transaction, on a connection of the test's own
    that wrote nothing (the test transaction itself is never committed)."""
    cr.commit()  # pylint: disable=invalid-commit


@tagged("post_install", "-at_install")
class TestPublicTurn(TransactionCase):
    def _connection(self):
        return closing(sql_db.db_connect(self.env.cr.dbname).cursor())

    def _turn_is_free(self, register=REGISTER):
        """Whether another transaction would get the turn of ``register`` at once."""
        with self._connection() as cr:
            cr.execute(
                "SELECT pg_try_advisory_xact_lock(%s, hashtext(%s))",
                [ADVISORY_NAMESPACE, register],
            )
            return cr.fetchone()[0]

    def test_d1_turn_held_until_the_transaction_commits(self):
        with self._connection() as cr:
            self.assertTrue(self._turn_is_free())
            wait_turn(cr, REGISTER)
            self.assertFalse(self._turn_is_free(), "the next submission waits")
            self.assertTrue(
                self._turn_is_free("shaqra.other.register"), "another register is not held"
            )
            cr.execute("SELECT 1")
            commit(cr)
            self.assertTrue(self._turn_is_free(), "released by the commit")

    def test_d1_turn_released_by_a_rollback_or_a_closed_cursor(self):
        with self._connection() as cr:
            wait_turn(cr, REGISTER)
            cr.rollback()
            self.assertTrue(self._turn_is_free(), "released by the rollback")
            wait_turn(cr, REGISTER)
            self.assertFalse(self._turn_is_free())
        self.assertTrue(self._turn_is_free(), "released when the cursor is closed")

    def test_d1_the_second_submission_waits_then_goes(self):
        """Two submissions at once: the second one waits for the first one to
        finish instead of failing (and being replayed seconds later)."""
        got_turn = threading.Event()
        failures = []

        def second():
            try:
                with self._connection() as cr:
                    wait_turn(cr, REGISTER)
                    got_turn.set()
                    commit(cr)
            except Exception as error:  # reported by the assertion below
                failures.append(error)
                got_turn.set()

        with self._connection() as cr:
            wait_turn(cr, REGISTER)
            thread = threading.Thread(target=second)
            thread.start()
            try:
                self.assertFalse(got_turn.wait(0.5), "the second one waits for the first")
            finally:
                commit(cr)
        self.assertTrue(got_turn.wait(10), "the second one goes once the first committed")
        thread.join(10)
        self.assertEqual(failures, [])
        self.assertTrue(self._turn_is_free())

    def test_d1_test_transaction_left_alone(self):
        """Under tests the requests share one transaction and are served one at
        a time: no connection of its own, nothing rolled back."""
        partner = self.env["res.partner"].create({"name": "Written before"})
        self.registry.enter_test_mode(self.cr)
        self.addCleanup(self.registry.leave_test_mode)
        with self.registry.cursor() as cr:
            self.assertIsNone(wait_turn(cr, REGISTER))
        self.assertTrue(partner.exists())
        self.assertTrue(self._turn_is_free())
