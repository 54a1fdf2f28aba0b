import sharp from 'sharp';
import { MediaRefusedError } from '../errors';
import { ConcurrencyLimit } from './concurrencyLimit';

// One libvips thread per image: parallelism comes from IMAGE_DECODES, so one big photo never
// occupies the whole libuv pool that scrypt and file access need as well.
sharp.concurrency(1);

/** Every image decode of the process waits here for one of IMAGE_DECODE_CONCURRENCY slots. */
export const IMAGE_DECODES = new ConcurrencyLimit(2);

/** Limits and sizes of photo processing. */
export interface ImageProcessingOptions {
  /** Largest accepted input in bytes. */
  maxInputBytes: number;
  /** Largest accepted input in pixels (width x height), read from the header before decoding. */
  maxInputPixels: number;
  /** Long edge of the stored image; smaller images are not enlarged. */
  maxEdge: number;
  /** Long edge of the thumbnail. */
  thumbnailEdge: number;
  /** JPEG quality of the stored image (1–100). */
  quality: number;
  /** JPEG quality of the thumbnail (1–100). */
  thumbnailQuality: number;
  /** libvips gives up on one image after this long. */
  timeoutSeconds: number;
}

/** Defaults: 10 MB, 25 megapixels (a 24 MP phone photo fits), 2048 px long edge, 320 px thumbnail. */
export const IMAGE_PROCESSING_DEFAULTS: Readonly<ImageProcessingOptions> = {
  maxInputBytes: 10 * 1024 * 1024,
  maxInputPixels: 25_000_000,
  maxEdge: 2048,
  thumbnailEdge: 320,
  quality: 85,
  thumbnailQuality: 75,
  timeoutSeconds: 20,
};

/** A cleaned photo: JPEG without any metadata, upright, and its thumbnail. */
export interface ProcessedImage {
  image: Buffer;
  thumbnail: Buffer;
  width: number;
  height: number;
}

/**
 * Turns untrusted image bytes into a clean JPEG: refuses oversize input (`too_large`) and
 * decompression bombs (`too_many_pixels`) before decoding, rotates by EXIF orientation, drops
 * all metadata (EXIF with GPS, XMP, IPTC, ICC, comments), limits the long edge and makes a
 * thumbnail. Anything that does not decode is `unreadable`. The input is neither kept nor logged.
 */
export async function processImage(bytes: Buffer, options: Partial<ImageProcessingOptions> = {}): Promise<ProcessedImage> {
  const o = { ...IMAGE_PROCESSING_DEFAULTS, ...options };
  if (bytes.length > o.maxInputBytes) throw new MediaRefusedError('too_large', `the file is larger than ${o.maxInputBytes} bytes`);
  await refuseTooManyPixels(bytes, o.maxInputPixels);
  return IMAGE_DECODES.run(() => decodeAndClean(bytes, o));
}

async function decodeAndClean(bytes: Buffer, o: ImageProcessingOptions): Promise<ProcessedImage> {
  try {
    // sharp writes no metadata unless asked (keepMetadata/withExif/keepIccProfile...): the output
    // carries pixels only, converted to sRGB. rotate() without an angle applies EXIF orientation.
    const image = await sharp(bytes, { limitInputPixels: o.maxInputPixels })
      .rotate()
      .flatten({ background: '#ffffff' })
      .resize({ width: o.maxEdge, height: o.maxEdge, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: o.quality, mozjpeg: true })
      .timeout({ seconds: o.timeoutSeconds })
      .toBuffer({ resolveWithObject: true });
    // The thumbnail comes from the cleaned image: the untrusted input is decoded once.
    const thumbnail = await sharp(image.data)
      .resize({ width: o.thumbnailEdge, height: o.thumbnailEdge, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: o.thumbnailQuality, mozjpeg: true })
      .toBuffer();
    return { image: image.data, thumbnail, width: image.info.width, height: image.info.height };
  } catch (cause) {
    // libvips messages can quote the input; keep them only as the cause, never as the message.
    if (isPixelLimitError(cause)) throw new MediaRefusedError('too_many_pixels', 'the image has too many pixels', { cause });
    throw new MediaRefusedError('unreadable', 'the image could not be decoded', { cause });
  }
}

// The header states the dimensions; checking them first refuses a bomb without decoding a pixel.
// sharp's limitInputPixels on the decoding pipeline stays as the second line of defence.
async function refuseTooManyPixels(bytes: Buffer, maxInputPixels: number): Promise<void> {
  let width: number;
  let height: number;
  try {
    ({ width, height } = await sharp(bytes, { limitInputPixels: false }).metadata());
  } catch (cause) {
    throw new MediaRefusedError('unreadable', 'the image header could not be read', { cause });
  }
  if (width * height > maxInputPixels) throw new MediaRefusedError('too_many_pixels', 'the image has too many pixels');
}

function isPixelLimitError(error: unknown): boolean {
  return error instanceof Error && /pixel limit/i.test(error.message);
}
