/** @odoo-module **/
// Policy ART2: a beneficiary reads their agreement on the portal and signs it.

import { registry } from "@web/core/registry";
import { portalSignSteps } from "./shaqra_tour_utils";

registry.category("web_tour.tours").add("shaqra_agreement_portal_sign_tour", {
    url: "/my/agreements",
    steps: () => [
        {
            content: "Open the agreement waiting for a signature",
            trigger: ".o_shaqra_agreement_row a",
            run: "click",
        },
        {
            content: "The terms are shown before signing",
            trigger: ".o_shaqra_agreement:contains('Repairs paid to the contractor')",
        },
        {
            content: "Open the signature dialog",
            trigger: ".o_shaqra_agreement_sign_button",
            run: "click",
        },
        ...portalSignSteps(),
        {
            content: "The signature is recorded",
            trigger: ".o_shaqra_agreement_signed",
        },
    ],
});
