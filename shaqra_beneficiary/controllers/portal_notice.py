"""The notices delivered to the beneficiary, on the portal (policy C5, E3)."""

from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import pager as portal_pager

from .portal import ShaqraBeneficiaryPortal


class ShaqraNoticePortal(ShaqraBeneficiaryPortal):
    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------

    def _shaqra_notices_domain(self):
        # The visitor's own notices (they are the recipient, whatever the
        # notice is about), and only what was actually delivered: a notice
        # still to deliver or cancelled was never sent (C5, E3).
        return [("partner_id", "in", self._shaqra_partner_ids()), ("state", "=", "sent")]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "shaqra_notice_count" in counters:
            Notice = request.env["shaqra.notification"]
            values["shaqra_notice_count"] = (
                Notice.search_count(self._shaqra_notices_domain())
                if Notice.has_access("read")
                else 0
            )
        return values

    def _prepare_shaqra_notices_values(self, page=1):
        Notice = request.env["shaqra.notification"]
        domain = self._shaqra_notices_domain()
        values = self._prepare_portal_layout_values()
        pager = portal_pager(
            url="/my/notices",
            total=Notice.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        notices = Notice.search(domain, limit=self._items_per_page, offset=pager["offset"])
        values.update(
            {
                "notices": notices.sudo(),
                "page_name": "shaqra_notices",
                "pager": pager,
                "shaqra_dates": self._shaqra_date_values,
            }
        )
        return values

    # ------------------------------------------------------------
    # ROUTES
    # ------------------------------------------------------------

    @http.route(
        ["/my/notices", "/my/notices/page/<int:page>"], type="http", auth="user", website=True
    )
    def portal_my_shaqra_notices(self, page=1, **kw):
        values = self._prepare_shaqra_notices_values(page)
        return request.render("shaqra_beneficiary.portal_my_shaqra_notices", values)
