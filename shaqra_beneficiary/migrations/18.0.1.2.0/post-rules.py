"""18.0.1.2.0: record rules read stage flags and notices' sources (policy E2, C5).

The committee members' rules now read the stage flags (``is_committee``,
``is_answered``) instead of a list of stage keys, and the notice rules read
the notice's source record and recipient. The rules live in ``noupdate``
blocks: they are loaded again as on a fresh install.
"""

from openupgradelib import openupgrade

from odoo.addons.shaqra_beneficiary.tools.migration import reload_record_rules


@openupgrade.migrate()
def migrate(env, version):
    reload_record_rules(env, "shaqra_beneficiary", "18.0.1.2.0 record rules")
