"""Whole-system checks over HTTP and JSON-RPC against a running Odoo.

Each demo role logs in, sees the application menus its group allows, and
the association's working calendar computes the policy's 15-working-day
deadline (C6).
"""

from urllib.parse import urlsplit

import pytest
import requests

from .odoo_client import OdooRPCError

APP_MENU = "shaqra_beneficiary.shaqra_beneficiary_menu_root"
HR_CONFIG_MENU = "hr.menu_human_resources_configuration"
CALENDARS_MENU = "shaqra_beneficiary.resource_calendar_menu_shaqra"


def _menu_xmlids(client):
    response = client.session.get(f"{client.url}/web/webclient/load_menus/1", timeout=60)
    response.raise_for_status()
    menus = response.json()
    return {menu["xmlid"] for key, menu in menus.items() if key != "root"}


@pytest.mark.parametrize(
    ("user", "sees_app", "sees_calendars", "sees_hr_config"),
    [
        ("admin", True, True, True),
        ("reception", True, False, False),
        ("liaison", True, False, False),
        ("committee", True, False, False),
        ("manager", True, True, False),
        ("hr", False, False, True),
    ],
)
def test_staff_role_sees_its_menus(login, user, sees_app, sees_calendars, sees_hr_config):
    client = login(user)
    menus = _menu_xmlids(client)
    assert (APP_MENU in menus) is sees_app, menus
    assert (CALENDARS_MENU in menus) is sees_calendars, menus
    assert (HR_CONFIG_MENU in menus) is sees_hr_config, menus


def test_portal_beneficiary_lands_on_portal(odoo_server):
    session = requests.Session()
    page = session.get(f"{odoo_server['url']}/web/login", timeout=30)
    token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    response = session.post(
        f"{odoo_server['url']}/web/login",
        data={"login": "beneficiary", "password": "beneficiary", "csrf_token": token},
        timeout=30,
    )
    assert response.status_code == 200
    assert response.url.endswith("/my"), response.url
    # The backend is closed to portal users: the web client sends them to
    # their portal home instead of booting.
    backend = session.get(f"{odoo_server['url']}/odoo", allow_redirects=False, timeout=30)
    assert backend.status_code == 303, backend.status_code
    assert urlsplit(backend.headers["Location"]).path == "/my", backend.headers["Location"]
    landing = session.get(f"{odoo_server['url']}/odoo", timeout=30)
    assert landing.status_code == 200
    # The website shows the portal in the user's language (/ar/my).
    assert urlsplit(landing.url).path in ("/my", "/ar/my"), landing.url
    assert "web.assets_frontend" in landing.text
    assert "web.assets_backend" not in landing.text, "the web client booted for a portal user"


def test_wrong_password_is_refused(odoo_server, login):
    with pytest.raises(OdooRPCError):
        login("reception", "not-the-password")


def test_c6_deadline_over_rpc(login):
    client = login("manager")
    user = client.call("res.users", "read", [client.uid], fields=["company_id"])[0]
    company_id = user["company_id"][0]
    assert client.call("res.company", "shaqra_deadline_for", [company_id], "2026-11-01") == (
        "2026-11-22"
    )
    assert client.call("res.company", "shaqra_deadline_for", [company_id], "2026-11-06") == (
        "2026-11-26"
    )
