/** @odoo-module **/
// Policy C2-C6: reception verifies a request's requirements, takes the
// beneficiary's signature and sends it to the committee; the deadline shows.

import { registry } from "@web/core/registry";
import { openAppSteps } from "./shaqra_tour_utils";

registry.category("web_tour.tours").add("shaqra_request_tour", {
    url: "/odoo",
    steps: () => [
        ...openAppSteps(),
        {
            content: "The requests pipeline shows the completeness check column",
            trigger: ".o_kanban_renderer .o_kanban_group .o_kanban_record:contains('Tour Beneficiary')",
            run: "click",
        },
        {
            content: "The request opens in the completeness check",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Completeness Check')",
        },
        {
            content: "Verify the first requirement",
            trigger: ".o_field_widget[name='requirement_line_ids'] .o_data_row:eq(0) .o_field_widget[name='is_verified'] input",
            run: "click",
        },
        {
            content: "Verify the second requirement",
            trigger: ".o_field_widget[name='requirement_line_ids'] .o_data_row:eq(1) .o_field_widget[name='is_verified'] input",
            run: "click",
        },
        {
            content: "Open the declaration and signature tab",
            trigger: ".o_notebook .nav-link[name='signature']",
            run: "click",
        },
        {
            content: "The declaration is shown above the signature",
            trigger: ".o_notebook .alert-info:contains('responsible')",
        },
        {
            content: "The beneficiary signs under the declaration",
            trigger: ".o_field_widget[name='signature'] .o_signature",
            run: "click",
        },
        {
            content: "The beneficiary's name is typed as the signature",
            trigger: ".modal .o_web_sign_auto_button.active",
        },
        {
            content: "Confirm the signature",
            trigger: ".modal .modal-footer .btn-primary:enabled",
            run: "click",
        },
        {
            content: "The signature is in the form",
            trigger: ".o_field_widget[name='signature'] img.o_signature",
        },
        {
            content: "Save the request",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved, signed: send it to the committee",
            trigger: ".o_form_saved button[name='action_send_to_committee']",
            run: "click",
        },
        {
            content: "The request awaits the committee",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Awaiting Committee')",
        },
        {
            content: "The answer deadline is shown",
            trigger: ".o_field_widget[name='date_deadline'] :contains('/')",
        },
    ],
});
