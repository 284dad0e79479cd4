"""18.0.1.1.0: the rewritten record rules are noupdate again (see pre-migration)."""

from openupgradelib import openupgrade


@openupgrade.migrate()
def migrate(env, version):
    env.cr.execute(
        "SELECT name FROM ir_model_data WHERE module = %s AND model = 'ir.rule'",
        ("shaqra_beneficiary",),
    )
    names = [row[0] for row in env.cr.fetchall()]
    if names:
        openupgrade.set_xml_ids_noupdate_value(env, "shaqra_beneficiary", names, True)
