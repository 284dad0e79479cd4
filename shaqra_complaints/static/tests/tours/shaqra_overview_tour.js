/** @odoo-module **/
// Policy G5: a manager starts the day on the overview and drills into the
// overdue requests: the list opens with exactly those, no other filter.

import { registry } from "@web/core/registry";
import { landingSteps } from "@shaqra_beneficiary/../tests/tours/shaqra_tour_utils";

registry.category("web_tour.tours").add("shaqra_overview_manager_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The manager lands on the overview, right-to-left",
            trigger: "body.o_rtl .o_form_view .o_field_widget[name='request_overdue']",
        },
        {
            content: "The complaints, satisfaction and visits figures are there too",
            trigger: ".o_form_view .o_field_widget[name='complaint_breached'], .o_form_view .o_field_widget[name='campaign_response_rate']",
        },
        {
            content: "Open the overdue requests",
            trigger: ".o_form_view button[name='action_open_kpi']:has(.o_field_widget[name='request_overdue'])",
            run: "click",
        },
        {
            content: "The overdue requests are listed, under the figure's name",
            trigger: ".o_action_manager .o_kanban_record:contains('OVW-TOUR-OVERDUE')",
        },
        {
            content: "No default filter narrows the list",
            trigger: ".o_control_panel .o_searchview:not(:has(.o_searchview_facet))",
        },
        {
            content: "Back to the overview through the breadcrumb",
            trigger: ".o_breadcrumb .o_back_button a, .o_breadcrumb li.breadcrumb-item a",
            run: "click",
        },
        {
            content: "The overview again",
            trigger: ".o_form_view .o_field_widget[name='request_overdue']",
        },
    ],
});

// The same first screen in Arabic: the overview is the manager's start screen,
// right-to-left, with no English text (issue of every role's first day).
registry.category("web_tour.tours").add("shaqra_overview_manager_arabic_tour", {
    url: "/odoo",
    steps: () => [
        ...landingSteps(
            "manager",
            "shaqra_complaints.shaqra_overview_action",
            ".o_form_view .o_field_widget[name='request_overdue']"
        ),
    ],
});
