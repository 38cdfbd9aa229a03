/**
 * One tour per role, run in Russian from the page a user lands on after login
 * (tests/test_role_tours.py prepares the records named here). Each step checks
 * what the user reads on the screen, so an untranslated screen fails the tour.
 */
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const tours = registry.category("web_tour.tours");

function openApp(xmlid) {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: `Open the app ${xmlid}`,
            trigger: `.o_app[data-menu-xmlid='${xmlid}']`,
            run: "click",
        },
    ];
}

function openMenu(sectionXmlid, sectionLabel, itemXmlid, itemLabel) {
    return [
        {
            content: `Menu ${sectionLabel}`,
            trigger: `.o_main_navbar button[data-menu-xmlid='${sectionXmlid}']:contains('${sectionLabel}')`,
            run: "click",
        },
        {
            content: `Menu item ${itemLabel || itemXmlid}`,
            trigger: itemLabel
                ? `.o-dropdown-item[data-menu-xmlid='${itemXmlid}']:contains('${itemLabel}')`
                : `.o-dropdown-item[data-menu-xmlid='${itemXmlid}']`,
            run: "click",
        },
    ];
}

function currentStage(label) {
    return {
        content: `The deal is at ${label}`,
        // the stages in a row, or only the current one when the row does not fit
        trigger: [
            `.o_form_view .o_statusbar_status button.o_arrow_button_current:contains('${label}')`,
            `.o_form_view .o_statusbar_status button.dropdown-toggle:not(.o_arrow_button):contains('${label}')`,
        ].join(", "),
    };
}

function nextStage() {
    return {
        content: "Next stage",
        trigger: ".o_form_view .o_statusbar_buttons button[name=action_next_stage]:contains('Следующий этап')",
        run: "click",
    };
}

function refusal(...texts) {
    const has = texts.map((text) => `:contains('${text}')`).join("");
    return [
        {
            content: `The refusal reads: ${texts.join(" / ")}`,
            trigger: `.modal .modal-body${has}`,
        },
        {
            content: "Close the refusal",
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The refusal is closed",
            trigger: "body:not(:has(.modal))",
        },
    ];
}

function save() {
    return [
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_saved",
        },
    ];
}

// ------------------------------------------------------------------------
// Sales manager: takes his deal from Reservation to Service
// ------------------------------------------------------------------------
const MANAGER_DEAL = "Тур менеджера: насосный пост";

tours.add("industrial_crm_role_manager", {
    steps: () => [
        ...openApp("crm.crm_menu_root"),
        ...openMenu("crm.crm_menu_sales", "Продажи", "industrial_crm.menu_industrial_my_deals", "Мои сделки"),
        {
            content: "My Deals: the deal waits in Reservation, its goods ready",
            trigger: `.o_kanban_group:has(.o_column_title:contains('Резервирование / заказ на производство')) .o_kanban_record:contains('${MANAGER_DEAL}'):contains('Готовность'):contains('100')`,
            run: "click",
        },
        currentStage("Резервирование / заказ на производство"),
        {
            content: "The confirmed order is a document of the deal",
            trigger: ".o_form_view button[name=action_view_sale_order]:contains('Заказы')",
        },
        {
            content: "The Production tab shows how ready the goods are",
            trigger: ".o_form_view .o_notebook a.nav-link:contains('Производство')",
            run: "click",
        },
        {
            content: "Covered from stock, 100% ready, goods available",
            trigger: ".o_form_view .o_field_widget[name=industrial_readiness]:contains('100')",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=industrial_coverage]:contains('Со склада')",
        },
        nextStage(),
        currentStage("Отгрузка"),
        nextStage(),
        currentStage("Доставка и пусконаладка"),
        nextStage(),
        ...refusal("нельзя перевести на этап Сервис", "подписанный акт"),
        currentStage("Доставка и пусконаладка"),
        {
            content: "The Process tab",
            trigger: ".o_form_view .o_notebook a.nav-link:contains('Процесс')",
            run: "click",
        },
        {
            content: "Attach the signed acceptance act",
            trigger: ".o_form_view .o_field_widget[name=acceptance_act_ids] .o_attach:contains('Акт приёмки')",
            async run() {
                const input = document.querySelector(
                    ".o_form_view .o_field_widget[name=acceptance_act_ids] input.o_input_file"
                );
                const transfer = new DataTransfer();
                transfer.items.add(
                    new File(["%PDF-1.4 подписанный акт"], "Акт приёмки подписанный.pdf", {
                        type: "application/pdf",
                    })
                );
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "The act is uploaded",
            trigger: ".o_form_view .o_field_widget[name=acceptance_act_ids] .o_attachment:not(.o_attachment_uploading):contains('Акт приёмки подписанный.pdf')",
        },
        ...save(),
        {
            content: "The act is a document of the deal",
            trigger: ".o_form_view button[name=action_view_acceptance_acts]:contains('Акт приёмки'):contains('1')",
        },
        nextStage(),
        currentStage("Сервис"),
        {
            content: "Entering Service gives me the activity to offer service",
            trigger: ".o-mail-Chatter .o-mail-Activity:contains('Предложить сервис')",
        },
        nextStage(),
        ...refusal("нельзя перевести на этап Закрыта", "решение клиента", "не оплачена"),
        {
            content: "The Process tab",
            trigger: ".o_form_view .o_notebook a.nav-link:contains('Процесс')",
            run: "click",
        },
        {
            content: "The customer accepted the service offer",
            trigger: ".o_form_view .o_field_widget[name=service_decision] select",
            run: "selectByLabel Принято",
        },
        ...save(),
        {
            content: "An accepted offer gives me the service contract to sign",
            trigger: ".o-mail-Chatter .o-mail-Activity:contains('Заключить контракт на сервисное обслуживание')",
        },
        nextStage(),
        {
            content: "Only the payment is missing now, the amounts read as money",
            trigger: ".modal .modal-body:contains('не оплачена (получено'):contains(',00'):not(:contains('решение клиента'))",
        },
        {
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        currentStage("Сервис"),
        {
            content: "The deal is unpaid",
            trigger: ".o_form_view .o_field_widget[name=payment_state]:contains('Не оплачено')",
        },
    ],
});

// ------------------------------------------------------------------------
// Production: the production orders of customer orders, read only on the sales side
// ------------------------------------------------------------------------
const PRODUCTION_CUSTOMER = "АО «Тур производства»";
const PRODUCTION_DEAL = "Тур производства: вакуумная печь";
const PRODUCTION_PRODUCT = "Тур: печь вакуумная ПВТ-1";

tours.add("industrial_crm_role_production", {
    steps: () => [
        ...openApp("mrp.menu_mrp_root"),
        // the menu is new: its Russian name comes with the next translation export
        ...openMenu(
            "mrp.menu_mrp_manufacturing",
            "Операции",
            "industrial_production_link.menu_mrp_sale_production"
        ),
        {
            content: "The production of customer orders",
            trigger: ".o_breadcrumb:contains('Производство')",
        },
        {
            content: "Customer, deal, order and readiness columns",
            trigger: ".o_list_view thead:contains('Клиент'):contains('Сделка'):contains('Заказ покупателя'):contains('Готовность (%)')",
        },
        {
            content: "Open the production of the furnace",
            trigger: `.o_data_row:contains('${PRODUCTION_PRODUCT}'):contains('${PRODUCTION_CUSTOMER}'):contains('${PRODUCTION_DEAL}') td[name=name]`,
            run: "click",
        },
        {
            content: "Who it is made for",
            trigger: `.o_form_view .o_field_widget[name=industrial_partner_id]:contains('${PRODUCTION_CUSTOMER}')`,
        },
        {
            trigger: `.o_form_view .o_field_widget[name=industrial_lead_id]:contains('${PRODUCTION_DEAL}')`,
        },
        {
            content: "The customer order is shown, not editable",
            trigger: ".o_form_view .o_field_widget[name=industrial_sale_order_id]:not(:has(input))",
        },
        {
            content: "Nothing of this form is editable",
            trigger: ".o_form_view:not(:has(.o_field_widget input:not([type=checkbox]))):not(:has(.o_form_button_save))",
        },
        ...openMenu("mrp.menu_mrp_manufacturing", "Операции", "mrp.menu_mrp_production_action", "Заказы на производство"),
        {
            content: "The production order among the manufacturing orders",
            trigger: `.o_data_row:contains('${PRODUCTION_PRODUCT}') td[name=name]`,
            run: "click",
        },
        {
            content: "The Customer tab",
            trigger: ".o_form_view .o_notebook a.nav-link:contains('Клиент')",
            run: "click",
        },
        {
            content: "The customer and the order, read only",
            trigger: `.o_form_view .o_field_widget[name=industrial_partner_id]:contains('${PRODUCTION_CUSTOMER}'):not(:has(input))`,
        },
        {
            trigger: ".o_form_view .o_field_widget[name=industrial_sale_order_id]:not(:has(input))",
        },
        {
            content: "Produce it",
            trigger: ".o_form_view .o_statusbar_buttons button[name=button_mark_done]:contains('Производить все')",
            run: "click",
        },
        {
            content: "Done, 100% ready",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Готово')",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=industrial_readiness]:contains('100')",
        },
    ],
});

// ------------------------------------------------------------------------
// Director: every direction's deals
// ------------------------------------------------------------------------
const DIRECTOR_DEALS = {
    "Высокий вакуум": "Тур директора: высоковакуумная установка",
    "Насосное оборудование": "Тур директора: насосная станция",
    "Термическое оборудование": "Тур директора: вакуумная печь",
};

tours.add("industrial_crm_role_director", {
    steps: () => [
        ...openApp("crm.crm_menu_root"),
        ...openMenu("crm.crm_menu_sales", "Продажи", "crm.menu_crm_opportunities", "Моя воронка"),
        {
            content: "Drop the 'my pipeline' filter: I look at every deal",
            trigger: ".o_searchview_facet:contains('Моя воронка') .o_facet_remove",
            run: "click",
        },
        {
            trigger: ".o_searchview:not(:has(.o_searchview_facet))",
        },
        {
            content: "Open the search options",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "Group by direction",
            trigger: ".o_group_by_menu .o-dropdown-item:contains('Направление')",
            run: "click",
        },
        {
            trigger: ".o_searchview_facet:contains('Направление')",
        },
        {
            content: "Close the search options",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        ...Object.entries(DIRECTOR_DEALS).map(([direction, deal]) => ({
            content: `${direction}: its deal`,
            trigger: `.o_kanban_group:has(.o_column_title:contains('${direction}')) .o_kanban_record:contains('${deal}')`,
        })),
        {
            content: "Open the pump deal",
            trigger: `.o_kanban_record:contains('${DIRECTOR_DEALS["Насосное оборудование"]}')`,
            run: "click",
        },
        {
            content: "Its direction and its manager's amount",
            trigger: ".o_form_view .o_field_widget[name=direction_id] input:value('Насосное оборудование')",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=expected_revenue]",
        },
        {
            content: "Back to the pipeline",
            trigger: ".o_breadcrumb .o_back_button a, .o_breadcrumb li.breadcrumb-item a",
            run: "click",
        },
        {
            trigger: `.o_kanban_group:has(.o_column_title:contains('Термическое оборудование'))`,
        },
        ...openMenu(
            "crm.crm_menu_report",
            "Отчеты",
            "industrial_crm.menu_industrial_control",
            "Просроченные активности по менеджерам"
        ),
        {
            content: "Overdue activities, filtered",
            trigger: ".o_searchview_facet:contains('Просроченные активности')",
        },
        ...Object.keys(DIRECTOR_DEALS).map((direction) => ({
            content: `Overdue activities of ${direction}`,
            trigger: `.o_pivot tbody th:contains('${direction}')`,
        })),
    ],
});

// ------------------------------------------------------------------------
// Administrator: the MikoPBX, 1C and Mailchimp connections
// ------------------------------------------------------------------------
const PBX_NAME = "Тур: АТС главного офиса";
const ONEC_NAME = "Тур: 1С:УТ 11";

tours.add("industrial_crm_role_admin", {
    steps: () => [
        ...openApp("crm.crm_menu_root"),
        ...openMenu("crm.crm_menu_config", "Конфигурация", "industrial_miko.menu_industrial_pbx_connection", "АТС MikoPBX"),
        {
            content: "Open the exchange",
            trigger: `.o_data_row td[name=name]:contains('${PBX_NAME}')`,
            run: "click",
        },
        {
            content: "Secrets are shown as passwords",
            trigger: ".o_form_view .o_field_widget[name=api_key] input[type=password]",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=ami_secret] input[type=password]",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=webhook_secret] input[type=password]",
        },
        {
            content: "The AMI group, in Russian",
            trigger: ".o_form_view .o_horizontal_separator:contains('AMI')",
        },
        {
            content: "Set the AMI host",
            trigger: ".o_form_view .o_field_widget[name=ami_host] input",
            run: "edit pbx-tour.example.ru",
        },
        ...save(),
        {
            content: "The saved host",
            trigger: ".o_form_view .o_field_widget[name=ami_host] input:value(pbx-tour.example.ru)",
        },
        ...openMenu("crm.crm_menu_config", "Конфигурация", "industrial_1c_sync.menu_industrial_1c_connection", "Подключения к 1С"),
        {
            content: "Open the 1C connection",
            trigger: `.o_data_row td[name=name]:contains('${ONEC_NAME}')`,
            run: "click",
        },
        {
            content: "The 1C password is shown as a password",
            trigger: ".o_form_view .o_field_widget[name=password] input[type=password]",
        },
        {
            content: "Set the 1C user",
            trigger: ".o_form_view .o_field_widget[name=user] input",
            run: "edit odata_tour",
        },
        ...save(),
        {
            content: "The saved user",
            trigger: ".o_form_view .o_field_widget[name=user] input:value(odata_tour)",
        },
        ...openMenu("crm.crm_menu_config", "Конфигурация", "crm.crm_config_settings_menu"),
        {
            content: "The Mailchimp settings, in Russian",
            trigger: ".o-settings-form-view .o_setting_box:contains('Аккаунт Mailchimp'):contains('API-ключ аккаунта')",
        },
        {
            trigger: ".o-settings-form-view .o_setting_box:contains('Размер пакета')",
        },
        {
            content: "The API key is shown as a password",
            trigger: ".o-settings-form-view .o_field_widget[name=industrial_mailchimp_api_key] input[type=password]",
        },
        {
            content: "Set the API address",
            trigger: ".o-settings-form-view .o_field_widget[name=industrial_mailchimp_base_url] input",
            run: "edit https://us21.api.mailchimp.com",
        },
        {
            content: "Set the batch size",
            trigger: ".o-settings-form-view .o_field_widget[name=industrial_mailchimp_batch_size] input",
            run: "edit 250",
        },
        {
            content: "Save the settings: the page reloads",
            trigger: ".o-settings-form-view .o_form_button_save",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The settings read back after the reload",
            trigger: ".o-settings-form-view:not(:has(.o_dirty_warning)) .o_field_widget[name=industrial_mailchimp_base_url] input:value('https://us21.api.mailchimp.com')",
        },
        {
            trigger: ".o-settings-form-view .o_field_widget[name=industrial_mailchimp_batch_size] input:value(250)",
        },
    ],
});
