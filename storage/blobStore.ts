import { ForbiddenError } from '../errors';

/** Who asks for a photo: the client through their conversation, or a staff member with their queues. */
export type PhotoCaller = { kind: 'client'; conversationId: string } | { kind: 'staff'; staffId: string; queues: readonly string[] };

/** Which of a photo's two renditions. */
export type PhotoVariant = 'image' | 'thumbnail';

/** A cleaned photo to store (never the original upload). */
export interface NewPhoto {
  conversationId: string;
  questionId: string;
  contentType: 'image/jpeg';
  image: Buffer;
  thumbnail: Buffer;
  width: number;
  height: number;
}

/** A stored photo without its bytes. */
export interface StoredPhotoRef {
  /** Random, unguessable, URL-safe. */
  id: string;
  conversationId: string;
  questionId: string;
  caseId: string | undefined;
  contentType: string;
  /** Size of the image rendition in bytes. */
  byteSize: number;
  thumbnailByteSize: number;
  width: number;
  height: number;
  createdAt: Date;
}

/** One rendition of a photo with its bytes. */
export interface PhotoContent {
  ref: StoredPhotoRef;
  variant: PhotoVariant;
  contentType: string;
  bytes: Buffer;
}

/**
 * Photo storage behind an async interface so a PostgreSQL implementation can follow SQLite.
 * The read functions take the caller and enforce access themselves (see photoVisibleTo).
 */
export interface BlobStore {
  /** Stores the photos all together or none of them; returns their refs in order. */
  put(photos: readonly NewPhoto[], now?: Date): Promise<StoredPhotoRef[]>;
  /** One rendition; NotFoundError alike for a missing photo and one the caller may not see. */
  get(id: string, caller: PhotoCaller, variant?: PhotoVariant): Promise<PhotoContent>;
  /** The conversation's photos the caller may see, oldest first; a client asking for another conversation gets ForbiddenError. */
  listForConversation(conversationId: string, caller: PhotoCaller): Promise<StoredPhotoRef[]>;
  /** How many photos are stored for one question of a conversation (the per-question limit). */
  countForQuestion(conversationId: string, questionId: string): Promise<number>;
  /**
   * Links the conversation's photos to the case and its queue (unlinked ones, and those already
   * on this case); returns how many. With `photoIds`, only those: the case's own list, so a photo
   * the client took back never follows a case to staff (callers outside tests always pass it).
   */
  linkToCase(conversationId: string, caseId: string, queueId: string, photoIds?: readonly string[]): Promise<number>;
  /** Deletes every photo of the conversation (erasure, conversation end); returns how many. */
  deleteForConversation(conversationId: string): Promise<number>;
  /**
   * Retention by age: deletes photos created before `cutoff` that are not linked to a case;
   * returns how many. Photos of a case are deleted with the case (HandoffStore), so they stay
   * as long as the case does.
   */
  purgeCreatedBefore(cutoff: Date): Promise<number>;
}

/** Where a stored photo belongs, as far as access is concerned. */
export interface PhotoOwnership {
  conversationId: string;
  /** The queue of the case the photo is linked to; undefined until linked. */
  queueId: string | undefined;
}

/**
 * The access rule every BlobStore implementation applies: a client sees their own
 * conversation's photos; staff see photos linked to a case in one of their queues.
 */
export function photoVisibleTo(caller: PhotoCaller, photo: PhotoOwnership): boolean {
  if (caller.kind === 'client') return photo.conversationId === caller.conversationId;
  return photo.queueId !== undefined && caller.queues.includes(photo.queueId);
}

/**
 * Checks the caller's shape at run time: identities are built from tokens and staff sessions,
 * and a malformed one must not fall through to a permissive branch. Throws ForbiddenError.
 */
export function assertPhotoCaller(caller: unknown): asserts caller is PhotoCaller {
  const c = caller as Partial<Record<'kind' | 'conversationId' | 'staffId' | 'queues', unknown>> | null;
  const nonEmpty = (v: unknown) => typeof v === 'string' && v.length > 0;
  const ok =
    typeof c === 'object' &&
    c !== null &&
    ((c.kind === 'client' && nonEmpty(c.conversationId)) || (c.kind === 'staff' && nonEmpty(c.staffId) && Array.isArray(c.queues) && c.queues.every(nonEmpty)));
  if (!ok) throw new ForbiddenError('no access to photos', 'PhotoAccessDenied');
}
