/** @odoo-module **/
// The association's public website on a phone (390 px): services, governance,
// a document, then an inquiry (policy C1, C2, ART3 B, F2).

import { registry } from "@web/core/registry";

function checkNoHorizontalScroll() {
    const overflow = document.documentElement.scrollWidth - window.innerWidth;
    if (overflow > 1) {
        throw new Error(`The page is ${overflow}px wider than the phone's screen.`);
    }
}

function selectByLabel(selector, label) {
    const select = document.querySelector(selector);
    const option = [...select.options].find((o) => o.textContent.trim() === label);
    if (!option) {
        throw new Error(`No option "${label}" in ${selector}`);
    }
    select.value = option.value;
    select.dispatchEvent(new Event("change", { bubbles: true }));
}

function openMenuSteps(href) {
    return [
        {
            content: "Open the phone menu",
            trigger: "button[data-bs-target='#top_menu_collapse_mobile']",
            run: "click",
        },
        {
            content: `Follow the header link to ${href}`,
            trigger: `#top_menu_collapse_mobile.show a[href='${href}']`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("shaqra_website_visitor_tour", {
    url: "/",
    steps: () => [
        {
            content: "The home page shows the header",
            trigger: "header#top",
        },
        ...openMenuSteps("/services"),
        {
            content: "The published service with its criteria and documents (C2)",
            trigger: ".o_shaqra_service_card:contains('Tour Housing Help'):contains('Copy of the national ID')",
            run: checkNoHorizontalScroll,
        },
        {
            content: "Applying goes through the portal",
            trigger: ".o_shaqra_service_card a.o_shaqra_apply[href^='/my/requests/new']",
        },
        ...openMenuSteps("/governance"),
        {
            content: "Open the published document",
            trigger: ".o_shaqra_governance_item:contains('Tour Public Charter')",
            run: "click",
        },
        {
            content: "The document is readable with its approval date",
            trigger: ".o_shaqra_policy_body:contains('Tour charter text')",
            run: checkNoHorizontalScroll,
        },
        {
            content: "The approval date is given in Hijri and Gregorian",
            trigger: ".o_shaqra_approval_date:contains('AH'):contains('2022')",
        },
        ...openMenuSteps("/inquiry"),
        {
            content: "Write the name",
            trigger: "#shaqra_inquiry_name",
            run: "edit Tour Visitor",
        },
        {
            content: "Write the mobile",
            trigger: "#shaqra_inquiry_mobile",
            run: "edit 0551234567",
        },
        {
            content: "Choose the category and the field of work",
            trigger: "#shaqra_inquiry_field",
            run() {
                selectByLabel("#shaqra_inquiry_category", "Tour Families");
                selectByLabel("#shaqra_inquiry_field", "Tour Social Aid");
                checkNoHorizontalScroll();
            },
        },
        {
            content: "Write the question",
            trigger: "#shaqra_inquiry_message",
            run: "edit Which documents does the housing help need?",
        },
        {
            content: "Send",
            trigger: ".o_shaqra_inquiry_submit",
            run: "click",
        },
        {
            content: "The thank-you page",
            trigger: ".o_shaqra_inquiry_thanks",
        },
    ],
});
