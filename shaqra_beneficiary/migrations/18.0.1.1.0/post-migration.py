"""18.0.1.1.0: document files bound to their document (policy E2).

Files uploaded on a beneficiary document before the document was saved
were stored without ``res_model``/``res_id`` in 18.0.1.0.0, so the
document's record rules did not protect them and their reads were not
logged (policy E2). They are bound to their document now; a file linked to
several documents is left as it is (its owner is not known).
"""

from openupgradelib import openupgrade


@openupgrade.migrate()
def migrate(env, version):
    openupgrade.logged_query(
        env.cr,
        """
        UPDATE ir_attachment a
           SET res_model = 'shaqra.beneficiary.document', res_id = rel.document_id
          FROM shaqra_beneficiary_document_attachment_rel rel
         WHERE rel.attachment_id = a.id
           AND COALESCE(a.res_id, 0) = 0
           AND a.res_field IS NULL
           AND (SELECT count(*) FROM shaqra_beneficiary_document_attachment_rel r2
                 WHERE r2.attachment_id = a.id) = 1
        """,
    )
