"""18.0.1.2.0: notices about any record, to any recipient (policy A, C5, E3).

A notice now names the record it is about (``res_model``/``res_id``) and
stores its recipient (``partner_id``, until now the beneficiary's contact
read through the beneficiary). Existing notices are filled in:

- a notice of a request is about that request;
- the answer to a data rights request is about that data rights request;
- any other notice (an agreement's, before agreements had notices of their
  own) stays on the beneficiary's file;
- the recipient is the beneficiary's contact.

The notice record rules (the portal rule now reads the recipient, and
notices about other records follow their record) are loaded again with all
the others by ``post-rules.py``.
"""

from openupgradelib import openupgrade

BATCH = 10000


def _batched(cr, query):
    """Run ``query`` (with a ``%(batch)s`` limit) until it updates nothing."""
    while True:
        openupgrade.logged_query(cr, query, {"batch": BATCH})
        if cr.rowcount < BATCH:
            break


def _backfill(cr):
    # Requests first: a notice with a request is about it.
    _batched(
        cr,
        """
        UPDATE shaqra_notification n
           SET res_model = 'shaqra.request', res_id = n.request_id
         WHERE n.id IN (SELECT id FROM shaqra_notification
                         WHERE res_model IS NULL AND request_id IS NOT NULL
                         LIMIT %(batch)s)
        """,
    )
    _batched(
        cr,
        """
        UPDATE shaqra_notification n
           SET res_model = 'shaqra.data.rights.request', res_id = d.id
          FROM shaqra_data_rights_request d
         WHERE d.notification_id = n.id
           AND n.id IN (SELECT n2.id FROM shaqra_notification n2
                          JOIN shaqra_data_rights_request d2 ON d2.notification_id = n2.id
                         WHERE n2.res_model IS NULL
                         LIMIT %(batch)s)
        """,
    )
    _batched(
        cr,
        """
        UPDATE shaqra_notification n
           SET res_model = 'shaqra.beneficiary', res_id = n.beneficiary_id
         WHERE n.id IN (SELECT id FROM shaqra_notification
                         WHERE res_model IS NULL AND beneficiary_id IS NOT NULL
                         LIMIT %(batch)s)
        """,
    )
    _batched(
        cr,
        """
        UPDATE shaqra_notification n
           SET partner_id = b.partner_id
          FROM shaqra_beneficiary b
         WHERE b.id = n.beneficiary_id
           AND n.id IN (SELECT n2.id FROM shaqra_notification n2
                          JOIN shaqra_beneficiary b2 ON b2.id = n2.beneficiary_id
                         WHERE n2.partner_id IS NULL AND b2.partner_id IS NOT NULL
                         LIMIT %(batch)s)
        """,
    )


@openupgrade.migrate()
def migrate(env, version):
    _backfill(env.cr)
