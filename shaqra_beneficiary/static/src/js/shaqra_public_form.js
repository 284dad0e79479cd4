/** @odoo-module **/
// Public forms of the association's site (inquiry, complaint, volunteering):
// when a captcha provider is switched on in the Settings, the form sends the
// provider's token with the submission (checked by ShaqraPublicForm on the
// server). Without a provider the form is sent as it is.

import publicWidget from "@web/legacy/js/public/public_widget";
import { ReCaptcha } from "@google_recaptcha/js/recaptcha";

publicWidget.registry.ShaqraPublicForm = publicWidget.Widget.extend({
    selector: "form.o_shaqra_public_form",
    events: { submit: "_onSubmit" },

    init() {
        this._super(...arguments);
        this._recaptcha = new ReCaptcha();
    },

    async willStart() {
        await this._super(...arguments);
        this._recaptcha.loadLibs();
    },

    async _onSubmit(ev) {
        if (this._sending) {
            return;
        }
        ev.preventDefault();
        this._sending = true;
        const action = this.el.dataset.captchaAction || "shaqra_public_form";
        const result = await this._recaptcha.getToken(action);
        if (result.token) {
            const input = document.createElement("input");
            input.type = "hidden";
            input.name = "recaptcha_token_response";
            input.value = result.token;
            this.el.appendChild(input);
        }
        this.el.submit();
    },
});
