from odoo import api, models


class Website(models.Model):
    _inherit = "website"

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _shaqra_setup_public_site(self, lang_code="ar_001"):
        """The association's site: named after the company, with its logo
        (instead of Odoo's "Your logo" placeholder), in Arabic when loaded.

        A logo chosen for the site is kept. Safe when Arabic (``lang_code``) is not installed: the languages are
        left alone then, as they are when ``lang_code`` is empty.
        """
        arabic = (
            self.env["res.lang"]
            .with_context(active_test=True)
            .search([("code", "=", lang_code)], limit=1)
            if lang_code
            else self.env["res.lang"]
        )
        for website in self.sudo().search([]):
            vals = {}
            if website.company_id.name and website.name != website.company_id.name:
                vals["name"] = website.company_id.name
            company = website.company_id
            if (
                company.logo
                and not company.uses_default_logo
                and website.logo == website._default_logo()
            ):
                vals["logo"] = company.logo
            if arabic:
                vals["language_ids"] = [(4, arabic.id)]
                vals["default_lang_id"] = arabic.id
            if vals:
                website.write(vals)
