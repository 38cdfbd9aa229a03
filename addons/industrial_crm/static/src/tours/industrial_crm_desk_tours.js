import { registry } from "@web/core/registry";

/* The dispatcher's and the head's working day, in Russian, from the screen each lands on after login. */

registry.category("web_tour.tours").add("industrial_crm_dispatcher_day", {
    steps: () => [
        {
            content: "The dispatcher lands on the requests waiting for a direction",
            trigger: ".o_breadcrumb:contains('Нераспределённые обращения')",
        },
        {
            content: "Open the request of the new caller",
            trigger: ".o_data_cell:contains('Тур: диффузионный насос')",
            run: "click",
        },
        {
            content: "The request waits unsorted",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Не распределено')",
        },
        {
            content: "Send it to a direction",
            trigger: "button[name=action_open_route_wizard]:contains('Передать в направление')",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=direction_id] input",
            run: "edit Насосное",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('Насосное оборудование')",
            run: "click",
        },
        {
            trigger: ".modal button[name=action_route]:contains('Отправить')",
            run: "click",
        },
        {
            content: "The request now waits for the head to assign a manager",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Ожидает менеджера')",
        },
        {
            content: "Back to the unsorted requests",
            trigger: ".o_breadcrumb a:contains('Нераспределённые обращения')",
            run: "click",
        },
        {
            content: "An email from a known company's domain",
            trigger: ".o_data_cell:contains('Тур: запрос с завода')",
            run: "click",
        },
        {
            content: "The company is only suggested, not attached",
            trigger: ".o_field_widget[name=suggested_company_id]:contains('Тур Завод')",
        },
        {
            content: "The dispatcher knows the caller works there: attach him",
            trigger: "button[name=action_attach_suggested_company]:contains('Привязать контакт')",
            run: "click",
        },
        {
            content: "The contact now belongs to the company",
            trigger: ".o_form_view:not(:has(.o_field_widget[name=suggested_company_id]:contains('Тур Завод'))) .o-mail-Message:contains('к компании Тур Завод')",
        },
    ],
});

registry.category("web_tour.tours").add("industrial_crm_head_day", {
    steps: () => [
        {
            content: "The head lands on his direction's pipeline",
            trigger: ".o_kanban_renderer .o_kanban_group",
        },
        {
            content: "New leads of his direction wait under Leads",
            trigger: ".o_main_navbar a:contains('Лиды'), .o_main_navbar button:contains('Лиды')",
            run: "click",
        },
        {
            content: "Open the lead waiting for a manager",
            trigger: ".o_data_cell:contains('Тур: вакуумный затвор')",
            run: "click",
        },
        {
            content: "He is asked to assign a manager",
            trigger: ".o-mail-Activity:contains('Назначить менеджера')",
        },
        {
            content: "Assign the manager",
            trigger: ".o_field_widget[name=user_id] input",
            run: "edit Сидоров",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('Сидоров Тур')",
            run: "click",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved without any error, the lead stays in the pumps direction",
            trigger: ".o_form_saved .o_field_widget[name=direction_id] input:value('Насосное оборудование')",
        },
        {
            content: "The assignment task is done",
            trigger: ".o_form_view .o-mail-Chatter:not(:has(.o-mail-Activity:contains('Назначить менеджера')))",
        },
        {
            content: "Reporting: how his managers keep their deadlines",
            trigger: ".o_main_navbar button:contains('Отчеты')",
            run: "click",
        },
        {
            trigger: ".dropdown-item:contains('Исполнительская дисциплина')",
            run: "click",
        },
        {
            content: "The pivot of tasks per manager: his own assignment done on time",
            trigger: ".o_pivot th:contains('Выполнена в срок')",
        },
        {
            trigger: ".o_main_navbar button:contains('Отчеты')",
            run: "click",
        },
        {
            trigger: ".dropdown-item:contains('Просроченные активности по менеджерам')",
            run: "click",
        },
        {
            content: "Deals with overdue activities, per manager",
            trigger: ".o_breadcrumb:contains('Просроченные активности по менеджерам')",
        },
        {
            trigger: ".o_main_navbar button:contains('Отчеты')",
            run: "click",
        },
        {
            trigger: ".dropdown-item:contains('Конверсия воронки')",
            run: "click",
        },
        {
            content: "The funnel of the stages",
            trigger: ".o_graph_renderer, .o_pivot",
        },
        {
            content: "Satisfaction calls on closed deals",
            trigger: ".o_main_navbar button:contains('Продажи')",
            run: "click",
        },
        {
            trigger: ".dropdown-item:contains('Запланировать звонки удовлетворённости')",
            run: "click",
        },
        {
            content: "A random sample of his closed deals: one call",
            trigger: ".modal .o_field_widget[name=sample_size] input",
            run: "edit 1",
        },
        {
            trigger: ".modal button[name=action_plan]:contains('Запланировать')",
            run: "click",
        },
        {
            content: "He is told what was planned",
            trigger: ".o_notification:contains('Запланировано звонков удовлетворённости')",
        },
    ],
});
