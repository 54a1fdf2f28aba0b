import { MediaRefusedError, type MediaRefusalReason } from '../errors';
import type { BlobStore, StoredPhotoRef } from '../storage/blobStore';
import { processImage, type ImageProcessingOptions, type ProcessedImage } from './imageProcessing';
import { detectImageType } from './imageType';

/** One file offered for a photo question. Declared type and name are deliberately absent: only bytes count. */
export interface OfferedPhoto {
  bytes: Buffer;
  /** Set by the upload parser when the file passed the size limit and its bytes were dropped. */
  tooLarge?: boolean;
}

/** Where the photos belong and what is already there. */
export interface PhotoIntakeRequest {
  conversationId: string;
  questionId: string;
  files: readonly OfferedPhoto[];
  /** Photos already stored for this question (BlobStore.countForQuestion). */
  alreadyStored: number;
}

/** The intake policy's limits. */
export interface PhotoIntakeLimits {
  /** Largest file in bytes (default 10 MB). */
  maxBytes: number;
  /** Most photos per question (default 3). */
  maxPerQuestion: number;
  /** Processing options other than the byte limit (pixel limit, sizes). */
  processing?: Partial<Omit<ImageProcessingOptions, 'maxInputBytes'>>;
}

/** Defaults of the issue: 10 MB per file, 3 photos per question. */
export const PHOTO_INTAKE_DEFAULTS: Readonly<PhotoIntakeLimits> = {
  maxBytes: 10 * 1024 * 1024,
  maxPerQuestion: 3,
};

/** Either every offered photo was stored, or none was and `reason` says why. */
export type PhotoIntakeResult =
  { ok: true; photos: StoredPhotoRef[] } | { ok: false; reason: MediaRefusalReason; /** Index of the refused file in `files`. */ fileIndex: number };

/**
 * Applies the photo policy to one upload: count, size, type from bytes, processing. All files
 * pass or nothing is stored, so a refusal leaves the question exactly as it was. Storage
 * failures are thrown, not turned into refusals.
 */
export async function takePhotos(store: BlobStore, request: PhotoIntakeRequest, limits: PhotoIntakeLimits = PHOTO_INTAKE_DEFAULTS): Promise<PhotoIntakeResult> {
  const room = Math.max(0, limits.maxPerQuestion - request.alreadyStored);
  if (request.files.length > room) return { ok: false, reason: 'too_many_files', fileIndex: room };
  const processed: ProcessedImage[] = [];
  // One at a time: a decoded photo can take a few hundred megabytes, three at once is needless.
  for (const [fileIndex, file] of request.files.entries()) {
    try {
      processed.push(await checkAndProcess(file, limits));
    } catch (error) {
      if (error instanceof MediaRefusedError) return { ok: false, reason: error.reason, fileIndex };
      throw error;
    }
  }
  const photos = await store.put(
    processed.map((p) => ({
      conversationId: request.conversationId,
      questionId: request.questionId,
      contentType: 'image/jpeg' as const,
      image: p.image,
      thumbnail: p.thumbnail,
      width: p.width,
      height: p.height,
    })),
  );
  return { ok: true, photos };
}

async function checkAndProcess(file: OfferedPhoto, limits: PhotoIntakeLimits): Promise<ProcessedImage> {
  if (file.tooLarge || file.bytes.length > limits.maxBytes) {
    throw new MediaRefusedError('too_large', `the file is larger than ${limits.maxBytes} bytes`);
  }
  await detectImageType(file.bytes);
  return processImage(file.bytes, { ...limits.processing, maxInputBytes: limits.maxBytes });
}
