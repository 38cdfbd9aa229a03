import { registry } from "@web/core/registry";

/* The administrator, in Russian, reads the stage rules of the process and what a stage sets off:
   Certification is skipped by a deal condition, the service offer goes with its stage's flag. */

registry.category("web_tour.tours").add("industrial_crm_admin_stage_rules", {
    steps: () => [
        {
            content: "The administrator opens the CRM configuration",
            trigger: ".o_main_navbar button.dropdown-toggle:contains('Конфигурация')",
            run: "click",
        },
        {
            trigger: ".dropdown-menu .dropdown-item:contains('Требования этапов')",
            run: "click",
        },
        {
            content: "The rule that skips Certification, marked so",
            trigger: ".o_data_row:contains('Аттестация — этап только для оборудования') td[name=skip_stage] input:checked",
        },
        {
            content: "Its deal condition is shown",
            trigger: ".o_optional_columns_dropdown_toggle",
            run: "click",
        },
        {
            trigger: ".o-dropdown--menu .dropdown-item:contains('Условие для сделки') input",
            run: "click",
        },
        {
            trigger: ".o_data_row:contains('Аттестация — этап только для оборудования') td[name=domain]:contains('needs_certification')",
        },
        {
            content: "The rule of closing in Russian",
            trigger: ".o_data_row:contains('Закрытие требует полной оплаты') td[name=active] input:checked",
        },
        {
            content: "Now the stages",
            trigger: ".o_main_navbar button.dropdown-toggle:contains('Конфигурация')",
            run: "click",
        },
        {
            trigger: ".dropdown-menu .dropdown-item:contains('Этапы')",
            run: "click",
        },
        {
            content: "The stages of the process, in order",
            trigger: ".o_list_view .o_data_row:contains('Отгрузка')",
        },
        {
            content: "The stages' flags, shown as columns",
            trigger: ".o_list_view:has(.o_data_row:contains('Отгрузка')) .o_optional_columns_dropdown_toggle",
            run: "click",
        },
        {
            trigger: ".o-dropdown--menu .dropdown-item:contains('Предложение сервисного договора') input",
            run: "click",
        },
        {
            trigger: ".o-dropdown--menu .dropdown-item:contains('Конец предоплаты') input",
            run: "click",
        },
        {
            content: "Reaching Service offers the service contract",
            trigger: ".o_data_row:contains('Сервис') td[name=industrial_offers_service] input:checked",
        },
        {
            trigger: ".o_data_row:contains('Сервис') td[name=industrial_ends_prepayment] input:not(:checked)",
        },
        {
            content: "Shipment ends the prepayment",
            trigger: ".o_data_row:contains('Отгрузка') td[name=industrial_ends_prepayment] input:checked",
        },
        {
            trigger: ".o_data_row:contains('Отгрузка') td[name=industrial_offers_service] input:not(:checked)",
        },
    ],
});
