import { registry } from "@web/core/registry";

/* The marketer's working day, in Russian, from the screen she lands on after login. */

registry.category("web_tour.tours").add("industrial_marketing_marketer_day", {
    steps: () => [
        {
            content: "The marketer lands in her Marketing app",
            trigger: ".o_main_navbar .o_menu_brand:contains('Маркетинг')",
        },
        {
            content: "on her segments",
            trigger: ".o_breadcrumb:contains('Маркетинговые сегменты')",
        },
        {
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "A segment of the pumps direction's customers",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Тур: клиенты насосов",
        },
        {
            trigger: ".o_field_widget[name=direction_ids] input",
            run: "edit Насосное",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('Насосное оборудование')",
            run: "click",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Export the telemarketing list",
            trigger: ".o_form_saved button[name=action_export_telemarketing]:contains('Выгрузить список для телемаркетинга')",
            run: "click",
        },
        {
            content: "The list is kept with its rows and files",
            trigger: ".o_form_view .o_field_widget[name=row_count]:not(:contains('0'))",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=csv_file] a, .o_form_view .o_field_widget[name=csv_file] button",
        },
        {
            content: "Back to the segment",
            trigger: ".o_breadcrumb a:contains('Тур: клиенты насосов')",
            run: "click",
        },
        {
            content: "Open its contacts",
            trigger: "button[name=action_view_partners]",
            run: "click",
        },
        {
            trigger: ".o_data_row:contains('Тур Покупателей')",
        },
        {
            content: "Select them all",
            trigger: "thead .o_list_record_selector input",
            run: "click",
        },
        {
            trigger: ".o_cp_action_menus button",
            run: "click",
        },
        {
            content: "Give a manager the call",
            trigger: ".o-dropdown--menu .dropdown-item:contains('Позвонить клиенту')",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=user_id] input",
            run: "edit Сидоров",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('Сидоров Тур')",
            run: "click",
        },
        {
            trigger: ".modal button[name=action_assign]:contains('Назначить')",
            run: "click",
        },
        {
            content: "The dialog closed, the contacts are still listed",
            trigger: "body:not(:has(.modal)) .o_data_row:contains('Тур Покупателей')",
        },
    ],
});
