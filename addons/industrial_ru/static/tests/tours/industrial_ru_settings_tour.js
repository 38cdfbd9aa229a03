import { registry } from "@web/core/registry";

/* The administrator, in Russian, sends the SMS through SMS.ru and turns on the meeting reminder. */

registry.category("web_tour.tours").add("industrial_ru_admin_settings", {
    steps: () => [
        {
            content: "The administrator opens the CRM settings",
            trigger: ".settings_tab .tab[data-key='crm']",
            run: "click",
        },
        {
            content: "The SMS gateway block, in Russian",
            trigger: ".o_settings_container:contains('SMS-шлюз')",
        },
        {
            content: "SMS.ru instead of Odoo's IAP",
            trigger: "div[name=industrial_sms_provider] input[data-value=smsru]",
            run: "click",
        },
        {
            content: "The account's API key",
            trigger: "div[name=industrial_smsru_api_id] input",
            run: "edit 0A1B2C3D-TOUR",
        },
        {
            trigger: "div[name=industrial_smsru_sender] input",
            run: "edit VakuumTech",
        },
        {
            content: "Customers are reminded of their meetings the day before",
            trigger: "h2:contains('Уведомления клиентам') ~ .o_settings_container .o_setting_box:contains('Напоминание о встрече') div[name=industrial_notify_meeting_reminder] input",
            run: "click",
        },
        {
            trigger: ".o_control_panel button.o_form_button_save:contains('Сохранить')",
            run: "click",
        },
        {
            content: "Saved: the settings read back what was set",
            trigger: ".o-settings-form-view:not(:has(.o_dirty_warning)) div[name=industrial_smsru_sender] input:value('VakuumTech')",
        },
        {
            trigger: ".o-settings-form-view:not(:has(.o_dirty_warning)) div[name=industrial_notify_meeting_reminder] input:checked",
        },
    ],
});
