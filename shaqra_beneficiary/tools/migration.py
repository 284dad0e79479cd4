"""Helpers of the add-on's migrations (``migrations/<version>/*.py``).

Record rules live in ``noupdate`` blocks, which a module update never
rewrites: a release that changes what a rule means loads the rules of the
add-on's security files again, as a fresh install would, and removes the
rules the add-on no longer has.
"""

import ast
import copy
import io

from lxml import etree
from openupgradelib import openupgrade

from odoo.tools import convert, file_open


def security_files(module):
    """The XML files under ``security/`` listed in ``module``'s manifest."""
    with file_open(f"{module}/__manifest__.py") as manifest:
        data = ast.literal_eval(manifest.read())["data"]
    return [name for name in data if name.startswith("security/") and name.endswith(".xml")]


def reload_record_rules(env, module, label):
    """Write every ``ir.rule`` of ``module``'s security files as on a fresh
    install and delete the module's rules that are no longer there.

    ``label`` names the migration in the log of the XML import.
    """
    root = etree.Element("odoo")
    block = etree.SubElement(root, "data", noupdate="1")
    rule_ids = set()
    for name in security_files(module):
        with file_open(f"{module}/{name}", "rb") as handle:
            tree = etree.parse(handle)
        for record in tree.iterfind(".//record[@model='ir.rule']"):
            block.append(copy.deepcopy(record))
            rule_ids.add(record.get("id"))
    rules = io.BytesIO(etree.tostring(root))
    rules.name = f"{module}/migrations/{label}"
    # Init mode: the noupdate rules are written as on a fresh install.
    convert.convert_xml_import(env, module, rules, {}, mode="init", noupdate=True)
    env.cr.execute(
        "SELECT name FROM ir_model_data WHERE module = %s AND model = 'ir.rule'", (module,)
    )
    gone = [f"{module}.{row[0]}" for row in env.cr.fetchall() if row[0] not in rule_ids]
    if gone:
        openupgrade.delete_records_safely_by_xml_id(env, gone)
