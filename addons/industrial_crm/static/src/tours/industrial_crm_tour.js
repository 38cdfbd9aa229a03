import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("industrial_crm_dispatcher_tour", {
    url: "/odoo/action-industrial_crm.industrial_request_action_unsorted",
    steps: () => [
        {
            content: "Open the waiting request",
            trigger: ".o_data_cell:contains('Tour: vacuum pump')",
            run: "click",
        },
        {
            content: "Send it to a direction",
            trigger: "button[name=action_open_route_wizard]",
            run: "click",
        },
        {
            content: "Choose the direction",
            trigger: ".modal .o_field_widget[name=direction_id] input",
            run: "edit Tour Vacuum",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('Tour Vacuum')",
            run: "click",
        },
        {
            content: "Send",
            trigger: ".modal button[name=action_route]",
            run: "click",
        },
        {
            content: "The request now waits for a manager",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Awaiting manager')",
        },
    ],
});

registry.category("web_tour.tours").add("industrial_crm_manager_tour", {
    url: "/odoo/action-crm.crm_lead_all_leads",
    steps: () => [
        {
            content: "Open the lead assigned to me",
            trigger: ".o_data_cell:contains('Tour: vacuum pump')",
            run: "click",
        },
        {
            content: "Equipment of interest",
            trigger: ".o_field_widget[name=equipment_type_ids] input",
            run: "edit Tour pump",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('Tour pump')",
            run: "click",
        },
        {
            content: "Expected amount",
            trigger: ".o_field_widget[name=expected_revenue] input",
            run: "edit 900000",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Qualified: convert to a deal",
            trigger: ".o_form_saved .o_statusbar_buttons button:contains('Convert to Opportunity')",
            run: "click",
        },
        {
            trigger: ".modal button[name=action_apply]",
            run: "click",
        },
        {
            content: "The deal starts with equipment selection",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Equipment selection')",
        },
    ],
});
