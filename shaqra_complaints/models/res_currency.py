from odoo import api, models


class ResCurrency(models.Model):
    _inherit = "res.currency"

    @api.model
    def _shaqra_arabic_sar_labels(self):
        """The riyal and halala in Arabic, for amounts in words on settlement
        agreements (C10), when the Arabic catalogue of the base was not loaded."""
        sar = self.env.ref("base.SAR", raise_if_not_found=False)
        if not sar:
            return
        for lang in self.env["res.lang"].search([("iso_code", "=like", "ar%")]):
            translations = {}
            for field, label in (
                ("currency_unit_label", "ريال"),
                ("currency_subunit_label", "هللة"),
            ):
                current = sar.with_context(lang=lang.code)[field]
                if not current or current == sar.with_context(lang="en_US")[field]:
                    translations[field] = label
            for field, label in translations.items():
                sar.update_field_translations(field, {lang.code: label})
