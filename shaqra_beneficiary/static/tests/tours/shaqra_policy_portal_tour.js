/** @odoo-module **/
// Policy ART4: a contractor reads a policy on the portal and signs it.

import { registry } from "@web/core/registry";
import { portalSignSteps } from "./shaqra_tour_utils";

registry.category("web_tour.tours").add("shaqra_policy_portal_sign_tour", {
    url: "/my/policies",
    steps: () => [
        {
            content: "Open the policy waiting for a signature",
            trigger: "a:contains('Tour Contractor Charter')",
            run: "click",
        },
        {
            content: "The document text is shown",
            trigger: ".o_shaqra_policy_body:contains('Respect the beneficiaries')",
        },
        {
            content: "Open the signature dialog under the declaration",
            trigger: ".o_shaqra_policy_sign_button",
            run: "click",
        },
        ...portalSignSteps(),
        {
            content: "The acknowledgement is recorded",
            trigger: ".o_shaqra_policy_signed",
        },
    ],
});
