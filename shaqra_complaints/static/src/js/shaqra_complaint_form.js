/** @odoo-module **/
// The public complaint form asks the captcha provider switched on in the
// Settings for a token before sending; without a provider it sends at once.

import publicWidget from "@web/legacy/js/public/public_widget";
import { ReCaptcha } from "@google_recaptcha/js/recaptcha";

publicWidget.registry.ShaqraComplaintForm = publicWidget.Widget.extend({
    selector: "form[data-captcha-action]",
    events: { submit: "_onSubmit" },

    init() {
        this._super(...arguments);
        this._recaptcha = new ReCaptcha();
    },

    willStart() {
        this._recaptcha.loadLibs();
        return this._super(...arguments);
    },

    async _onSubmit(ev) {
        if (this._tokenAdded) {
            return;
        }
        ev.preventDefault();
        const result = await this._recaptcha.getToken(this.el.dataset.captchaAction);
        if (result.token) {
            const input = document.createElement("input");
            input.type = "hidden";
            input.name = "recaptcha_token_response";
            input.value = result.token;
            this.el.appendChild(input);
        }
        this._tokenAdded = true;
        this.el.requestSubmit();
    },
});
