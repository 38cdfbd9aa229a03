import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("industrial_crm_head_home_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "A head lands on his direction's pipeline",
            trigger: ".o_breadcrumb:contains('Direction Pipeline')",
        },
        {
            content: "filtered on his directions",
            trigger: ".o_searchview_facet:contains('My Directions')",
        },
        {
            content: "with his direction's deal on its kanban",
            trigger: ".o_kanban_view .o_kanban_record:contains('Home tour: vacuum oven')",
        },
    ],
});
