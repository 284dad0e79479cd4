"""Static checks that neither ruff nor pylint-odoo make.

- every XML file of the add-ons is well-formed;
- every ``security/ir.model.access.csv`` has Odoo's header, unique ids,
  0/1 permissions and ``model_``-prefixed model references;
- every concrete or transient model an add-on defines has at least one
  access row (Odoo 18 refuses access to a model without one).
"""

import csv
import re
import sys
from pathlib import Path

from lxml import etree

HEADER = [
    "id",
    "name",
    "model_id:id",
    "group_id:id",
    "perm_read",
    "perm_write",
    "perm_create",
    "perm_unlink",
]
MODEL_CLASS = re.compile(
    r"class \w+\(models\.(Model|TransientModel)\):(?P<body>.*?)(?=^class |\Z)", re.S | re.M
)
MODEL_NAME = re.compile(r"^\s+_name = [\"']([\w.]+)[\"']", re.M)


# View syntax that Odoo 17 and 18 no longer accept or have replaced.
DEPRECATED_VIEW_XPATHS = {
    "//field[@name='arch']//*[@attrs]": "'attrs' is gone since 17.0: use invisible=/readonly=/required=",
    "//field[@name='arch']//*[@states]": "'states' is gone since 17.0: use invisible=",
    "//field[@name='arch']//tree": "<tree> is <list> in 18.0",
    "//field[@name='arch']//div[@class='oe_chatter']": "use <chatter/> in 18.0",
    "//act_window": "<act_window> is gone: use an ir.actions.act_window record",
    "//record[@model='ir.actions.act_window']/field[@name='view_mode'][contains(., 'tree')]": "view_mode 'tree' is 'list' in 18.0",
}


def check_xml(addon, problems):
    for path in sorted(addon.rglob("*.xml")):
        try:
            tree = etree.parse(str(path))
        except etree.XMLSyntaxError as exc:
            problems.append(f"{path}: not well-formed XML: {exc}")
            continue
        for xpath, why in DEPRECATED_VIEW_XPATHS.items():
            for node in tree.xpath(xpath):
                problems.append(f"{path}:{node.sourceline}: {why}")


def check_access(addon, problems):
    defined = set()
    for path in sorted(addon.rglob("*.py")):
        if "tests" in path.parts:
            continue
        for match in MODEL_CLASS.finditer(path.read_text(encoding="utf-8")):
            name = MODEL_NAME.search(match["body"])
            if name:
                defined.add(name.group(1))
    csv_path = addon / "security" / "ir.model.access.csv"
    if not csv_path.exists():
        if defined:
            problems.append(f"{addon.name}: models {sorted(defined)} but no ir.model.access.csv")
        return
    covered = set()
    with csv_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    if not rows or rows[0] != HEADER:
        problems.append(f"{csv_path}: header must be {','.join(HEADER)}")
        return
    seen = set()
    for number, row in enumerate(rows[1:], start=2):
        where = f"{csv_path}:{number}"
        if len(row) != len(HEADER):
            problems.append(f"{where}: {len(row)} columns, expected {len(HEADER)}")
            continue
        xml_id, _name, model, _group, *perms = row
        if xml_id in seen:
            problems.append(f"{where}: duplicate id {xml_id}")
        seen.add(xml_id)
        if not re.fullmatch(r"([\w]+\.)?model_\w+", model):
            problems.append(f"{where}: model_id:id {model!r} is not a model_ reference")
        if any(p not in ("0", "1") for p in perms):
            problems.append(f"{where}: permissions must be 0 or 1")
        covered.add(model.split(".")[-1][len("model_") :])
    for name in sorted(defined):
        if name.replace(".", "_") not in covered:
            problems.append(f"{addon.name}: model {name} has no access rule in {csv_path.name}")


def main(root):
    problems = []
    addons = sorted(p.parent for p in Path(root).glob("*/__manifest__.py"))
    for addon in addons:
        check_xml(addon, problems)
        check_access(addon, problems)
    for problem in problems:
        print(problem)
    print(f"static checks: {len(addons)} add-on(s), {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
