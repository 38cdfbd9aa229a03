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
            content: "Open the Service stage",
            trigger: ".o_data_row td[name=name]:contains('Сервис')",
            run: "click",
        },
        {
            content: "Reaching it offers the service contract",
            trigger: ".o_form_view label:contains('Предложение сервисного договора')",
        },
        {
            trigger: ".o_form_view div[name=industrial_offers_service] input:checked",
        },
        {
            trigger: ".o_form_view div[name=industrial_ends_prepayment] input:not(:checked)",
        },
        {
            content: "Back to the stages: Shipment ends the prepayment",
            trigger: ".o_breadcrumb a:contains('Этапы')",
            run: "click",
        },
        {
            trigger: ".o_data_row td[name=name]:contains('Отгрузка')",
            run: "click",
        },
        {
            trigger: ".o_form_view label:contains('Конец предоплаты')",
        },
        {
            trigger: ".o_form_view div[name=industrial_ends_prepayment] input:checked",
        },
    ],
});
