"""One transaction at a time for the public submissions that take a gap-free number.

A gap-free ``ir.sequence`` (``no_gap``, policy D1: the register of tracking
numbers has no holes) locks its row with ``FOR UPDATE NOWAIT`` until the
transaction ends. Two visitors sending the complaint form in the same
instant collide on that row: the second transaction fails, and Odoo replays
the whole request after a random pause of up to two, then four seconds,
holding an HTTP worker asleep all that time (every other visitor waits
behind it).

``wait_turn`` makes such requests queue instead: a short-lived connection of
its own waits on a PostgreSQL advisory lock named after the register (a
blocking wait, as long as the transaction before it takes to finish), and
the request's transaction is started afresh, so that its snapshot is taken
after the previous submission committed: the sequence row is then free and
up to date, never a conflict. The lock is released as soon as the request's
transaction commits or rolls back (and by PostgreSQL if the process dies:
it belongs to the waiting connection's transaction).

Call it before the request writes anything: the transaction is rolled back.
That is also why no deadlock can form: a request waiting for its turn holds
no lock of any kind, and the one holding the turn waits for nobody who
waits for it.
"""

from odoo import sql_db

# The first key of the advisory locks of the add-ons (the second one is the
# register's name hashed by PostgreSQL), apart from any other user of them.
ADVISORY_NAMESPACE = 0x5A4B  # "ZK"


def wait_turn(cr, register):
    """Wait for the turn of ``register`` (e.g. ``"shaqra.complaint"``) until
    the transaction of ``cr`` ends; ``cr`` starts a new transaction.

    Returns the waiting connection, or None under tests: there the requests
    share one transaction and are served one at a time already.
    """
    if isinstance(cr, sql_db.TestCursor):
        return None
    cr.rollback()
    # A connection of its own: it only waits and holds the lock, it reads and
    # writes nothing.
    lock_cr = sql_db.db_connect(cr.dbname).cursor()
    try:
        lock_cr.execute(
            "SELECT pg_advisory_xact_lock(%s, hashtext(%s))", [ADVISORY_NAMESPACE, register]
        )
    except Exception:
        lock_cr.close()
        raise
    # Closing rolls the waiting connection back: the lock goes with it.
    cr.postcommit.add(lock_cr.close)
    cr.postrollback.add(lock_cr.close)
    return lock_cr
