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

import ast
import copy
import io

from lxml import etree
from openupgradelib import openupgrade

from odoo.tools import convert, file_open

MODULE = "shaqra_beneficiary"


def _security_files():
    with file_open(f"{MODULE}/__manifest__.py") as manifest:
        data = ast.literal_eval(manifest.read())["data"]
    return [name for name in data if name.startswith("security/") and name.endswith(".xml")]


def _reload_rules(env):
    root = etree.Element("odoo")
    block = etree.SubElement(root, "data", noupdate="1")
    rule_ids = set()
    for name in _security_files():
        with file_open(f"{MODULE}/{name}", "rb") as handle:
            tree = etree.parse(handle)
        for record in tree.iterfind(".//record[@model='ir.rule']"):
            block.append(copy.deepcopy(record))
            rule_ids.add(record.get("id"))
    rules = io.BytesIO(etree.tostring(root))
    rules.name = f"{MODULE}/migrations/18.0.1.1.0/record rules"
    # Init mode: the noupdate rules are written as on a fresh install.
    convert.convert_xml_import(env, MODULE, rules, {}, mode="init", noupdate=True)
    env.cr.execute(
        "SELECT name FROM ir_model_data WHERE module = %s AND model = 'ir.rule'", (MODULE,)
    )
    gone = [f"{MODULE}.{row[0]}" for row in env.cr.fetchall() if row[0] not in rule_ids]
    if gone:
        openupgrade.delete_records_safely_by_xml_id(env, gone)


@openupgrade.migrate()
def migrate(env, version):
    _reload_rules(env)
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
