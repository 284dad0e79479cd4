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

// ---------------------------------------------------------------------------
// An Arabic user's pages: right-to-left, and no English text.
// ---------------------------------------------------------------------------

// Latin text an Arabic page may show: e-mail addresses, reference codes
// (REQ/2026/00004, MTG/2026/0003, SHK-..., a policy's code such as BRP),
// the policy's clause numbers (C6, G5, ART4: one letter is no word),
// file names and formats, the currency, and the name of Odoo's system user.
const ALLOWED_LATIN = [
    /\S*\.(pdf|png|jpe?g|docx?|xlsx?)(?![A-Za-z])/gi,
    /[\w.+-]+@[\w-]+(\.[\w-]+)+/g,
    /\b[A-Z]{2,5}[/-][\w/-]*\d[\w/-]*/g,
    /\bSHK-[\w-]*/g,
    /\bART\d+\b/g,
    /\b(PDF|SAR|JPG|JPEG|PNG|MB|Excel|BRP|OdooBot)\b/g,
];

/**
 * A chatter message logged by the system (OdooBot) when the demo data was
 * installed: stored in the language of the installation, not translated.
 */
function installationMessage(element) {
    const message = element.closest(".o-mail-Message");
    return Boolean(
        message && message.querySelector(".o-mail-Message-author")?.textContent.trim() === "OdooBot"
    );
}

/** The text a user sees in `root`: visible text nodes, sample data left out. */
export function visibleText(root) {
    const parts = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement;
        if (
            !node.nodeValue.trim() ||
            !element ||
            element.closest("script, style, noscript, template") ||
            // The sample records drawn behind an empty view's help text
            (element.closest(".o_view_sample_data") && !element.closest(".o_view_nocontent")) ||
            installationMessage(element) ||
            !element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })
        ) {
            continue;
        }
        parts.push(node.nodeValue.trim());
    }
    return parts.join(" ");
}

/** The Latin words of `text` that the allow-list does not cover. */
export function englishWords(text) {
    let rest = text;
    for (const pattern of ALLOWED_LATIN) {
        rest = rest.replace(pattern, " ");
    }
    return [...new Set(rest.match(/[A-Za-z]{2,}/g) || [])];
}

/**
 * Check the page is laid out right-to-left and that the visible text of
 * `selector` (the main content: the action manager, the portal's #wrap)
 * has no English word. `trigger` waits for the page's data to be rendered.
 */
export function arabicPageSteps(page, trigger, selector = ".o_action_manager") {
    return [
        {
            content: `${page}: rendered`,
            trigger,
        },
        {
            content: `${page}: right-to-left, no English text`,
            trigger,
            run() {
                const html = document.documentElement;
                const rtl =
                    html.getAttribute("dir") === "rtl" ||
                    document.body.classList.contains("o_rtl");
                if (!rtl || getComputedStyle(document.body).direction !== "rtl") {
                    throw new Error(`${page}: the page is not laid out right-to-left`);
                }
                if (html.hasAttribute("dir") && html.getAttribute("dir") !== "rtl") {
                    throw new Error(`${page}: <html dir="${html.getAttribute("dir")}">`);
                }
                const roots = [...document.querySelectorAll(selector)];
                if (!roots.length) {
                    throw new Error(`${page}: ${selector} not found`);
                }
                const words = englishWords(roots.map(visibleText).join(" "));
                if (words.length) {
                    throw new Error(`${page}: English text on an Arabic page: ${words.join(", ")}`);
                }
            },
        },
    ];
}

/** The action of the current screen of the web client. */
export function currentAction() {
    return odoo.__WOWL_DEBUG__.root.env.services.action.currentController?.action;
}

/** The user lands on the action `xmlid` (the start screen of the role). */
export function landingSteps(role, xmlid, trigger) {
    return [
        {
            content: `${role} lands on their start screen`,
            trigger,
            run() {
                const action = currentAction();
                if (action?.xml_id !== xmlid) {
                    throw new Error(`${role} landed on ${action?.xml_id}, not on ${xmlid}`);
                }
            },
        },
        ...arabicPageSteps(`${role}: start screen`, trigger, ".o_action_manager, .o_main_navbar"),
    ];
}
