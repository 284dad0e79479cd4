/** @odoo-module **/
// One convention for digits in dates: Odoo writes Arabic-Indic digits in the
// dates of the web client for "ar_001" but Latin digits everywhere else (numbers,
// printed documents, portal, and the Hijri dates beside them). Dates follow
// the Latin digits too.
import { registry } from "@web/core/registry";

const { Settings } = luxon;

export const shaqraLatinDigitsService = {
    dependencies: ["localization"],
    start() {
        Settings.defaultNumberingSystem = "latn";
    },
};

registry.category("services").add("shaqra_latin_digits", shaqraLatinDigitsService);
