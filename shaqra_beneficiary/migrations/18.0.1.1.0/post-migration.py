"""18.0.1.1.0: evidence and confidentiality (policy E2, C3-C5, C8, A, ART4).

The record rules that narrow confidential case data, committee minutes,
notices and evidence changed meaning in this release. They live in
``noupdate`` blocks, which an update never rewrites: the rules of the
add-on's security files are loaded again here as on a fresh install, and
rules the add-on no longer has are removed.

Files uploaded on a beneficiary document before the document was saved
were stored without ``res_model``/``res_id`` in 18.0.1.0.0, so the
document's record rules did not protect them and their reads were not
logged (policy E2). They are bound to their document now; a file linked to
several documents is left as it is (its owner is not known).
"""

from openupgradelib import openupgrade

from odoo.addons.shaqra_beneficiary.tools.migration import reload_record_rules

MODULE = "shaqra_beneficiary"


@openupgrade.migrate()
def migrate(env, version):
    reload_record_rules(env, MODULE, "18.0.1.1.0 record rules")
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
