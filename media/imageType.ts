import { MediaRefusedError } from '../errors';
import { fileTypeModule } from './fileTypeModule';

/** The image families Luotsi takes; HEIF covers HEIC and AVIF (HEIF with AV1 inside). */
export type ImageKind = 'jpeg' | 'png' | 'webp' | 'heif';

/** What the bytes say the file is. */
export interface DetectedImageType {
  kind: ImageKind;
  /** The media type file-type read from the bytes, e.g. image/heic. */
  mime: string;
}

// Only still images a phone camera or screenshot produces. Sequences (image/heic-sequence) and
// everything else are refused: the fewer decoders untrusted bytes reach, the better.
const ACCEPTED: ReadonlyMap<string, ImageKind> = new Map<string, ImageKind>([
  ['image/jpeg', 'jpeg'],
  ['image/png', 'png'],
  ['image/webp', 'webp'],
  ['image/heic', 'heif'],
  ['image/heif', 'heif'],
  ['image/avif', 'heif'],
]);

/** Media types accepted, for messages and Web Chat's file picker. */
export const ACCEPTED_IMAGE_TYPES: readonly string[] = [...ACCEPTED.keys()];

/**
 * Detects the image type from the bytes alone (never the declared type or file name) and
 * refuses anything but JPEG, PNG, WebP and HEIF with MediaRefusedError('unsupported_type').
 */
export async function detectImageType(bytes: Uint8Array): Promise<DetectedImageType> {
  // A Buffer from this realm: under jest the test's own Uint8Array is not the one file-type checks against.
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const detected = await fileTypeModule().fileTypeFromBuffer(input);
  const kind = detected ? ACCEPTED.get(detected.mime) : undefined;
  if (!detected || !kind) throw new MediaRefusedError('unsupported_type', 'the file is not a JPEG, PNG, WebP or HEIF image');
  return { kind, mime: detected.mime };
}
