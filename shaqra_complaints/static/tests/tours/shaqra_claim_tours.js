/** @odoo-module **/
// Policy C7-C10, E3: the whole life of a compensation claim in the web client
// (opened, studied by the investigation committee, established by the approved
// minutes, negotiated, settled on the beneficiary's signature, paid), and the
// beneficiary signing the settlement agreement on the portal.

import { registry } from "@web/core/registry";

const rounds = ".o_field_widget[name='negotiation_ids']";
const payments = ".o_field_widget[name='payment_ids']";
const findings = ".o_field_widget[name='claim_finding_ids']";

function pickMany2one(field, text, scope = ".o_form_view") {
    return [
        {
            content: `Type ${text} in ${field}`,
            trigger: `${scope} .o_field_widget[name='${field}'] input`,
            run: `edit ${text}`,
        },
        {
            content: `Pick ${text}`,
            trigger: `.o-autocomplete--dropdown-item:contains('${text}')`,
            run: "click",
        },
    ];
}

function state(value) {
    return {
        content: `The claim is now ${value}`,
        trigger: `.o_statusbar_status .o_arrow_button_current[data-value='${value}']`,
    };
}

function addRound(party, amount) {
    return [
        {
            content: `Add a round: ${party} offers ${amount}`,
            trigger: `${rounds} .o_field_x2many_list_row_add a`,
            run: "click",
        },
        {
            content: "Who makes the offer",
            trigger: `${rounds} .o_selected_row td[name='party'] select`,
            run: `select "${party}"`,
        },
        {
            content: "The amount offered",
            trigger: `${rounds} .o_selected_row td[name='amount'] input`,
            run: `edit ${amount}`,
        },
        {
            content: "Save the round",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The round is recorded",
            trigger: `.o_form_saved ${rounds} .o_data_row td[name='recorded_by_id']:contains('Tour Claim Officer')`,
        },
    ];
}

function addPayment(amount, reference) {
    return [
        {
            content: `Record a payment of ${amount}`,
            trigger: `${payments} .o_field_x2many_list_row_add a`,
            run: "click",
        },
        {
            content: "The amount paid",
            trigger: `${payments} .o_selected_row td[name='amount'] input`,
            run: `edit ${amount}`,
        },
        {
            content: "Paid by bank transfer",
            trigger: `${payments} .o_selected_row td[name='method'] select`,
            run: 'select "bank_transfer"',
        },
        {
            content: "The transfer's reference",
            trigger: `${payments} .o_selected_row td[name='reference'] input`,
            run: `edit ${reference}`,
        },
        {
            content: "Save the payment",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The payment is recorded",
            trigger: `.o_form_saved ${payments} .o_data_row td[name='reference']:contains('${reference}')`,
        },
    ];
}

registry.category("web_tour.tours").add("shaqra_claim_backend_open_tour", {
    steps: () => [
        {
            content: "Open a new claim",
            trigger: ".o_control_panel button.o-kanban-button-new, .o_control_panel button.o_list_button_add",
            run: "click",
        },
        ...pickMany2one("beneficiary_id", "Tour Claimant"),
        ...pickMany2one("committee_id", "Tour Investigation Committee"),
        {
            content: "The amount claimed",
            trigger: ".o_field_widget[name='amount_claimed'] input",
            run: "edit 8000",
        },
        {
            content: "The harm claimed",
            trigger: ".o_field_widget[name='harm_description'] textarea",
            run: "edit CLAIM-TOUR-HARM: the rent aid was stopped by mistake",
        },
        {
            content: "Send it to the investigation committee",
            trigger: ".o_statusbar_buttons button[name='action_send_to_investigation']",
            run: "click",
        },
        state("investigation"),
    ],
});

registry.category("web_tour.tours").add("shaqra_claim_backend_investigation_tour", {
    steps: () => [
        {
            content: "Open a new meeting",
            trigger: ".o_control_panel button.o-kanban-button-new, .o_control_panel button.o_list_button_add",
            run: "click",
        },
        ...pickMany2one("committee_id", "Tour Investigation Committee"),
        {
            content: "Put the claims waiting for the committee on the agenda",
            trigger: ".o_statusbar_buttons button[name='action_load_agenda']",
            run: "click",
        },
        {
            content: "Open the claims on the agenda",
            trigger: ".o_notebook a[name='agenda_claims']",
            run: "click",
        },
        {
            content: "The claim is on the agenda",
            trigger: `${findings} .o_data_row td[name='claim_id']:contains('TAW-')`,
        },
        {
            content: "Start the meeting",
            trigger: ".o_statusbar_buttons button[name='action_start']",
            run: "click",
        },
        {
            content: "Open the attendance",
            trigger: ".o_notebook a[name='attendance']",
            run: "click",
        },
        ...pickMany2one("attendee_ids", "Tour Claim Officer"),
        {
            content: "Back to the claims on the agenda",
            trigger: ".o_notebook a[name='agenda_claims']",
            run: "click",
        },
        {
            content: "Record the finding on the claim",
            trigger: `${findings} .o_data_row td[name='harm']`,
            run: "click",
        },
        {
            content: "The harm",
            trigger: `${findings} .o_selected_row td[name='harm'] textarea`,
            run: "edit CLAIM-TOUR-FINDING: three months of rent aid unpaid",
        },
        {
            content: "Its extent",
            trigger: `${findings} .o_selected_row td[name='harm_extent'] textarea`,
            run: "edit Late fees and an eviction notice",
        },
        {
            content: "Its causes",
            trigger: `${findings} .o_selected_row td[name='harm_causes'] textarea`,
            run: "edit A wrong bank account entered by the association",
        },
        {
            content: "The association caused the fault",
            trigger: `${findings} .o_selected_row td[name='association_at_fault'] input`,
            run: "click",
        },
        {
            content: "The amount assessed",
            trigger: `${findings} .o_selected_row td[name='amount_assessed'] input`,
            run: "edit 6000",
        },
        {
            content: "Save the meeting",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Close the meeting",
            trigger: ".o_form_saved .o_statusbar_buttons button[name='action_close']",
            run: "click",
        },
        {
            content: "Approve the minutes",
            trigger: ".o_statusbar_buttons button[name='action_approve']",
            run: "click",
        },
        {
            content: "The minutes are approved",
            trigger: ".o_statusbar_status .o_arrow_button_current[data-value='approved']",
        },
    ],
});

registry.category("web_tour.tours").add("shaqra_claim_backend_settle_tour", {
    steps: () => [
        state("established"),
        {
            content: "Start the negotiation",
            trigger: ".o_statusbar_buttons button[name='action_start_negotiation']",
            run: "click",
        },
        state("negotiation"),
        {
            content: "Open the negotiation rounds",
            trigger: ".o_notebook a[name='negotiation']",
            run: "click",
        },
        ...addRound("association", "4000"),
        ...addRound("beneficiary", "6000"),
        ...addRound("association", "5000"),
        {
            content: "The amount agreed",
            trigger: ".o_field_widget[name='amount_agreed'] input",
            run: "edit 5000",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The beneficiary signs the agreement in person",
            trigger: ".o_form_saved .o_statusbar_buttons button:contains('Sign the Agreement')",
            run: "click",
        },
        {
            content: "The signatory is the beneficiary",
            trigger: ".modal .o_field_widget[name='signed_by'] input:value(Tour Claimant)",
        },
        {
            content: "Open the signature pad",
            trigger: ".modal .o_field_widget[name='signature'] .o_signature",
            run: "click",
        },
        {
            content: "Adopt the typed signature",
            trigger: ".modal .modal-footer button.btn-primary:contains('Adopt'):enabled",
            run: "click",
        },
        {
            content: "Record the signature",
            trigger: ".modal .modal-footer button[name='action_sign']",
            run: "click",
        },
        {
            content: "Settle the claim",
            trigger: ".o_statusbar_buttons button[name='action_settle']",
            run: "click",
        },
        state("settled"),
        {
            content: "Open the payments",
            trigger: ".o_notebook a[name='payments']",
            run: "click",
        },
        ...addPayment("3000", "TRF-TOUR-1"),
        ...addPayment("2000", "TRF-TOUR-2"),
        state("paid"),
    ],
});

registry.category("web_tour.tours").add("shaqra_claim_portal_sign_tour", {
    steps: () => [
        {
            content: "The settlement agreement is shown before signing",
            trigger: ".o_shaqra_claim_agreement:contains('CLAIM-TERMS-OF-ONE')",
        },
        {
            content: "Open the signature dialog",
            trigger: ".o_shaqra_claim_sign_button",
            run: "click",
        },
        {
            content: "The typed name gives a signature: the button is enabled",
            trigger: ".modal .o_portal_sign_submit:enabled",
        },
        {
            content: "Sign",
            trigger: ".modal .o_portal_sign_submit:enabled",
            run: "click",
        },
        {
            content: "The signature is recorded",
            trigger: ".o_shaqra_claim_signed",
        },
        {
            content: "The signed agreement can be downloaded",
            trigger: ".o_shaqra_claim_pdf",
        },
    ],
});
