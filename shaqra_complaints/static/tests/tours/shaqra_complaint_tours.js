/** @odoo-module **/
// The public complaint pages in a real browser (policy D1, D3).

import { registry } from "@web/core/registry";

const PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

function setFile(input, file) {
    const transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
}

function checkNoSidewaysScroll() {
    // On a phone the page must fit the screen's width.
    const overflow = document.documentElement.scrollWidth - window.innerWidth;
    if (overflow > 1) {
        throw new Error(`The page is ${overflow}px wider than the screen`);
    }
}

function fileAndFollowSteps() {
    return [
        {
            content: "The form fits the screen",
            trigger: "form.o_shaqra_complaint_form",
            run: checkNoSidewaysScroll,
        },
        {
            content: "Describe what happened",
            trigger: "#shaqra_description",
            run: "edit CMP-TOUR-DESCRIPTION: nobody answered my calls",
        },
        {
            content: "Name",
            trigger: "#shaqra_complainant_name",
            run: "edit Tour Visitor",
        },
        {
            content: "Mobile",
            trigger: "#shaqra_complainant_mobile",
            run: "edit 0551230000",
        },
        {
            content: "Attach a document",
            trigger: "#shaqra_attachments",
            run() {
                setFile(this.anchor, new File([PDF], "letter.pdf", { type: "application/pdf" }));
            },
        },
        {
            content: "Send",
            trigger: ".o_shaqra_complaint_submit",
            run: "click",
        },
        {
            content: "The tracking number is shown",
            trigger: ".o_shaqra_complaint_thanks .o_shaqra_complaint_number",
            run: checkNoSidewaysScroll,
        },
        {
            content: "Follow the complaint with the private link",
            trigger: "a.o_shaqra_status_link",
            run: "click",
        },
        {
            content: "The status page shows the stage",
            trigger: ".o_shaqra_complaint_status .o_shaqra_complaint_stage",
            run: checkNoSidewaysScroll,
        },
        {
            content: "and the complaint",
            trigger: ".o_shaqra_complaint_status:contains('CMP-TOUR-DESCRIPTION')",
        },
        {
            content: "Add information",
            trigger: "#shaqra_information",
            run: "edit CMP-TOUR-MORE-INFORMATION",
        },
        {
            content: "Send the information",
            trigger: ".o_shaqra_information_submit",
            run: "click",
        },
        {
            content: "The information is added",
            trigger: ".o_shaqra_information_added",
        },
        {
            content: "and shown among the messages",
            trigger: ".o_shaqra_complaint_message:contains('CMP-TOUR-MORE-INFORMATION')",
        },
    ];
}

registry.category("web_tour.tours").add("shaqra_complaint_public_tour", {
    url: "/complaint",
    steps: fileAndFollowSteps,
});

registry.category("web_tour.tours").add("shaqra_complaint_public_phone_tour", {
    url: "/complaint",
    steps: () => [
        {
            content: "The browser has a phone's width, the page is in Arabic",
            trigger: "#wrapwrap.o_rtl form.o_shaqra_complaint_form",
            run() {
                if (window.innerWidth > 400) {
                    throw new Error(`Not a phone: the window is ${window.innerWidth}px wide`);
                }
            },
        },
        ...fileAndFollowSteps(),
    ],
});

registry.category("web_tour.tours").add("shaqra_complaint_settlement_tour", {
    steps: () => [
        {
            content: "The proposed terms are shown",
            trigger: ".o_shaqra_settlement_terms:contains('CMP-TOUR-TERMS')",
        },
        {
            content: "Accept and sign",
            trigger: ".o_shaqra_settlement_sign_button",
            run: "click",
        },
        {
            content: "The declaration is shown",
            trigger: "#shaqra_modal_settlement .o_shaqra_settlement_declaration",
        },
        {
            content: "Sign",
            trigger: "#shaqra_modal_settlement .o_portal_sign_submit:enabled",
            run: "click",
        },
        {
            content: "The settlement is accepted",
            trigger: ".o_shaqra_settlement_signed",
        },
        {
            content: "The signature is shown",
            trigger: ".o_shaqra_settlement_accepted img",
        },
    ],
});
