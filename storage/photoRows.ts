import { randomBytes } from 'node:crypto';
import type { StoredPhotoRef } from './blobStore';
import type { PhotoBlobsTable } from './query/tables';

// The photo_blobs row and its mapping, the same on SQLite and PostgreSQL.

/** A photo's row without its bytes. */
export type RefRow = Omit<PhotoBlobsTable, 'image' | 'thumbnail'>;

/** The columns of RefRow, for SELECT lists. */
export const REF_COLUMNS = 'id, conversation_id, question_id, case_id, queue_id, content_type, byte_size, thumbnail_byte_size, width, height, created_at';

// 18 random bytes: 144 bits, 24 base64url characters with no padding.
const ID_BYTES = 18;
/** What a photo id looks like; anything else is not looked up. */
export const PHOTO_ID_PATTERN = /^[A-Za-z0-9_-]{24}$/;

/** A new photo id: random and unguessable, safe in a URL path. */
export function newPhotoId(): string {
  return randomBytes(ID_BYTES).toString('base64url');
}

/** Whose photo it is, for photoVisibleTo. */
export function ownershipOf(row: RefRow): { conversationId: string; queueId: string | undefined } {
  return { conversationId: row.conversation_id, queueId: row.queue_id ?? undefined };
}

/** The row as the BlobStore interface returns it. */
export function toRef(row: RefRow): StoredPhotoRef {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    questionId: row.question_id,
    caseId: row.case_id ?? undefined,
    contentType: row.content_type,
    byteSize: row.byte_size,
    thumbnailByteSize: row.thumbnail_byte_size,
    width: row.width,
    height: row.height,
    createdAt: new Date(row.created_at),
  };
}
