/** @odoo-module **/
// Policy ART4: an employee signs a policy from "My Policies" in the web client.

import { registry } from "@web/core/registry";
import { openAppSteps } from "./shaqra_tour_utils";

registry.category("web_tour.tours").add("shaqra_policy_backend_sign_tour", {
    url: "/odoo",
    steps: () => [
        ...openAppSteps(
            "shaqra_beneficiary.shaqra_policy_menu_root",
            "Open the Policies app"
        ),
        {
            content: "Open the policy to sign",
            trigger: ".o_data_row td:contains('Tour Employee Charter')",
            run: "click",
        },
        {
            content: "Go to the declaration",
            trigger: ".o_notebook a[name='signature']",
            run: "click",
        },
        {
            content: "Declare having read, understood and complying",
            trigger: ".o_field_widget[name='declaration_accepted'] input",
            run: "click",
        },
        {
            content: "Open the signature pad",
            trigger: ".o_field_widget[name='signature'] .o_signature",
            run: "click",
        },
        {
            content: "Adopt the typed signature",
            trigger: ".modal .modal-footer .btn-primary:enabled",
            run: "click",
        },
        {
            content: "Acknowledge",
            trigger: ".o_form_view button[name='action_acknowledge']",
            run: "click",
        },
        {
            content: "Acknowledged",
            trigger: ".o_statusbar_status .o_arrow_button_current[data-value='acknowledged']",
        },
    ],
});
