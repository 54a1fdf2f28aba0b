import { ActionTypes, type Activity, type CardAction } from 'botbuilder';
import type { TFunction } from 'i18next';
import type { SubjectKind } from '../flows/contract';
import type { SummaryItem } from '../flows';
import { photoUri } from '../channels/photoLinks';
import { keyChain, textMessage } from './promptRenderer';

/** Value of a "correct answer N" button. */
export interface CorrectPress {
  correct: string;
}

function answerText(item: SummaryItem, t: TFunction, subject: SubjectKind | undefined): string {
  if (item.value === undefined) return t('entry:summary.skipped');
  if (item.valueKeys) return item.valueKeys.map((key) => t(keyChain(key, subject))).join(', ');
  switch (item.kind) {
    case 'yesNo':
      return t(item.value === true ? 'common:yes' : 'common:no');
    case 'photo':
      return t('common:summary.photos', { count: Array.isArray(item.value) ? item.value.length : 0 });
    default:
      return String(item.value);
  }
}

/**
 * The summary: every answer on the client's path, numbered, then the confirm question with
 * a "correct N" button per correctable answer. Typed answers are echoed as plain text.
 */
export function renderSummary(
  items: SummaryItem[],
  confirm: { id: string; labelKey: string },
  t: TFunction,
  locale: string,
  subject: SubjectKind | undefined,
): Partial<Activity>[] {
  const lines = items.map((item, index) =>
    t('common:summary.item', { n: index + 1, question: t(keyChain(item.questionKey, subject)), answer: answerText(item, t, subject) }),
  );
  const list = textMessage([t('entry:summary.intro'), ...lines].join('\n'), locale);
  // Thumbnails of the photos, so the client sees what the nurse will see.
  const photoIds = items.flatMap((item) => (item.kind === 'photo' && Array.isArray(item.value) ? item.value : []));
  if (photoIds.length > 0) {
    list.attachments = photoIds.map((id) => ({ contentType: 'image/jpeg', contentUrl: photoUri(id, 'thumbnail'), thumbnailUrl: photoUri(id, 'thumbnail') }));
  }
  const actions: CardAction[] = [
    { type: ActionTypes.MessageBack, title: t(confirm.labelKey), text: t(confirm.labelKey), displayText: t(confirm.labelKey), value: { choice: confirm.id } },
    ...items.flatMap((item, index): CardAction[] => {
      if (!item.correctable) return [];
      const title = t('common:summary.correct', { n: index + 1 });
      const value: CorrectPress = { correct: item.questionId };
      return [{ type: ActionTypes.MessageBack, title, text: title, displayText: title, value }];
    }),
  ];
  const question = textMessage(`${t('entry:summary.question')} ${t('common:summary.howToCorrect')}`, locale);
  question.suggestedActions = { to: [], actions };
  return [list, question];
}

/** Reads a summary answer: the confirm button or label, a "correct" button, or a typed item number. */
export function parseSummaryInput(
  items: SummaryItem[],
  confirm: { id: string },
  input: { text: string | undefined; value: unknown },
  isConfirmLabel: (text: string) => boolean,
): { type: 'ANSWER'; value: string } | { type: 'CORRECT'; questionId: string } | undefined {
  const value = typeof input.value === 'object' && input.value !== null ? (input.value as Record<string, unknown>) : {};
  if (value.choice === confirm.id) return { type: 'ANSWER', value: confirm.id };
  if (typeof value.correct === 'string') {
    const item = items.find((i) => i.questionId === value.correct && i.correctable);
    return item ? { type: 'CORRECT', questionId: item.questionId } : undefined;
  }
  const text = input.text?.trim() ?? '';
  if (text === '') return undefined;
  if (isConfirmLabel(text)) return { type: 'ANSWER', value: confirm.id };
  const number = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  const item = items[number - 1];
  return item?.correctable ? { type: 'CORRECT', questionId: item.questionId } : undefined;
}
