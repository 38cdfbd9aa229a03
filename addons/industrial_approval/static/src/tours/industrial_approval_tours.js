import { registry } from "@web/core/registry";

/* Discount approval in Russian: the head approves, the manager sees it on his deal. */

registry.category("web_tour.tours").add("industrial_approval_head_approves", {
    steps: () => [
        {
            content: "The head opens the approvals of CRM",
            trigger: ".o_main_navbar button:contains('Согласования')",
            run: "click",
        },
        {
            trigger: ".dropdown-item:contains('Коммерческие предложения на согласование')",
            run: "click",
        },
        {
            content: "The quotation of his manager waits for him",
            trigger: ".o_data_row:has(.o_data_cell:contains('Тур Согласования')) .o_data_cell:contains('Ожидает согласования')",
        },
        {
            trigger: ".o_data_cell:contains('Тур Согласования')",
            run: "click",
        },
        {
            content: "Who must approve: the head of the direction",
            trigger: ".o_field_widget[name=discount_approval_level]:contains('Руководитель направления')",
        },
        {
            content: "He approves",
            trigger: ".alert-warning:contains('Ожидает согласования') button[name=validate_tier]:contains('Согласовать')",
            run: "click",
        },
        {
            content: "with a comment",
            trigger: ".modal .o_field_widget[name=comment] input",
            run: "edit Согласовано: крупный заказ",
        },
        {
            trigger: ".modal:contains('Согласовать') button[name=add_comment]:contains('Подтвердить')",
            run: "click",
        },
        {
            content: "The quotation is approved",
            trigger: ".o_form_view:not(:has(.modal)) .o_field_widget[name=discount_approval_state]:contains('Согласовано')",
        },
        {
            content: "and says so in Russian",
            trigger: ".alert-success:contains('Согласовано.')",
        },
    ],
});

registry.category("web_tour.tours").add("industrial_approval_manager_sees_approval", {
    steps: () => [
        {
            content: "The manager lands on his deals and opens the one with the discount",
            trigger: ".o_kanban_record:contains('Тур: сделка со скидкой')",
            run: "click",
        },
        {
            content: "The deal shows the discount approved",
            trigger: ".o_form_view div[name=discount_approval] .o_field_widget[name=discount_approval_state]:contains('Согласовано')",
        },
        {
            content: "and so does its quotation",
            trigger: "button[name=action_view_sale_quotation]",
            run: "click",
        },
        {
            content: "its only quotation opens, approved",
            trigger: ".o_form_view:has(.o_field_widget[name=order_line]) .o_field_widget[name=discount_approval_state]:contains('Согласовано')",
        },
    ],
});
