import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";
import { user } from "@web/core/user";

/*
 * The manager's phone rings: his caller card shows the customer's deal, its stage and
 * manager, and one click opens the deal. The test sends the exchange's events over
 * HTTP and checks that the ringing notification is queued on his bus channel; Odoo's
 * test mode serves no websocket, so the tour hands the card service that notification
 * ({call_id}) itself.
 */
registry.category("web_tour.tours").add("industrial_miko_call_card", {
    steps: () => [
        {
            content: "The manager is at work in the web client",
            trigger: ".o_main_navbar",
        },
        {
            content: "His phone rings: the bus notification of the ringing call arrives",
            trigger: ".o_main_navbar",
            run: async () => {
                const [call] = await rpc("/web/dataset/call_kw/industrial.call/search_read", {
                    model: "industrial.call",
                    method: "search_read",
                    args: [[["user_id", "=", user.userId], ["disposition", "=", "ringing"]]],
                    kwargs: { fields: ["id"], limit: 1, order: "id desc" },
                });
                const services = odoo.__WOWL_DEBUG__.root.env.services;
                await services.industrial_miko_call_card.show({ call_id: call.id });
            },
        },
        {
            content: "The card names the caller and his company",
            trigger: ".o_industrial_miko_call_card .o_notification_content:contains('Тур звонка: Криогенмаш')",
        },
        {
            content: "It shows the open deal with its stage and manager",
            trigger: ".o_industrial_miko_call_card .o_notification_content:contains('Тур звонка: вакуумная печь'):contains('Переговоры'):contains('Алексей Иванов')",
        },
        {
            content: "And the last request",
            trigger: ".o_industrial_miko_call_card .o_notification_content:contains('Тур звонка: запрос на печь')",
        },
        {
            content: "One click opens the deal",
            trigger: ".o_industrial_miko_call_card .o_notification_buttons button.btn-primary",
            run: "click",
        },
        {
            content: "The deal is open",
            trigger: ".o_form_view .o_breadcrumb:contains('Тур звонка: вакуумная печь')",
        },
        {
            content: "The card is gone",
            trigger: "body:not(:has(.o_industrial_miko_call_card))",
        },
    ],
});
