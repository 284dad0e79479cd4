"""18.0.1.1.0: evidence and confidentiality (policy E2, C3-C5, C8, A, ART4).

The record rules that narrow confidential case data, committee minutes and
evidence changed meaning in this release. They live in noupdate files, so a
plain update would keep the 18.0.1.0.0 rules: let this update rewrite them
from the add-on's files and drop the ones it no longer has; the
post-migration makes them noupdate again, as on a fresh install.
"""

from openupgradelib import openupgrade


@openupgrade.migrate()
def migrate(env, version):
    env.cr.execute(
        "SELECT name FROM ir_model_data WHERE module = %s AND model = 'ir.rule'",
        ("shaqra_beneficiary",),
    )
    names = [row[0] for row in env.cr.fetchall()]
    if names:
        openupgrade.set_xml_ids_noupdate_value(env, "shaqra_beneficiary", names, False)
