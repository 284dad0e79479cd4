/** @odoo-module **/
// Policy C5, C8: a committee member opens the meeting and records the
// decision on a request of the agenda; the request becomes Decided.

import { registry } from "@web/core/registry";
import { openAppSteps } from "./shaqra_tour_utils";

const decisions = ".o_field_widget[name='decision_ids']";

registry.category("web_tour.tours").add("shaqra_committee_decision_tour", {
    url: "/odoo",
    steps: () => [
        ...openAppSteps(),
        {
            content: "Open the committees menu",
            trigger: "[data-menu-xmlid='shaqra_beneficiary.shaqra_committee_menu_root']",
            run: "click",
        },
        {
            content: "Open the meetings",
            trigger: "[data-menu-xmlid='shaqra_beneficiary.shaqra_committee_meeting_menu']",
            run: "click",
        },
        {
            content: "The meetings open as a kanban by state: open the meeting in progress",
            trigger: ".o_kanban_group .o_kanban_record:contains('Tour Aid Committee')",
            run: "click",
        },
        {
            content: "The request is on the agenda",
            trigger: `${decisions} .o_data_row td[name='request_id']:contains('REQ/')`,
        },
        {
            content: "Edit the agenda line",
            trigger: `${decisions} .o_data_row td[name='decision']`,
            run: "click",
        },
        {
            // By value: the labels are in the user's language (Arabic).
            content: "Approve the request",
            trigger: `${decisions} .o_data_row td[name='decision'] select`,
            run: 'select "approved"',
        },
        {
            content: "Set the approved amount",
            trigger: `${decisions} .o_data_row td[name='approved_amount'] input`,
            run: "edit 1500",
        },
        {
            content: "Save the meeting",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved, the decision recorded by the member",
            trigger: `.o_form_saved ${decisions} .o_data_row td[name='decided_by_id']:contains('Tour Member')`,
        },
    ],
});
