/** @odoo-module **/
// The beneficiary portal in a real browser (policy C2-C6, F3).

import { registry } from "@web/core/registry";

const PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
const PNG_BASE64 =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVQIW2P4v5ThPwAG7wKklwQ/bwAAAABJRU5ErkJggg==";

function setFile(input, file) {
    const transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
}

function pngFile(name) {
    const bytes = Uint8Array.from(atob(PNG_BASE64), (c) => c.charCodeAt(0));
    return new File([bytes], name, { type: "image/png" });
}

registry.category("web_tour.tours").add("shaqra_portal_apply_tour", {
    url: "/my/requests/new",
    steps: () => [
        {
            content: "Choose the published service",
            trigger: ".o_shaqra_service_choice:contains('Tour Housing Help')",
            run: "click",
        },
        {
            content: "The criteria are shown before applying (C2)",
            trigger: ".o_shaqra_criteria:contains('Residents of Shaqra')",
        },
        {
            content: "Attach the copy of the ID and a photo",
            trigger: ".o_shaqra_new_request_form input[type='file']",
            run() {
                const inputs = document.querySelectorAll(
                    ".o_shaqra_new_request_form input[type='file']"
                );
                setFile(inputs[0], new File([PDF], "id-copy.pdf", { type: "application/pdf" }));
                setFile(inputs[1], pngFile("damage.png"));
            },
        },
        {
            content: "Describe the need",
            trigger: "#shaqra_description",
            run: "edit The roof leaks",
        },
        {
            content: "Confirm having read the criteria",
            trigger: "#shaqra_criteria_read",
            run: "click",
        },
        {
            content: "Submit",
            trigger: ".o_shaqra_submit_request",
            run: "click",
        },
        {
            content: "The request is received",
            trigger: ".o_shaqra_request_page .alert-success",
        },
        {
            content: "The uploaded document is listed",
            trigger: ".o_shaqra_requirement .o_shaqra_document_link:contains('id-copy.pdf')",
        },
        {
            content: "Open the signature",
            trigger: ".o_shaqra_sign_button",
            run: "click",
        },
        {
            content: "The declaration is shown (C4)",
            trigger: "#shaqra_modal_sign .o_shaqra_declaration:contains('I declare')",
        },
        {
            content: "Sign",
            trigger: "#shaqra_modal_sign .o_portal_sign_submit:enabled",
            run: "click",
        },
        {
            content: "The signature is recorded",
            trigger: ".o_shaqra_sign_ok",
        },
        {
            content: "The signature is shown",
            trigger: ".o_shaqra_signed img",
        },
    ],
});

registry.category("web_tour.tours").add("shaqra_portal_deadline_tour", {
    url: "/my/requests",
    steps: () => [
        {
            content: "The list shows the answer date",
            trigger: ".o_shaqra_request_row:contains('Awaiting Committee') .o_shaqra_dates",
        },
        {
            content: "Open the request",
            trigger: ".o_shaqra_request_row:contains('Awaiting Committee') a",
            run: "click",
        },
        {
            content: "The answer date is given in Hijri and Gregorian (C6)",
            trigger: ".o_shaqra_deadline:contains('AH')",
        },
        {
            content: "The stage progress shows the current stage",
            trigger: ".o_shaqra_step_current:contains('Awaiting Committee')",
        },
    ],
});

registry.category("web_tour.tours").add("shaqra_portal_correction_tour", {
    url: "/my/beneficiary",
    steps: () => [
        {
            content: "Correct the mobile number",
            trigger: "input#shaqra_mobile",
            run: "edit +966555000111",
        },
        {
            content: "Send the correction",
            trigger: ".o_shaqra_send_correction",
            run: "click",
        },
        {
            content: "The correction is sent",
            trigger: ".o_shaqra_correction_sent",
        },
        {
            content: "It waits for the association",
            trigger: ".o_shaqra_change:contains('+966555000111') .badge:contains('Pending')",
        },
    ],
});

registry.category("web_tour.tours").add("shaqra_portal_correction_approved_tour", {
    url: "/my/beneficiary",
    steps: () => [
        {
            content: "The correction is approved",
            trigger: ".o_shaqra_change .badge:contains('Approved')",
        },
        {
            content: "The file shows the new number",
            trigger: "input#shaqra_mobile:value(\"+966555000111\")",
        },
    ],
});

registry.category("web_tour.tours").add("shaqra_portal_home_tour", {
    url: "/my",
    steps: () => [
        {
            content: "The requests tile counts the requests",
            trigger: ".o_portal_index_card a[href='/my/requests'] [data-placeholder_count='shaqra_request_count']:contains('1')",
        },
        {
            content: "Open the requests",
            trigger: ".o_portal_index_card a[href='/my/requests']",
            run: "click",
        },
        {
            content: "The request is listed with its stage",
            trigger: ".o_shaqra_request_row:contains('Received') .badge",
        },
    ],
});
