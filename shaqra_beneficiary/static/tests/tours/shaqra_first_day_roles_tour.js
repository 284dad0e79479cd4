/** @odoo-module **/
// Every role's first day in Arabic, at desktop and phone widths: the role's
// start screen, right-to-left, and no English text on the pages it opens.
// Run by tests/test_first_day_tours.py with the demo logins.

import { waitUntil } from "@odoo/hoot-dom";
import { registry } from "@web/core/registry";
import { arabicPageSteps, landingSteps } from "./shaqra_tour_utils";

const tours = registry.category("web_tour.tours");

const KANBAN = ".o_action_manager .o_kanban_view .o_kanban_renderer";
const VIEW = ".o_action_manager .o_view_controller .o_content";
const FORM = ".o_action_manager .o_form_view .o_form_sheet";
const REQUESTS = "shaqra_beneficiary.shaqra_request_action";

/** Open the first record of a kanban or list view and check its form. */
function openFirstRecordSteps(page) {
    return [
        {
            content: `${page}: open the first record`,
            trigger:
                ".o_action_manager .o_kanban_record:not(.o_kanban_ghost), .o_action_manager .o_data_row .o_data_cell",
            run: "click",
        },
        ...arabicPageSteps(page, `${FORM} .o_field_widget`),
    ];
}

function recordCount() {
    return document.querySelectorAll(
        ".o_action_manager .o_kanban_record:not(.o_kanban_ghost), .o_action_manager .o_data_row"
    ).length;
}

tours.add("shaqra_first_day_reception_arabic_tour", {
    url: "/odoo",
    steps: () => [
        ...landingSteps("reception", REQUESTS, KANBAN),
        {
            content: "Receive a new request",
            trigger: ".o_control_panel .o-kanban-button-new",
            run: "click",
        },
        ...arabicPageSteps("reception: new request", `${FORM} .o_field_widget[name='beneficiary_id']`),
        {
            content: "Leave the new request unsaved",
            trigger: ".o_form_button_cancel",
            run: "click",
        },
        {
            content: "Back on the pipeline",
            trigger: KANBAN,
        },
    ],
});

tours.add("shaqra_first_day_liaison_arabic_tour", {
    url: "/odoo",
    steps: () => [
        ...landingSteps("liaison officer", REQUESTS, `${KANBAN} .o_kanban_record:not(.o_kanban_ghost)`),
        ...openFirstRecordSteps("liaison officer: a request"),
    ],
});

tours.add("shaqra_first_day_committee_arabic_tour", {
    url: "/odoo",
    steps: () => [
        ...landingSteps(
            "committee member",
            "shaqra_beneficiary.shaqra_committee_meeting_action",
            `${KANBAN}.o_kanban_grouped`
        ),
        {
            content: "Plan a new meeting from the menu",
            trigger: ".o_control_panel .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Pick the committee",
            trigger: ".o_form_view .o_field_widget[name='committee_id'] input",
            run: "click",
        },
        {
            content: "The member's own committee is offered (a dialog on phones)",
            trigger: [
                ".o-autocomplete--dropdown-item:contains('لجنة دراسة الطلبات')",
                ".modal .o_kanban_record:contains('لجنة دراسة الطلبات')",
                ".modal .o_data_row:contains('لجنة دراسة الطلبات') .o_data_cell",
            ].join(", "),
            run: "click",
        },
        {
            content: "The committee is set",
            trigger: ".o_field_widget[name='committee_id'] input:value('لجنة دراسة الطلبات')",
        },
        ...arabicPageSteps("committee member: new meeting", `${FORM} .o_field_widget[name='committee_id']`),
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

// The manager's start screen is the pipeline here, and the management overview
// once shaqra_complaints is installed (its own Arabic tour checks that landing):
// this tour opens the pipeline itself and checks what the manager does there.
tours.add("shaqra_first_day_manager_arabic_tour", {
    url: "/odoo/action-shaqra_beneficiary.shaqra_request_action",
    steps: () => {
        let before = 0;
        return [
            ...arabicPageSteps(
                "manager: the pipeline",
                `${KANBAN} .o_kanban_record:not(.o_kanban_ghost)`,
                ".o_action_manager, .o_main_navbar"
            ),
            {
                content: "Count the open requests",
                trigger: `${KANBAN} .o_kanban_record:not(.o_kanban_ghost)`,
                run() {
                    before = recordCount();
                },
            },
            {
                content: "Show the search bar (phone)",
                isActive: ["mobile"],
                trigger: ".o_control_panel button:has(.fa-search)",
                run: "click",
            },
            {
                content: "Open the filters",
                trigger: ".o_control_panel .o_searchview_dropdown_toggler",
                run: "click",
            },
            {
                content: "Switch on the Overdue filter",
                trigger: ".o_filter_menu .o_menu_item",
                run() {
                    const item = [...document.querySelectorAll(".o_filter_menu .o_menu_item")].find(
                        (el) => el.textContent.trim() === "متأخر"
                    );
                    if (!item) {
                        throw new Error("No Overdue filter (متأخر) in the filter menu");
                    }
                    item.click();
                },
            },
            {
                content: "The Overdue filter narrows the open requests",
                trigger: ".o_searchview_facet:contains('متأخر')",
                async run() {
                    await waitUntil(() => recordCount() > 0 && recordCount() < before, {
                        timeout: 10000,
                        message: () =>
                            `Overdue did not narrow the list: ${before} -> ${recordCount()}`,
                    });
                },
            },
            ...arabicPageSteps("manager: overdue requests", `${KANBAN} .o_kanban_record:not(.o_kanban_ghost)`),
        ];
    },
});

tours.add("shaqra_first_day_hr_arabic_tour", {
    url: "/odoo",
    steps: () => [
        ...landingSteps("HR", "shaqra_beneficiary.shaqra_policy_action", VIEW),
        ...openFirstRecordSteps("HR: a governing document"),
    ],
});

tours.add("shaqra_first_day_employee_arabic_tour", {
    url: "/odoo",
    steps: () => [
        ...landingSteps(
            "employee",
            "shaqra_beneficiary.shaqra_policy_acknowledgement_action_my",
            VIEW
        ),
    ],
});

tours.add("shaqra_first_day_beneficiary_arabic_tour", {
    url: "/my",
    steps: () => [
        ...arabicPageSteps("beneficiary: my account", "html[dir='rtl'] #wrap .o_portal_my_home", "#wrap"),
        {
            content: "Open my requests",
            trigger: "#wrap a[href='/my/requests']",
            run: "click",
        },
        {
            content: "Open my request",
            trigger: "#wrap a.o_shaqra_request_item:visible, #wrap .o_shaqra_request_row a:visible",
            run: "click",
        },
        ...arabicPageSteps("beneficiary: my request", "html[dir='rtl'] #requirements .o_shaqra_requirement", "#wrap"),
        {
            content: "Each requirement says what the beneficiary must do",
            trigger: "#requirements .o_shaqra_requirement",
            run() {
                for (const line of document.querySelectorAll("#requirements .o_shaqra_requirement")) {
                    // The status badge of the line (not its "mandatory" tag).
                    const guidance = line.querySelector(
                        ":scope > div > .badge, .o_shaqra_requirement_guidance"
                    );
                    if (!guidance || !guidance.textContent.trim()) {
                        throw new Error(`No guidance for the requirement: ${line.textContent.trim()}`);
                    }
                }
            },
        },
        {
            // Leave once the page has loaded everything it asked for: the
            // signature pad of the sign dialog and the chatter (mounted in a
            // shadow root once its stylesheets are loaded) come lazily.
            content: "The request page has finished loading",
            trigger: "#wrap",
            async run() {
                await waitUntil(
                    () =>
                        !document.querySelector("#shaqra_modal_sign") ||
                        document.querySelector("#shaqra_modal_sign canvas"),
                    { timeout: 15000, message: "The signature pad did not load" }
                );
                if (document.querySelector(".o_portal_chatter")) {
                    await odoo.portalChatterReady;
                    await waitUntil(
                        () => {
                            const shadow = document.querySelector("#chatterRoot")?.shadowRoot;
                            return shadow && [...shadow.children].some((el) => el.tagName !== "LINK");
                        },
                        { timeout: 15000, message: "The chatter did not load" }
                    );
                }
                await document.fonts.ready;
            },
        },
    ],
});
