import { ForbiddenError, NotFoundError } from '../../errors';
import {
  assertPhotoCaller,
  photoVisibleTo,
  type BlobStore,
  type NewPhoto,
  type PhotoCaller,
  type PhotoContent,
  type PhotoVariant,
  type StoredPhotoRef,
} from '../blobStore';
import { PHOTO_ID_PATTERN as ID_PATTERN, REF_COLUMNS, ownershipOf, toRef, newPhotoId, type RefRow } from '../photoRows';
import type { PgDb } from './pgClient';
import type { Clock } from '../../clock';

// Column names come from this fixed map, never from the caller.
const VARIANT_SQL: Record<PhotoVariant, string> = {
  image: 'SELECT image AS bytes FROM photo_blobs WHERE id = $1',
  thumbnail: 'SELECT thumbnail AS bytes FROM photo_blobs WHERE id = $1',
};

/** Photo storage in PostgreSQL; image and thumbnail are BYTEA columns of one row. */
export class PgBlobStore implements BlobStore {
  constructor(
    private readonly db: PgDb,
    private readonly clock: Clock,
  ) {}

  async put(photos: readonly NewPhoto[], now: Date = this.clock()): Promise<StoredPhotoRef[]> {
    return this.db.transaction(async (tx) => {
      const refs: StoredPhotoRef[] = [];
      for (const p of photos) {
        const ref: StoredPhotoRef = {
          id: newPhotoId(),
          conversationId: p.conversationId,
          questionId: p.questionId,
          caseId: undefined,
          contentType: p.contentType,
          byteSize: p.image.length,
          thumbnailByteSize: p.thumbnail.length,
          width: p.width,
          height: p.height,
          createdAt: now,
        };
        await tx.query(
          `INSERT INTO photo_blobs (id, conversation_id, question_id, content_type, byte_size, thumbnail_byte_size, width, height, image, thumbnail, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [
            ref.id,
            ref.conversationId,
            ref.questionId,
            ref.contentType,
            ref.byteSize,
            ref.thumbnailByteSize,
            ref.width,
            ref.height,
            p.image,
            p.thumbnail,
            now.getTime(),
          ],
        );
        refs.push(ref);
      }
      return refs;
    });
  }

  async get(id: string, caller: PhotoCaller, variant: PhotoVariant = 'image'): Promise<PhotoContent> {
    assertPhotoCaller(caller);
    // A malformed id, a missing photo and someone else's photo all look the same to the caller.
    const row = ID_PATTERN.test(id) ? (await this.db.query<RefRow>(`SELECT ${REF_COLUMNS} FROM photo_blobs WHERE id = $1`, [id])).rows[0] : undefined;
    if (!row || !photoVisibleTo(caller, ownershipOf(row))) throw new NotFoundError('photo not found');
    // The bytes are read only once access is granted.
    const content = (await this.db.query<{ bytes: Buffer }>(VARIANT_SQL[variant], [id])).rows[0];
    if (!content) throw new NotFoundError('photo not found');
    // Thumbnails are always JPEG; the image keeps the type it was stored with.
    const contentType = variant === 'thumbnail' ? 'image/jpeg' : row.content_type;
    return { ref: toRef(row), variant, contentType, bytes: content.bytes };
  }

  async listForConversation(conversationId: string, caller: PhotoCaller): Promise<StoredPhotoRef[]> {
    assertPhotoCaller(caller);
    // Thrown whether or not the conversation has photos, so it reveals nothing about them.
    if (caller.kind === 'client' && caller.conversationId !== conversationId) {
      throw new ForbiddenError('no access to this conversation', 'PhotoAccessDenied');
    }
    const { rows } = await this.db.query<RefRow>(`SELECT ${REF_COLUMNS} FROM photo_blobs WHERE conversation_id = $1 ORDER BY created_at, seq`, [
      conversationId,
    ]);
    return rows.filter((row) => photoVisibleTo(caller, ownershipOf(row))).map(toRef);
  }

  async countForQuestion(conversationId: string, questionId: string): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM photo_blobs WHERE conversation_id = $1 AND question_id = $2', [
      conversationId,
      questionId,
    ]);
    return rows[0]?.n ?? 0;
  }

  async linkToCase(conversationId: string, caseId: string, queueId: string, photoIds?: readonly string[]): Promise<number> {
    const { rowCount } = await this.db.query(
      'UPDATE photo_blobs SET case_id = $2, queue_id = $3 WHERE conversation_id = $1 AND (case_id IS NULL OR case_id = $2) AND ($4::text[] IS NULL OR id = ANY($4::text[]))',
      [conversationId, caseId, queueId, photoIds === undefined ? null : [...photoIds]],
    );
    return rowCount;
  }

  async deleteForConversation(conversationId: string): Promise<number> {
    const { rowCount } = await this.db.query('DELETE FROM photo_blobs WHERE conversation_id = $1', [conversationId]);
    return rowCount;
  }

  async purgeCreatedBefore(cutoff: Date): Promise<number> {
    const { rowCount } = await this.db.query('DELETE FROM photo_blobs WHERE created_at < $1 AND case_id IS NULL', [cutoff.getTime()]);
    return rowCount;
  }
}
