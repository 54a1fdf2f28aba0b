import { assign, setup } from 'xstate';
import { LOCALES, type FlowContextBase, type FlowEvent, type FlowInput, type Locale, type StateMeta } from './contract';

/** Output of the start flow: whether the client consented. */
export interface StartOutput {
  consent: boolean;
}

type StartContext = FlowContextBase & { history: string[]; consent: boolean };

const languageMeta: StateMeta = {
  prompt: {
    key: 'common:start.languageQuestion',
    kind: 'choice',
    options: LOCALES.map((id) => ({ id, labelKey: `common:language.${id}` })),
  },
};

const consentMeta: StateMeta = {
  prompt: { key: 'common:start.consentQuestion', kind: 'yesNo', intro: ['common:start.privacyNotice'] },
};

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The language and consent steps; the triage flow builds on the same contract. */
export const startMachine = setup({
  types: {
    context: {} as StartContext,
    events: {} as FlowEvent,
    input: {} as FlowInput,
    output: {} as StartOutput,
  },
  guards: {
    answeredLocale: ({ event }) => event.type === 'ANSWER' && isLocale(event.value),
    answeredYes: ({ event }) => event.type === 'ANSWER' && event.value === true,
    answeredNo: ({ event }) => event.type === 'ANSWER' && event.value === false,
  },
}).createMachine({
  id: 'start',
  context: ({ input }) => ({ locale: input.locale, history: [], consent: false }),
  initial: 'language',
  on: {
    SET_LOCALE: { actions: assign({ locale: ({ event }) => event.locale }) },
    RESTART: { target: '.language', actions: assign({ history: [] }) },
    END: { target: '.ended' },
  },
  states: {
    language: {
      meta: languageMeta,
      on: {
        ANSWER: {
          guard: 'answeredLocale',
          target: 'consent',
          actions: assign({
            locale: ({ event, context }) => (event.type === 'ANSWER' && isLocale(event.value) ? event.value : context.locale),
            history: ({ context }) => [...context.history, 'language'],
          }),
        },
      },
    },
    consent: {
      meta: consentMeta,
      on: {
        ANSWER: [
          { guard: 'answeredYes', target: 'consented', actions: assign({ consent: true }) },
          { guard: 'answeredNo', target: 'declined' },
        ],
        BACK: { target: 'language', actions: assign({ history: [] }) },
      },
    },
    consented: { type: 'final', meta: { outcomeKey: 'common:start.consentGiven' } },
    declined: { type: 'final', meta: { outcomeKey: 'common:start.consentDeclined' } },
    ended: { type: 'final', meta: { outcomeKey: 'common:session.ended' } },
  },
  output: ({ context }) => ({ consent: context.consent }),
});

/** The start flow with its persistence version stamp. */
export const startFlow = { id: 'start', version: '1', machine: startMachine } as const;
