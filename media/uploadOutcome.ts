import type { MediaRefusalReason } from '../errors';
import type { UploadedFile } from './uploadParser';

/**
 * What became of one upload, as the channel hands it to the bot in
 * `channelData.luotsiUpload` (only the channel sets that field; client channelData is dropped).
 */
export type UploadOutcome = { photoIds: string[] } | { refused: UploadRefusal };

/** Why an upload was not taken: the media checks, no photo asked for, not fetchable, or too many tries. */
export type UploadRefusal = MediaRefusalReason | 'not_expected' | 'unavailable' | 'too_many_attempts';

/** Stores an upload's photos for the question the conversation is at, or says why not. */
export type PhotoIntake = (conversationId: string, files: readonly UploadedFile[]) => Promise<UploadOutcome>;

const REFUSALS: readonly UploadRefusal[] = [
  'unsupported_type',
  'too_large',
  'too_many_pixels',
  'too_many_files',
  'unreadable',
  'not_expected',
  'unavailable',
  'too_many_attempts',
];

/** Reads the outcome the channel attached to an activity, if any. */
export function uploadOutcomeOf(channelData: unknown): UploadOutcome | undefined {
  if (typeof channelData !== 'object' || channelData === null) return undefined;
  const value = (channelData as Record<string, unknown>).luotsiUpload;
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (Array.isArray(record.photoIds) && record.photoIds.every((id) => typeof id === 'string')) return { photoIds: record.photoIds as string[] };
  const refused = REFUSALS.find((reason) => reason === record.refused);
  return refused ? { refused } : undefined;
}
