"""18.0.1.2.0: notices about any record, to any recipient (policy A, C5, E3).

A notice now names the record it is about (``res_model``/``res_id``) and
stores its recipient (``partner_id``, until now the beneficiary's contact
read through the beneficiary). Existing notices are filled in:

- a notice of a request is about that request;
- the answer to a data rights request is about that data rights request;
- any other notice (an agreement's, before agreements had notices of their
  own) stays on the beneficiary's file;
- the recipient is the beneficiary's contact.

The notice record rules live in a ``noupdate`` block: they are loaded again
as on a fresh install (the portal rule now reads the recipient, and notices
about other records follow their record).
"""

import copy
import io

from lxml import etree
from openupgradelib import openupgrade

from odoo.tools import convert, file_open

MODULE = "shaqra_beneficiary"
BATCH = 10000
RULE_FILES = ("security/shaqra_beneficiary_security.xml", "security/shaqra_portal_security.xml")


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


def _reload_notice_rules(env):
    """Load the notice record rules again, as on a fresh install."""
    root = etree.Element("odoo")
    block = etree.SubElement(root, "data", noupdate="1")
    for name in RULE_FILES:
        with file_open(f"{MODULE}/{name}", "rb") as handle:
            tree = etree.parse(handle)
        for record in tree.iterfind(".//record[@model='ir.rule']"):
            model = record.find("field[@name='model_id']")
            if model is not None and model.get("ref") == "model_shaqra_notification":
                block.append(copy.deepcopy(record))
    rules = io.BytesIO(etree.tostring(root))
    rules.name = f"{MODULE}/migrations/18.0.1.2.0/notice record rules"
    # Init mode: the noupdate rules are written as on a fresh install.
    convert.convert_xml_import(env, MODULE, rules, {}, mode="init", noupdate=True)


@openupgrade.migrate()
def migrate(env, version):
    _backfill(env.cr)
    _reload_notice_rules(env)
