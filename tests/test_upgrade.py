"""Upgrade path: a database installed at an earlier release upgrades cleanly.

For every release starting point below, the add-ons are taken from the
repository's own git history into a temporary tree and installed with demo
data on a throw-away database; key rows are recorded; the add-ons are then
upgraded to the current tree (running the migrations under
``<addon>/migrations/``) and the same rows must still be there, unchanged,
with no error or unexpected warning in the log. Each future release adds its
own starting point to ``RELEASES``.
"""

import configparser
import os
import re
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
from odoo_tests import LINE, WARNING_ALLOW_LIST  # noqa: E402

# (commit, version installed there): the first release of this repository.
RELEASES = [("92ff6a4", "18.0.1.0.0"), ("7c8d994", "18.0.1.1.0")]

# What must survive an upgrade unchanged: one query per kind of evidence.
SNAPSHOT = {
    "beneficiaries": "select national_id, preferred_channel from shaqra_beneficiary order by id",
    "stages": "select key, sequence from shaqra_request_stage order by id",
    "requests": """
        select r.name, s.key, r.date_complete, r.date_deadline, r.signed_on, r.signed_by,
               r.decision, r.approved_amount, r.decided_by_id, r.decision_date,
               r.date_answered, r.deadline_met, r.is_overdue
          from shaqra_request r join shaqra_request_stage s on s.id = r.stage_id
         order by r.id""",
    "requirements": """
        select request_id, requirement_id, is_provided, is_verified, verified_by_id, verified_on
          from shaqra_request_requirement order by id""",
    "notices": """
        select request_id, channel, state, date, author_id, letter_number, whatsapp_used_on
          from shaqra_notification order by id""",
    "acknowledgements": """
        select policy_id, employee_id, partner_id, state, acknowledged_on, signed_by, ip_address
          from shaqra_policy_acknowledgement order by id""",
    "committees": "select name, committee_type, quorum from shaqra_committee order by id",
    "meetings": "select name, state, date, date_approved from shaqra_committee_meeting order by id",
    "decisions": """
        select request_id, decision, approved_amount, decided_by_id, decision_date
          from shaqra_committee_decision order by id""",
    "approvals": "select meeting_id, user_id, date from shaqra_committee_meeting_approval order by id",
    "policies": "select code, version, state, approval_date from shaqra_policy order by id",
}


def _env_or_fail():
    missing = [
        n
        for n in ("SHAQRA_TEST_DB", "ODOO_CONF", "ODOO_SRC", "SHAQRA_PYTHON")
        if not os.environ.get(n)
    ]
    if missing:
        pytest.fail(
            f"Run these tests with `make test` ({', '.join(missing)} not set).", pytrace=False
        )
    conf = configparser.ConfigParser()
    conf.read(os.environ["ODOO_CONF"])
    return conf["options"]


def _connect(options, database):
    def opt(name):
        value = options.get(name, "False")
        return None if value in ("False", "") else value

    return psycopg2.connect(
        dbname=database,
        host=opt("db_host"),
        port=opt("db_port"),
        user=opt("db_user"),
        password=opt("db_password"),
    )


def _snapshot(options, database):
    with _connect(options, database) as conn, conn.cursor() as cr:
        result = {}
        for key, query in SNAPSHOT.items():
            cr.execute(query)
            result[key] = cr.fetchall()
        cr.execute(
            "select name, latest_version from ir_module_module where name like 'shaqra%%' and state = 'installed'"
        )
        result["_modules"] = dict(cr.fetchall())
    conn.close()
    return result


RULES = """
    select d.module || '.' || d.name, r.domain_force, r.perm_read, r.perm_write, r.perm_create,
           r.perm_unlink, r.active, r.global,
           array(select gd.module || '.' || gd.name
                   from rule_group_rel g
                   join ir_model_data gd on gd.model = 'res.groups' and gd.res_id = g.group_id
                  where g.rule_group_id = r.id order by 1)
      from ir_rule r
      join ir_model_data d on d.model = 'ir.rule' and d.res_id = r.id
     where d.module = any(%s)
     order by 1"""


def _rules(options, database, modules):
    """The record rules of ``modules`` (add-ons the old release did not have
    are installed on the fresh database only, so they are left out)."""
    with _connect(options, database) as conn, conn.cursor() as cr:
        cr.execute(RULES, [list(modules)])
        rules = cr.fetchall()
    conn.close()
    return rules


def _upload_left_unbound(options, database):
    """A document's file as 18.0.1.0.0 stored an upload made before saving:
    linked to the document, without res_model/res_id."""
    with _connect(options, database) as conn, conn.cursor() as cr:
        cr.execute("select to_regclass('shaqra_beneficiary_document_attachment_rel')")
        if not cr.fetchone()[0]:
            return None
        cr.execute("select id from shaqra_beneficiary_document order by id limit 1")
        document = cr.fetchone()
        if not document:
            return None
        cr.execute(
            """insert into ir_attachment (name, type, url, public, create_date, write_date)
               values ('scan.pdf', 'url', '/web/static/img/placeholder.png', false, now(), now())
               returning id"""
        )
        attachment_id = cr.fetchone()[0]
        cr.execute(
            "insert into shaqra_beneficiary_document_attachment_rel (document_id, attachment_id) values (%s, %s)",
            [document[0], attachment_id],
        )
    conn.close()
    return attachment_id, document[0]


def _odoo(options, conf_path, database, *args, log_path):
    command = [
        os.environ["SHAQRA_PYTHON"],
        str(Path(os.environ["ODOO_SRC"]) / "odoo-bin"),
        "-c",
        str(conf_path),
        "-d",
        database,
        "--stop-after-init",
        "--no-http",
        "--max-cron-threads=0",
        "--log-level=info",
        *args,
    ]
    with open(log_path, "w", encoding="utf-8") as log:
        returncode = subprocess.call(command, stdout=log, stderr=subprocess.STDOUT, timeout=1200)
    problems = []
    for line in Path(log_path).read_text(encoding="utf-8").splitlines():
        match = LINE.match(line)
        if not match:
            continue
        if match["level"] in ("ERROR", "CRITICAL"):
            problems.append(line)
        elif match["level"] == "WARNING" and not any(
            p.search(match["msg"]) for p in WARNING_ALLOW_LIST
        ):
            problems.append(line)
    return returncode, problems


def _write_conf(options, path, addons_dir):
    conf = configparser.ConfigParser()
    conf["options"] = dict(options)
    odoo_src = Path(os.environ["ODOO_SRC"])
    conf["options"]["addons_path"] = ",".join(
        [str(odoo_src / "odoo" / "addons"), str(odoo_src / "addons"), str(addons_dir)]
    )
    with open(path, "w", encoding="utf-8") as handle:
        conf.write(handle)


def _drop(options, database):
    conn = _connect(options, "postgres")
    conn.autocommit = True
    with conn.cursor() as cr:
        cr.execute(
            f'drop database if exists "{database}" with (force)'
        )  # name built from our own constants
    conn.close()


@pytest.mark.parametrize("commit,version", RELEASES)
def test_upgrade_from_release_keeps_every_record(tmp_path, commit, version):
    options = _env_or_fail()
    database = re.sub(r"\W", "_", f"{os.environ['SHAQRA_TEST_DB']}_upgrade_{commit}")
    old_tree = tmp_path / "old"
    old_tree.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", commit], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(old_tree)], input=archive, check=True)
    old_addons = sorted(p.parent.name for p in old_tree.glob("*/__manifest__.py"))
    assert old_addons, f"no add-on found at {commit}"

    _drop(options, database)
    try:
        old_conf = tmp_path / "old.conf"
        _write_conf(options, old_conf, old_tree)
        code, problems = _odoo(
            options,
            old_conf,
            database,
            "-i",
            ",".join(old_addons),
            "--load-language=ar_001",
            log_path=tmp_path / "install.log",
        )
        assert code == 0 and not problems, f"installing {commit} failed: {problems[:5]}"
        # Only 18.0.1.0.0 stored such uploads; 18.0.1.1.0 bound them.
        pending_upload = (
            _upload_left_unbound(options, database) if version == "18.0.1.0.0" else None
        )
        before = _snapshot(options, database)
        assert before["_modules"] == {name: version for name in old_addons}
        assert before["requests"] and before["notices"] and before["acknowledgements"]

        new_conf = tmp_path / "new.conf"
        _write_conf(options, new_conf, REPO)
        code, problems = _odoo(
            options,
            new_conf,
            database,
            "-u",
            ",".join(old_addons),
            log_path=tmp_path / "upgrade.log",
        )
        assert code == 0, f"upgrade from {commit} exited with {code}"
        assert not problems, "upgrade log has errors or warnings:\n" + "\n".join(problems[:10])
        after = _snapshot(options, database)
        for name in old_addons:
            manifest = (REPO / name / "__manifest__.py").read_text(encoding="utf-8")
            current = re.search(r"\"version\":\s*\"([^\"]+)\"", manifest)[1]
            assert after["_modules"][name] == current, f"{name} not upgraded to {current}"
        for key in SNAPSHOT:
            # Rows are ordered by id: what existed is unchanged; a newer
            # release's data (new demo records) may only come after it.
            kept = after[key][: len(before[key])]
            assert kept == before[key], f"{key} changed by the upgrade from {commit}"
        # 18.0.1.1.0 binds a document's files uploaded before it was saved.
        if pending_upload:
            attachment_id, document_id = pending_upload
            with _connect(options, database) as conn, conn.cursor() as cr:
                cr.execute(
                    "select res_model, res_id from ir_attachment where id = %s", [attachment_id]
                )
                assert cr.fetchone() == ("shaqra.beneficiary.document", document_id)
            conn.close()
        # Record rules live in noupdate files: the migrations must bring them
        # to what a fresh install of the current tree has.
        fresh = _rules(options, os.environ["SHAQRA_TEST_DB"], old_addons)
        upgraded = _rules(options, database, old_addons)
        assert fresh, "the fresh test database has no record rule of the add-ons"
        assert upgraded == fresh, "record rules after the upgrade differ from a fresh install"
    finally:
        _drop(options, database)
