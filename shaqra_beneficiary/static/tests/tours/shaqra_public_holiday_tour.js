/** @odoo-module **/
// Policy C6: public holidays are recorded on the association's calendar.

import { registry } from "@web/core/registry";
import { openAppSteps } from "./shaqra_tour_utils";

registry.category("web_tour.tours").add("shaqra_public_holiday_tour", {
    url: "/odoo",
    steps: () => [
        ...openAppSteps(),
        {
            content: "Open the configuration menu",
            trigger: "[data-menu-xmlid='shaqra_beneficiary.shaqra_beneficiary_menu_config']",
            run: "click",
        },
        {
            content: "Open the public holidays",
            trigger: "[data-menu-xmlid='shaqra_beneficiary.resource_calendar_leaves_menu_shaqra']",
            run: "click",
        },
        {
            content: "Create a holiday",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Name it",
            trigger: ".o_form_view .o_field_widget[name='name'] input",
            run: "edit Tour National Day",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_breadcrumb .active:contains('Tour National Day')",
        },
    ],
});
