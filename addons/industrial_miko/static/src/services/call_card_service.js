import { markup } from "@odoo/owl";
import { rpc } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";
import { escape } from "@web/core/utils/strings";

/**
 * The caller card: when the exchange rings an employee's extension, the server sends
 * `industrial_miko/ringing` with the call id on his bus channel; the card itself is
 * read with his own rights, then shown as a sticky notification with one button to
 * the deal (or the new lead of an unknown number).
 */
export const callCardService = {
    dependencies: ["bus_service", "notification", "action"],

    start(env, { bus_service, notification, action }) {
        async function show({ call_id }) {
            const card = await rpc(`/industrial_miko/call/${call_id}/card`, {});
            if (!card.call_id) {
                return;
            }
            const lines = [card.contact, ...card.lines].map((line) => escape(line));
            const buttons = [];
            let close = () => {};
            if (card.button && card.lead_id) {
                buttons.push({
                    name: card.button,
                    primary: true,
                    onClick: () => {
                        close();
                        action.doAction({
                            type: "ir.actions.act_window",
                            res_model: "crm.lead",
                            res_id: card.lead_id,
                            views: [[false, "form"]],
                            target: "current",
                        });
                    },
                });
            }
            close = notification.add(markup(lines.join("<br/>")), {
                title: card.title,
                type: "info",
                sticky: true,
                className: "o_industrial_miko_call_card",
                buttons,
            });
        }
        bus_service.subscribe("industrial_miko/ringing", show);
        return { show };
    },
};

registry.category("services").add("industrial_miko_call_card", callCardService);
