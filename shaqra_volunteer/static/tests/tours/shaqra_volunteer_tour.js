/** @odoo-module **/
// A citizen signs up as a volunteer on a phone (policy B3).

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("shaqra_volunteer_signup_tour", {
    url: "/volunteer",
    steps: () => [
        {
            content: "The sign-up form fits the phone screen",
            trigger: ".o_shaqra_volunteer_form",
            run() {
                const form = document.querySelector(".o_shaqra_volunteer_form");
                if (form.getBoundingClientRect().width > window.innerWidth) {
                    throw new Error("The sign-up form is wider than the screen.");
                }
            },
        },
        {
            content: "Full name",
            trigger: ".o_shaqra_volunteer_form input[name='name']",
            run: "edit عبدالله بن فهد السبيعي",
        },
        {
            content: "National ID, typed with Arabic digits",
            trigger: ".o_shaqra_volunteer_form input[name='national_id']",
            run: "edit ١١٠٠٣٣٣٤٤٠",
        },
        {
            content: "Mobile",
            trigger: ".o_shaqra_volunteer_form input[name='mobile']",
            run: "edit 0552000777",
        },
        {
            content: "E-mail",
            trigger: ".o_shaqra_volunteer_form input[name='email']",
            run: "edit tour.volunteer@example.com",
        },
        {
            content: "The hidden anti-spam field is not reachable",
            trigger: ".o_shaqra_volunteer_form",
            run() {
                const trap = document.querySelector("input[name='shaqra_hp']");
                const box = trap.getBoundingClientRect();
                if (trap.tabIndex !== -1 || box.right > 0 || trap.value) {
                    throw new Error("The anti-spam field must be empty and off screen.");
                }
            },
        },
        {
            content: "Send the application",
            trigger: ".o_shaqra_volunteer_submit",
            run: "click",
        },
        {
            content: "Thank you page",
            trigger: ".o_shaqra_volunteer_thanks",
        },
    ],
});

// An active volunteer on a phone: confirms a notice delivery, then logs hours.
registry.category("web_tour.tours").add("shaqra_volunteer_portal_tour", {
    url: "/my/volunteer",
    steps: () => [
        {
            content: "The notice to deliver shows where to go",
            trigger: ".o_shaqra_volunteer_notice:contains('V Tour Street 9')",
        },
        {
            content: "Say how it was delivered",
            trigger: ".o_shaqra_notice_confirm select[name='how']",
            run: "select visit",
        },
        {
            content: "Confirm the delivery",
            trigger: ".o_shaqra_notice_confirm button[type='submit']",
            run: "click",
        },
        {
            content: "The delivery is recorded",
            trigger: ".o_shaqra_volunteer_message.alert-success",
        },
        {
            content: "Hours",
            trigger: ".o_shaqra_hours_form input[name='hours']",
            run: "edit 2.5",
        },
        {
            content: "What was done",
            trigger: ".o_shaqra_hours_form input[name='activity']",
            run: "edit V Tour packing",
        },
        {
            content: "Send for approval",
            trigger: ".o_shaqra_hours_form button[type='submit']",
            run: "click",
        },
        {
            content: "The hours are listed, waiting for approval",
            trigger: ".o_shaqra_hours_table:contains('V Tour packing')",
        },
    ],
});
