/** @odoo-module **/
// A reception officer's first screen after login: the requests pipeline,
// filtered on the open requests received today, right-to-left.

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("shaqra_first_day_reception_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The page is laid out right-to-left",
            trigger: "body.o_rtl .o_action_manager",
        },
        {
            content: "Reception lands on the requests pipeline, not in Discuss",
            trigger: ".o_action_manager .o_kanban_view .o_kanban_renderer.o_kanban_grouped",
        },
        {
            content: "Open requests received today: two default filters",
            trigger: ".o_searchview .o_searchview_facet:eq(1)",
        },
        {
            content: "The Beneficiary Services app is the current app",
            trigger: ".o_main_navbar .o_menu_brand:contains('خدمات المستفيدين')",
        },
    ],
});
