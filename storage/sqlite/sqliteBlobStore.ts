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
import type { SqliteHandle } from './openSqlite';
import type { Clock } from '../../clock';

/** Photo storage in SQLite; image and thumbnail are BLOB columns of one row. */
export class SqliteBlobStore implements BlobStore {
  private readonly insert;
  private readonly selectRef;
  private readonly selectImage;
  private readonly selectThumbnail;
  private readonly selectConversation;
  private readonly countQuestion;
  private readonly link;
  private readonly linkListed;
  private readonly removeConversation;
  private readonly purge;

  constructor(
    private readonly db: SqliteHandle,
    private readonly clock: Clock,
  ) {
    this.insert = db.prepare(
      `INSERT INTO photo_blobs (id, conversation_id, question_id, content_type, byte_size, thumbnail_byte_size, width, height, image, thumbnail, created_at)
       VALUES (@id, @conversationId, @questionId, @contentType, @byteSize, @thumbnailByteSize, @width, @height, @image, @thumbnail, @createdAt)`,
    );
    this.selectRef = db.prepare<[string], RefRow>(`SELECT ${REF_COLUMNS} FROM photo_blobs WHERE id = ?`);
    this.selectImage = db.prepare<[string], { bytes: Buffer }>('SELECT image AS bytes FROM photo_blobs WHERE id = ?');
    this.selectThumbnail = db.prepare<[string], { bytes: Buffer }>('SELECT thumbnail AS bytes FROM photo_blobs WHERE id = ?');
    this.selectConversation = db.prepare<[string], RefRow>(`SELECT ${REF_COLUMNS} FROM photo_blobs WHERE conversation_id = ? ORDER BY created_at, rowid`);
    this.countQuestion = db.prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM photo_blobs WHERE conversation_id = ? AND question_id = ?');
    this.link = db.prepare(
      'UPDATE photo_blobs SET case_id = @caseId, queue_id = @queueId WHERE conversation_id = @conversationId AND (case_id IS NULL OR case_id = @caseId)',
    );
    this.linkListed = db.prepare(
      `UPDATE photo_blobs SET case_id = @caseId, queue_id = @queueId
       WHERE conversation_id = @conversationId AND (case_id IS NULL OR case_id = @caseId) AND id IN (SELECT value FROM json_each(@ids))`,
    );
    this.removeConversation = db.prepare('DELETE FROM photo_blobs WHERE conversation_id = ?');
    this.purge = db.prepare('DELETE FROM photo_blobs WHERE created_at < ? AND case_id IS NULL');
  }

  async put(photos: readonly NewPhoto[], now: Date = this.clock()): Promise<StoredPhotoRef[]> {
    return this.db
      .transaction((): StoredPhotoRef[] =>
        photos.map((p) => {
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
          this.insert.run({
            id: ref.id,
            conversationId: ref.conversationId,
            questionId: ref.questionId,
            contentType: ref.contentType,
            byteSize: ref.byteSize,
            thumbnailByteSize: ref.thumbnailByteSize,
            width: ref.width,
            height: ref.height,
            image: p.image,
            thumbnail: p.thumbnail,
            createdAt: now.getTime(),
          });
          return ref;
        }),
      )
      .immediate();
  }

  async get(id: string, caller: PhotoCaller, variant: PhotoVariant = 'image'): Promise<PhotoContent> {
    assertPhotoCaller(caller);
    // A malformed id, a missing photo and someone else's photo all look the same to the caller.
    const row = ID_PATTERN.test(id) ? this.selectRef.get(id) : undefined;
    if (!row || !photoVisibleTo(caller, ownershipOf(row))) throw new NotFoundError('photo not found');
    const content = (variant === 'thumbnail' ? this.selectThumbnail : this.selectImage).get(id);
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
    return this.selectConversation
      .all(conversationId)
      .filter((row) => photoVisibleTo(caller, ownershipOf(row)))
      .map(toRef);
  }

  async countForQuestion(conversationId: string, questionId: string): Promise<number> {
    return this.countQuestion.get(conversationId, questionId)?.n ?? 0;
  }

  async linkToCase(conversationId: string, caseId: string, queueId: string, photoIds?: readonly string[]): Promise<number> {
    if (photoIds === undefined) return this.link.run({ conversationId, caseId, queueId }).changes;
    return this.linkListed.run({ conversationId, caseId, queueId, ids: JSON.stringify(photoIds) }).changes;
  }

  async deleteForConversation(conversationId: string): Promise<number> {
    return this.removeConversation.run(conversationId).changes;
  }

  async purgeCreatedBefore(cutoff: Date): Promise<number> {
    return this.purge.run(cutoff.getTime()).changes;
  }
}
