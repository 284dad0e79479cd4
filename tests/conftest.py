"""A real Odoo server for the whole-system tests.

`make test` creates the database with every add-on and its demo data, then
runs these tests with SHAQRA_TEST_DB, ODOO_CONF, ODOO_SRC and SHAQRA_PYTHON
set. The fixture starts odoo-bin on a free localhost port and stops it at
the end of the session.
"""

import os
import socket
import subprocess
import time
from pathlib import Path

import pytest
import requests

from .odoo_client import OdooClient


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def odoo_server(tmp_path_factory):
    missing = [
        name
        for name in ("SHAQRA_TEST_DB", "ODOO_CONF", "ODOO_SRC", "SHAQRA_PYTHON")
        if not os.environ.get(name)
    ]
    if missing:
        pytest.fail(
            f"Run these tests with `make test` ({', '.join(missing)} not set).", pytrace=False
        )
    port = _free_port()
    database = os.environ["SHAQRA_TEST_DB"]
    log_path = tmp_path_factory.mktemp("odoo") / "server.log"
    command = [
        os.environ["SHAQRA_PYTHON"],
        str(Path(os.environ["ODOO_SRC"]) / "odoo-bin"),
        "-c",
        os.environ["ODOO_CONF"],
        "-d",
        database,
        f"--db-filter=^{database}$",
        "--http-interface=127.0.0.1",
        f"--http-port={port}",
        "--max-cron-threads=0",
        "--workers=0",
    ]
    with log_path.open("w") as log:
        proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                pytest.fail(f"Odoo stopped at start-up:\n{log_path.read_text()[-3000:]}")
            try:
                if requests.get(f"{url}/web/health", timeout=5).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("Odoo did not answer /web/health within 120 s")
            time.sleep(0.5)
        yield {"url": url, "db": database, "log": log_path}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture
def login(odoo_server):
    """Return a logged-in client for a demo login (password = login)."""

    def _login(user, password=None):
        client = OdooClient(odoo_server["url"], odoo_server["db"])
        client.authenticate(user, password or user)
        return client

    return _login
