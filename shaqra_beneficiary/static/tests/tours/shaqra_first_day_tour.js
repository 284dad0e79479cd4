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

// A committee member's first day: the meetings of its committee, and a new
// meeting planned from the menu (policy C5, C8).
registry.category("web_tour.tours").add("shaqra_first_day_committee_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The committee member lands on the meetings, by state",
            trigger: "body.o_rtl .o_action_manager .o_kanban_view .o_kanban_renderer.o_kanban_grouped",
        },
        {
            content: "Plan a new meeting",
            trigger: ".o_control_panel .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Pick the committee",
            trigger: ".o_form_view .o_field_widget[name='committee_id'] input",
            run: "click",
        },
        {
            content: "The member's own committee is offered",
            trigger: ".o-autocomplete--dropdown-item:contains('لجنة دراسة الطلبات')",
            run: "click",
        },
        {
            content: "The committee is set",
            trigger: ".o_field_widget[name='committee_id'] input:value('لجنة دراسة الطلبات')",
        },
        {
            content: "Save the meeting",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved with its number",
            trigger: ".o_form_saved .o_field_widget[name='name']:contains('MTG/')",
        },
    ],
});
