// Ready replies: the repo's set validates against the catalog and every language, and each
// kind of broken entry stops the start with the reply's name.
import { createI18n } from '../../i18n/i18n';
import { READY_REPLIES, READY_REPLY_MAX_LENGTH, ReadyReplyError, validateReadyReplies, type ReplyTexts } from '../../handoff/readyReplies';
import { DEFAULT_CATALOG } from '../../routing';
import { LOCALES } from '../../flows/contract';

const i18n = createI18n();
const realTexts: ReplyTexts = (lng) => i18n.getResourceBundle(lng, 'replies') as Record<string, unknown>;
const queueIds = DEFAULT_CATALOG.queues.map((q) => q.id);

/** The real texts with one changed (deep copy). */
function textsWith(lng: string, group: string, id: string, field: 'title' | 'text', value: string | undefined): ReplyTexts {
  return (l) => {
    const copy = JSON.parse(JSON.stringify(realTexts(l))) as Record<string, Record<string, Record<string, string | undefined>>>;
    if (l === lng) {
      if (value === undefined) delete copy[group]![id]![field];
      else copy[group]![id]![field] = value;
    }
    return copy;
  };
}

function problem(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ReadyReplyError);
    return (error as Error).message;
  }
  throw new Error('no error');
}

describe('ready replies', () => {
  const replies = validateReadyReplies(READY_REPLIES, queueIds, realTexts, READY_REPLY_MAX_LENGTH);

  it('gives every queue the common replies first, then its own, in every language', () => {
    expect([...replies.keys()].sort()).toEqual([...queueIds].sort());
    const clinic = replies.get('digital_clinic')!;
    expect(clinic.map((r) => r.id)).toEqual([...READY_REPLIES.common.map((id) => `common.${id}`), 'digital_clinic.photo', 'digital_clinic.appointment']);
    for (const reply of [...replies.values()].flat()) {
      for (const lng of LOCALES) {
        expect(reply.text[lng].trim()).not.toBe('');
        expect(reply.title[lng].trim()).not.toBe('');
      }
    }
    expect(clinic[0]!.text.sv).toBe(i18n.getFixedT('sv')('replies:common.greeting.text'));
  });

  it('refuses a queue the catalog does not have', () => {
    expect(problem(() => validateReadyReplies({ common: [], queues: { no_such_queue: [] } }, queueIds, realTexts, 2000))).toContain("'no_such_queue'");
  });

  it('refuses a reply missing in one language', () => {
    expect(problem(() => validateReadyReplies(READY_REPLIES, queueIds, textsWith('sv', 'common', 'closing', 'text', undefined), 2000))).toBe(
      "Ready reply 'common.closing': no text in locales/sv/replies.json",
    );
  });

  it('refuses a placeholder (nothing is filled in, least of all a name)', () => {
    expect(problem(() => validateReadyReplies(READY_REPLIES, queueIds, textsWith('fi', 'common', 'greeting', 'text', 'Hei {{name}}!'), 2000))).toContain(
      'placeholder',
    );
  });

  it('refuses a text longer than the limit, and an id listed twice', () => {
    expect(problem(() => validateReadyReplies(READY_REPLIES, queueIds, realTexts, 20))).toContain('longer than 20 characters');
    expect(problem(() => validateReadyReplies({ common: ['greeting', 'greeting'], queues: {} }, queueIds, realTexts, 2000))).toBe(
      "Ready reply 'common.greeting': listed twice",
    );
  });
});
