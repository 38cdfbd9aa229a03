/**
 * The manager's technical calculation, in Russian, from the page he lands on after
 * login (tests/test_tours.py prepares the deal and, between the two tours, the
 * engineer's variants).
 */
import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");
const DEAL = "Тур расчёта: установка напыления";

function openDeal() {
    return [
        {
            content: "The manager lands on his deals",
            trigger: ".o_breadcrumb:contains('Мои сделки')",
        },
        {
            content: "Open the deal",
            trigger: `.o_kanban_record:contains('${DEAL}')`,
            run: "click",
        },
        {
            content: "The deal is open",
            trigger: `.o_form_view .o_field_widget[name=name] textarea:value('${DEAL}')`,
        },
    ];
}

tours.add("industrial_engineering_request_calculation", {
    steps: () => [
        ...openDeal(),
        {
            content: "Ask the engineers for a calculation",
            trigger: ".o_form_view button[name=action_request_calculation]:contains('Запросить расчёт')",
            run: "click",
        },
        {
            content: "The request is for this deal",
            trigger: `.o_form_view .o_field_widget[name=lead_id] input:value('${DEAL}')`,
        },
        {
            content: "Pick the engineer",
            trigger: ".o_form_view .o_field_widget[name=engineer_id] input",
            run: "edit Кузьмин",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('Павел Кузьмин')",
            run: "click",
        },
        {
            content: "Write the customer's requirements",
            trigger: ".o_form_view .o_field_widget[name=requirements] .odoo-editor-editable",
            run: "editor Рабочий вакуум 10⁻⁵ Па, подложки до 300 мм",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved: requested from the engineer, who has the task",
            trigger: ".o_form_saved .o_statusbar_status button.o_arrow_button_current:contains('Запрошен')",
        },
        {
            trigger: ".o-mail-Activity:contains('Подготовить технический расчёт')",
        },
        {
            content: "Back to the deal",
            trigger: `.o_breadcrumb a:contains('${DEAL}')`,
            run: "click",
        },
        {
            content: "The deal counts its calculation",
            trigger: ".o_form_view button[name=action_view_industrial_calculations]:contains('Расчёты'):contains('1')",
        },
    ],
});

tours.add("industrial_engineering_quote_variant", {
    steps: () => [
        ...openDeal(),
        {
            content: "Open the calculation of the deal",
            trigger: ".o_form_view button[name=action_view_industrial_calculations]:contains('Расчёты')",
            run: "click",
        },
        {
            content: "The engineers are done",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Готово')",
        },
        {
            content: "Compare the variants",
            trigger: ".o_form_view .o_form_statusbar button[name=action_view_variants]:contains('Сравнить варианты')",
            run: "click",
        },
        {
            content: "Side by side: cost, price, margin, lead time",
            trigger: ".o_list_view thead:contains('Себестоимость'):contains('Предлагаемая цена'):contains('Маржа'):contains('Срок поставки')",
        },
        {
            trigger: ".o_list_view .o_data_row:contains('Диффузионная откачка'):contains('60')",
        },
        {
            content: "Quote the turbo variant",
            trigger: ".o_list_view .o_data_row:contains('Турбомолекулярная откачка') button[name=action_use_in_quotation]:contains('В коммерческое предложение')",
            run: "click",
        },
        {
            content: "The quotation of the deal has the variant's lines",
            trigger: ".o_form_view .o_field_widget[name=order_line] .o_data_row:contains('Высоковакуумная установка ВУ-1М')",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=order_line] .o_data_row:contains('Комплектующее по расчёту')",
        },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Коммерческое предложение')",
        },
    ],
});

tours.add("industrial_engineering_engineer_answers", {
    steps: () => [
        {
            content: "The engineer lands on the calculations waiting for him",
            trigger: ".o_breadcrumb:contains('Мои расчёты')",
        },
        {
            content: "Open the manager's request",
            trigger: ".o_kanban_record:contains('Тур инженера: вакуумная печь')",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Запрошен')",
        },
        {
            content: "Start the calculation",
            trigger: ".o_form_statusbar button[name=action_start]:contains('Начать')",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('В работе')",
        },
        {
            content: "The variants tab",
            trigger: ".o_notebook a.nav-link:contains('Варианты')",
            run: "click",
        },
        {
            content: "Add a variant",
            trigger: ".o_field_widget[name=variant_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit Печь с графитовой изоляцией",
        },
        {
            trigger: ".modal .o_field_widget[name=price] input",
            run: "edit 3900000",
        },
        {
            trigger: ".modal .o_field_widget[name=lead_time_days] input",
            run: "edit 120",
        },
        {
            content: "A component made for this variant",
            trigger: ".modal .o_field_widget[name=line_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=line_ids] .o_data_row .o_field_widget[name=name] input",
            run: "edit Камера печи с графитовой изоляцией",
        },
        {
            trigger: ".modal .o_field_widget[name=line_ids] .o_data_row .o_field_widget[name=unit_cost] input",
            run: "edit 2700000",
        },
        {
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The variant is listed with its cost",
            trigger: ".o_field_widget[name=variant_ids] .o_data_row:contains('Печь с графитовой изоляцией'):contains('2 700 000')",
        },
        {
            content: "Finish the calculation",
            trigger: ".o_form_statusbar button[name=action_done]:contains('Готово')",
            run: "click",
        },
        {
            content: "Done: the manager is told",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Готово')",
        },
    ],
});

tours.add("industrial_engineering_head_report", {
    steps: () => [
        {
            content: "The head lands on his direction's pipeline",
            trigger: ".o_kanban_renderer .o_kanban_group",
        },
        {
            content: "Reporting: the engineers' calculations",
            trigger: ".o_main_navbar button:contains('Отчеты')",
            run: "click",
        },
        {
            trigger: ".dropdown-item:contains('Расчёты по инженерам')",
            run: "click",
        },
        {
            content: "Open, overdue, done and average days per engineer",
            trigger: ".o_pivot thead:contains('Открытые'):contains('Просроченные'):contains('Готово'):contains('Среднее число дней до выполнения')",
        },
        {
            content: "His direction's engineer has a row",
            trigger: ".o_pivot tbody th:contains('Павел Кузьмин')",
        },
    ],
});

tours.add("industrial_engineering_commissioning_job", {
    steps: () => [
        {
            content: "The engineer lands on his calculations",
            trigger: ".o_breadcrumb:contains('Мои расчёты')",
        },
        {
            content: "His commissioning jobs",
            trigger: ".o_main_navbar a:contains('Работы по пусконаладке'), .o_main_navbar button:contains('Работы по пусконаладке')",
            run: "click",
        },
        {
            content: "Open the job of the deal",
            trigger: ".o_kanban_record:contains('Пусконаладка: Тур наладки')",
            run: "click",
        },
        {
            content: "The site is the customer's delivery address",
            trigger: ".o_field_widget[name=industrial_site_address]:contains('Балашиха')",
        },
        {
            content: "The checklist",
            trigger: ".o_notebook a.nav-link:contains('Чек-лист')",
            run: "click",
        },
        {
            content: "Tick the last step: the staff is trained",
            trigger: ".o_field_widget[name=industrial_check_ids] .o_data_row:contains('Персонал заказчика обучен') .o_field_boolean_toggle input",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=industrial_check_ids] .o_data_row:contains('Персонал заказчика обучен') .o_field_boolean_toggle input:checked",
        },
        {
            content: "Leave the checklist row",
            trigger: ".o_field_widget[name=industrial_check_progress]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=industrial_check_ids]:not(:has(.o_selected_row))",
        },
        {
            content: "Attach the report",
            trigger: ".o_notebook a.nav-link:contains('Отчёт')",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=industrial_report_ids] .o_attach",
            async run() {
                const input = document.querySelector(".o_field_widget[name=industrial_report_ids] input.o_input_file");
                const transfer = new DataTransfer();
                transfer.items.add(
                    new File(["%PDF-1.4 отчёт"], "Отчёт о пусконаладке.pdf", { type: "application/pdf" })
                );
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            trigger: ".o_field_widget[name=industrial_report_ids] .o_attachment:not(.o_attachment_uploading):contains('Отчёт о пусконаладке.pdf')",
        },
        {
            content: "Log the time on site, last: the row is saved with the job",
            trigger: ".o_notebook a.nav-link:contains('Расписания')",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=timesheet_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=timesheet_ids] .o_data_row .o_field_widget[name=name] input",
            run: "edit Пробный пуск и обучение персонала",
        },
        {
            trigger: ".o_field_widget[name=timesheet_ids] .o_data_row .o_field_widget[name=unit_amount] input",
            run: "edit 06:30",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
    ],
});
