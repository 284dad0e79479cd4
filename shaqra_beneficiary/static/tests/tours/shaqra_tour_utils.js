/** @odoo-module **/
// Steps shared by the add-on's tours: opening an app from the home menu and
// signing in the portal's signature dialog.

import { stepUtils } from "@web_tour/tour_service/tour_utils";

export const SHAQRA_ROOT_MENU = "shaqra_beneficiary.shaqra_beneficiary_menu_root";

/**
 * Show the home menu and open the app of the given root menu (by default the
 * Beneficiary Services app).
 */
export function openAppSteps(
    menuXmlid = SHAQRA_ROOT_MENU,
    content = "Open the Beneficiary Services app"
) {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content,
            trigger: `.o_app[data-menu-xmlid='${menuXmlid}']`,
            run: "click",
        },
    ];
}

/** Sign in the portal's signature dialog: the typed name gives the signature. */
export function portalSignSteps() {
    return [
        {
            content: "The typed name gives a signature: the button is enabled",
            trigger: ".modal .o_portal_sign_submit:enabled",
        },
        {
            content: "Sign",
            trigger: ".modal .o_portal_sign_submit:enabled",
            run: "click",
        },
    ];
}
