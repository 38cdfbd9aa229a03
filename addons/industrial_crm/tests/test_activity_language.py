from odoo.tests import tagged

from .common import IndustrialCrmCommon


@tagged("post_install", "-at_install")
class TestActivityLanguage(IndustrialCrmCommon):
    """An activity planned by a job or an English-speaking admin reads in the assignee's language."""

    def test_type_summary_in_assignee_language(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.user_manager.lang = "ru_RU"
        activity_type = self.env["mail.activity.type"].create({
            "name": "Inform the customer", "summary": "Production is late", "res_model": "crm.lead",
        })
        activity_type.with_context(lang="ru_RU").summary = "Производство опаздывает"
        lead = self._create_deal()
        to_manager = lead.with_context(lang="en_US").activity_schedule(
            activity_type_id=activity_type.id, user_id=self.user_manager.id)
        self.assertEqual(to_manager.summary, "Производство опаздывает")
        own_words = lead.with_context(lang="en_US").activity_schedule(
            activity_type_id=activity_type.id, summary="Call him first", user_id=self.user_manager.id)
        self.assertEqual(own_words.summary, "Call him first", "a summary of one's own is kept as written")
        self.user_manager_2.lang = "en_US"
        to_colleague = lead.with_context(lang="ru_RU").activity_schedule(
            activity_type_id=activity_type.id, user_id=self.user_manager_2.id)
        self.assertEqual(to_colleague.summary, "Production is late")
