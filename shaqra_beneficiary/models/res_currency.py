import re

from odoo import api, models

# Arabic writes the conjunction "و" (and) joined to the word it introduces:
# num2words and the core translation leave a space after it ("ألف و خمسمائة").
ARABIC_AND = re.compile(r"(?:(?<=\s)|^)و\s+(?=\S)")

# The riyal and its hundredth as the association's letters write them (E3).
SAR_ARABIC_LABELS = {"currency_unit_label": "ريال", "currency_subunit_label": "هللة"}


class ResCurrency(models.Model):
    _inherit = "res.currency"

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _shaqra_set_arabic_unit_names(self):
        """Give the Saudi riyal its Arabic unit names where Arabic is installed.

        ``amount_to_text`` spells the amount in the letter's language but
        names the unit from the currency's labels; without their Arabic
        translation a letter would read "ألف Riyal". Existing translations
        are kept.
        """
        sar = self.env.ref("base.SAR", raise_if_not_found=False)
        langs = [code for code, _name in self.env["res.lang"].get_installed() if code[:2] == "ar"]
        if not sar or not langs:
            return
        sar = sar.sudo()
        for field_name, label in SAR_ARABIC_LABELS.items():
            english = sar.with_context(lang="en_US")[field_name]
            missing = {
                lang: label for lang in langs if sar.with_context(lang=lang)[field_name] == english
            }
            if missing:
                sar.update_field_translations(field_name, missing)

    def _shaqra_amount_in_arabic_words(self, amount):
        """``amount`` of this currency in Arabic words for letters and agreements
        (E3, C10), e.g. 1500 SAR: "ألف وخمسمائة ريال" (``amount_to_text`` in
        Arabic, with the currency's Arabic unit names, the conjunction joined
        to its word)."""
        self.ensure_one()
        # Arabic may have been loaded after the add-on: the riyal's Arabic
        # unit names are given now if they are still missing.
        self._shaqra_set_arabic_unit_names()
        words = " ".join(self.with_context(lang="ar_001").amount_to_text(amount).split())
        return ARABIC_AND.sub("و", words)
