"""18.0.1.1.0: evidence and confidentiality (policy E2, C3-C5, C8, A, ART4).

The record rules that narrow confidential case data, committee minutes and
evidence changed meaning in this release. They live in noupdate blocks,
which an update skips record by record whatever their ``ir.model.data``
flag says, so a plain update would keep the 18.0.1.0.0 rules. The add-on's
rules are deleted here; the update then creates them from the add-on's
files exactly as a fresh install does (and the ones the files no longer
have stay gone).
"""

from openupgradelib import openupgrade


@openupgrade.migrate()
def migrate(env, version):
    rule_ids = (
        env["ir.model.data"]
        .search([("module", "=", "shaqra_beneficiary"), ("model", "=", "ir.rule")])
        .mapped("res_id")
    )
    # Deleting a record deletes its external id too.
    env["ir.rule"].browse(rule_ids).exists().unlink()
