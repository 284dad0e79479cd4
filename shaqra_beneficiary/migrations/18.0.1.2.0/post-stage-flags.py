"""18.0.1.2.0: the stages of a request say what they mean through flags.

The stage records are not ``noupdate``, so the update loads their flags from
the data file; a stage whose xml id was lost (or renamed by hand) is set here
from its key, so that every existing stage means after the update what it
meant before. Stages without a key are left as they are.
"""

from openupgradelib import openupgrade

# key -> (is_intake, is_committee, is_answered, is_final, portal_visible)
STAGE_FLAGS = {
    "received": (True, False, False, False, True),
    "completeness": (True, False, False, False, True),
    "awaiting_committee": (False, True, False, False, True),
    "committee_review": (False, True, False, False, True),
    "decided": (False, False, True, False, True),
    "notified": (False, False, True, False, True),
    "closed": (False, False, True, True, True),
    "cancelled": (False, False, False, True, False),
}


@openupgrade.migrate()
def migrate(env, version):
    for key, flags in STAGE_FLAGS.items():
        openupgrade.logged_query(
            env.cr,
            """
            UPDATE shaqra_request_stage
               SET is_intake = %s, is_committee = %s, is_answered = %s, is_final = %s,
                   portal_visible = %s
             WHERE key = %s
            """,
            (*flags, key),
        )
