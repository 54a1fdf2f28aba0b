import type { Activity } from 'botbuilder';
import type { TFunction } from 'i18next';
import type { PromptMeta } from '../flows/contract';
import { uploadOutcomeOf } from '../media/uploadOutcome';

/** Photos received for the photo question being asked, before the client says "continue". */
export interface PhotoDraft {
  questionId: string;
  ids: string[];
}

/** Limits the dialog tells the client about (the channel's intake enforces the same ones). */
export interface PhotoLimits {
  maxPerQuestion: number;
  maxBytes: number;
}

/** What an activity means at a photo question. */
export type PhotoStep =
  | { kind: 'answer'; ids: string[]; note?: string }
  | { kind: 'collecting'; draft: PhotoDraft; note: string }
  | { kind: 'refused'; message: string }
  | { kind: 'none' };

/** Value of the "continue" button after one or more photos. */
export interface PhotosDonePress {
  photosDone: true;
}

/** Photos a photo question takes: the question's own limit, capped by the service's. */
export function photoRoom(prompt: PromptMeta, limits: PhotoLimits): number {
  return Math.min(prompt.maxFiles ?? limits.maxPerQuestion, limits.maxPerQuestion);
}

/**
 * Reads an upload outcome (set by the channel) or a "continue" press at a photo question.
 * Photos gather in a draft so the client can add another; the question is answered when
 * they press continue or the question's limit is reached.
 */
export function photoStep(
  prompt: PromptMeta | undefined,
  draft: PhotoDraft | undefined,
  activity: Partial<Activity>,
  t: TFunction,
  limits: PhotoLimits,
): PhotoStep {
  const upload = uploadOutcomeOf(activity.channelData);
  if (prompt?.kind !== 'photo' || prompt.id === undefined) {
    return upload ? { kind: 'refused', message: t('common:errors.attachmentNotExpected') } : { kind: 'none' };
  }
  const current = draft?.questionId === prompt.id ? draft.ids : [];
  const max = photoRoom(prompt, limits);
  if (upload && 'refused' in upload) {
    if (upload.refused === 'not_expected') return { kind: 'refused', message: t('common:errors.attachmentNotExpected') };
    const params = { max, count: current.length, maxMb: Math.floor(limits.maxBytes / (1024 * 1024)) };
    return { kind: 'refused', message: t(`common:photo.refused.${upload.refused}`, params) };
  }
  if (upload) {
    const ids = [...current, ...upload.photoIds];
    if (ids.length >= max) return { kind: 'answer', ids, note: t('common:photo.full', { max }) };
    return { kind: 'collecting', draft: { questionId: prompt.id, ids }, note: t('common:photo.received', { count: ids.length, max }) };
  }
  const value = activity.value as Partial<PhotosDonePress> | undefined;
  if (value?.photosDone === true) {
    return current.length > 0 ? { kind: 'answer', ids: current } : { kind: 'refused', message: t('common:photo.expected') };
  }
  if (current.length > 0 && typeof activity.text === 'string' && (value === undefined || value === null)) {
    return { kind: 'refused', message: t('common:photo.expectedMore') };
  }
  return { kind: 'none' };
}
