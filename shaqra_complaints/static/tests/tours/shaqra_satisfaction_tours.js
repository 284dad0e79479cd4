/** @odoo-module **/
// Satisfaction campaigns and visits in a real browser (policy G1-G4).

import { registry } from "@web/core/registry";
import { openAppSteps } from "@shaqra_beneficiary/../tests/tours/shaqra_tour_utils";

const COMPLAINTS_MENU = "shaqra_complaints.shaqra_complaint_menu_main";

function checkNoSidewaysScroll() {
    // On a phone the questionnaire must fit the screen's width.
    const overflow = document.documentElement.scrollWidth - window.innerWidth;
    if (overflow > 1) {
        throw new Error(`The page is ${overflow}px wider than the screen`);
    }
}

function openSatisfactionMenuSteps(menuXmlid, content) {
    return [
        ...openAppSteps(COMPLAINTS_MENU, "Open the Complaints app"),
        {
            content: "Open the Satisfaction menu",
            trigger: ".o_menu_sections [data-menu-xmlid='shaqra_complaints.shaqra_satisfaction_menu_main']",
            run: "click",
        },
        {
            content,
            trigger: `.dropdown-item[data-menu-xmlid='${menuXmlid}']`,
            run: "click",
        },
    ];
}

/** Odoo's survey page: start, choose the first answer of each choice question,
 * write the free text, submit. */
function answerSurveySteps(choices, text, checkLayout = () => {}) {
    const steps = [
        {
            content: "Start the questionnaire",
            trigger: "button[value='start']:not(.disabled)",
            run(helpers) {
                checkLayout();
                return helpers.click();
            },
        },
    ];
    for (let index = 0; index < choices; index++) {
        steps.push({
            content: `Answer question ${index + 1}`,
            trigger: `div.js_question-wrapper:eq(${index}) label:first`,
            run: "click",
        });
    }
    steps.push(
        {
            content: "Write the free text",
            trigger: "div.js_question-wrapper textarea",
            run(helpers) {
                checkLayout();
                return helpers.edit(text);
            },
        },
        {
            content: "Submit the questionnaire",
            trigger: "button[value='finish']",
            run: "click",
        },
        {
            content: "The answer is recorded",
            trigger: ".o_survey_finished",
        }
    );
    return steps;
}

// (a) G1: management creates and sends a campaign ...
registry.category("web_tour.tours").add("shaqra_satisfaction_campaign_tour", {
    url: "/odoo",
    steps: () => [
        ...openSatisfactionMenuSteps(
            "shaqra_complaints.shaqra_satisfaction_campaign_menu",
            "Open the satisfaction campaigns"
        ),
        {
            content: "Create a campaign",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Name it",
            trigger: ".o_field_widget[name='name'] input",
            run: "edit TOUR-CAMPAIGN",
        },
        {
            content: "From",
            trigger: ".o_field_widget[name='date_from'] input",
            run: "edit 03/01/2026 && press Enter",
        },
        {
            content: "To",
            trigger: ".o_field_widget[name='date_to'] input",
            run: "edit 03/31/2026 && press Enter",
        },
        {
            content: "All the beneficiaries ...",
            trigger: ".o_field_widget[name='audience'] select",
            run: 'select "all"',
        },
        {
            content: "... of one category",
            trigger: ".o_field_widget[name='category_ids'] input",
            run: "edit Tour Families",
        },
        {
            content: "Choose the category",
            trigger: ".o-autocomplete--dropdown-item:contains('Tour Families')",
            run: "click",
        },
        {
            content: "Send the invitations",
            trigger: "button[name='action_send']",
            run: "click",
        },
        {
            content: "The campaign is sent",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Sent')",
        },
        {
            content: "Each beneficiary of the category is invited once",
            trigger: ".o_field_widget[name='user_input_ids'] .o_data_row:eq(1)",
        },
    ],
});

// ... the beneficiary answers it from the portal's home ...
registry.category("web_tour.tours").add("shaqra_satisfaction_portal_tour", {
    url: "/my",
    steps: () => [
        {
            content: "The invitation is on the portal's home",
            trigger: ".o_shaqra_portal_surveys:contains('TOUR-CAMPAIGN')",
        },
        {
            content: "Answer it",
            trigger: ".o_shaqra_portal_surveys a.o_shaqra_answer_survey",
            run: "click",
        },
        ...answerSurveySteps(6, "TOUR-COMMENT: thank you"),
    ],
});

// ... and the results show the response.
registry.category("web_tour.tours").add("shaqra_satisfaction_results_tour", {
    steps: () => [
        {
            content: "One response",
            trigger: ".o_field_widget[name='responded_count']:contains('1')",
        },
        {
            content: "Half of the invited answered",
            trigger: ".o_field_widget[name='response_rate']:contains('50')",
        },
        {
            content: "The answer is completed in the invitations",
            trigger: ".o_field_widget[name='user_input_ids'] .o_data_row:contains('Completed')",
        },
    ],
});

// (b) G2: a field survey planned, its questionnaire filled in, done, reported.
registry.category("web_tour.tours").add("shaqra_visit_tour", {
    url: "/odoo",
    steps: () => [
        ...openSatisfactionMenuSteps("shaqra_complaints.shaqra_visit_menu", "Open the visits"),
        {
            content: "Plan a visit",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "A field survey",
            trigger: ".o_field_widget[name='visit_type'] select",
            run: 'select "field_survey"',
        },
        {
            content: "Of the beneficiary",
            trigger: ".o_field_widget[name='beneficiary_id'] input",
            run: "edit Beneficiary One",
        },
        {
            content: "Choose the beneficiary",
            trigger: ".o-autocomplete--dropdown-item:contains('Beneficiary One')",
            run: "click",
        },
        {
            content: "Planned for",
            trigger: ".o_field_widget[name='date_planned'] input",
            run: "edit 03/10/2026 10:00:00 && press Enter",
        },
        {
            content: "Open the questionnaire (the visit is saved first)",
            trigger: "button[name='action_fill_questionnaire']",
            run: "click",
        },
        ...answerSurveySteps(3, "TOUR-VISIT-NOTE: the roof leaks"),
        {
            content: "Back to the visits",
            trigger: ".o_survey_finished",
            run: "goToUrl /odoo/action-shaqra_complaints.shaqra_visit_action",
        },
        {
            content: "Open the visit",
            trigger: ".o_data_row:contains('Beneficiary One') .o_data_cell:first",
            run: "click",
        },
        {
            content: "The questionnaire is completed",
            trigger: ".o_field_widget[name='survey_state']:contains('Completed')",
        },
        {
            content: "Score the visit",
            trigger: ".o_field_widget[name='score'] input",
            run: "edit 70",
        },
        {
            content: "Mark it as done",
            trigger: "button[name='action_done']",
            run: "click",
        },
        {
            content: "Done, by whom",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Done')",
        },
        {
            content: "Who closed it is recorded",
            trigger: ".o_field_widget[name='done_by_id']:not(:empty)",
        },
        {
            content: "Print the report",
            trigger: "button[name='action_print_report']",
            run: "click",
        },
        {
            content: "The report has the questionnaire's answers",
            trigger: ".o_form_view .o_field_widget[name='done_by_id']",
            async run() {
                const visitId = window.location.pathname.split("/").pop();
                const response = await fetch(
                    `/report/html/shaqra_complaints.report_shaqra_visit/${visitId}`
                );
                const html = await response.text();
                if (!response.ok || !html.includes("TOUR-VISIT-NOTE")) {
                    throw new Error("The visit report does not show the questionnaire's answers");
                }
            },
        },
    ],
});

// The visit's questionnaire on a phone, in the field.
registry.category("web_tour.tours").add("shaqra_visit_questionnaire_phone_tour", {
    steps: () => answerSurveySteps(2, "TOUR-PHONE-NOTE: family of five", checkNoSidewaysScroll),
});
