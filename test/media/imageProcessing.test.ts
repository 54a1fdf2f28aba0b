import sharp from 'sharp';
import { MediaRefusedError, type MediaRefusalReason } from '../../errors';
import { IMAGE_DECODES, IMAGE_PROCESSING_DEFAULTS, processImage } from '../../media/imageProcessing';
import { exifTagIds, isMetadataMarker, jpegSegmentMarkers } from './support/metadataProbe';
import { bitmapPng, brokenJpeg, heicBrandOnly, jpegWithGpsAndOrientation, plainImage } from './support/imageFixtures';

async function refusal(promise: Promise<unknown>): Promise<MediaRefusalReason | undefined> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof MediaRefusedError)) throw new Error(`expected a MediaRefusedError, got ${String(error)}`);
  return error.reason;
}

async function pixel(jpeg: Buffer, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [data[at] ?? -1, data[at + 1] ?? -1, data[at + 2] ?? -1];
}

describe('processImage', () => {
  describe('a camera JPEG with GPS EXIF, XMP, an ICC profile and orientation 6', () => {
    let input: Buffer;
    let out: Awaited<ReturnType<typeof processImage>>;

    beforeAll(async () => {
      input = await jpegWithGpsAndOrientation();
      out = await processImage(input);
    });

    it('really carries all of that going in', async () => {
      const meta = await sharp(input).metadata();
      expect(meta.orientation).toBe(6);
      expect([meta.width, meta.height]).toEqual([300, 200]);
      expect(meta.xmp).toBeDefined();
      expect(meta.icc).toBeDefined();
      const tags = exifTagIds(meta.exif ?? Buffer.alloc(0));
      expect(tags.gps).toEqual(expect.arrayContaining([1, 2, 3, 4])); // GPSLatitudeRef, GPSLatitude, GPSLongitudeRef, GPSLongitude
      expect(tags.ifd0).toEqual(expect.arrayContaining([0x010f, 0x013b])); // Make, Artist
    });

    it('comes out with no metadata at all', async () => {
      for (const jpeg of [out.image, out.thumbnail]) {
        const meta = await sharp(jpeg).metadata();
        expect(meta.format).toBe('jpeg');
        expect(meta.exif).toBeUndefined();
        expect(meta.orientation).toBeUndefined();
        expect(meta.xmp).toBeUndefined();
        expect(meta.iptc).toBeUndefined();
        expect(meta.icc).toBeUndefined();
        expect(jpegSegmentMarkers(jpeg).filter(isMetadataMarker)).toEqual([]);
        expect(jpeg.includes('PhoneMaker')).toBe(false);
        expect(jpeg.includes('Maija')).toBe(false);
      }
    });

    it('comes out upright: turned 90° clockwise, the stored top-left corner now top-right', async () => {
      expect([out.width, out.height]).toEqual([200, 300]);
      const meta = await sharp(out.image).metadata();
      expect([meta.width, meta.height]).toEqual([200, 300]);
      const [r1, , b1] = await pixel(out.image, 190, 10);
      expect(r1).toBeGreaterThan(200);
      expect(b1).toBeLessThan(60);
      const [r2, , b2] = await pixel(out.image, 10, 10);
      expect(r2).toBeLessThan(60);
      expect(b2).toBeGreaterThan(200);
    });
  });

  it('limits the long edge to 2048 px and makes a 320 px thumbnail', async () => {
    const out = await processImage(await plainImage('png', 4000, 3000));
    expect([out.width, out.height]).toEqual([2048, 1536]);
    const thumb = await sharp(out.thumbnail).metadata();
    expect([thumb.width, thumb.height]).toEqual([320, 240]);
  });

  it('does not enlarge a small image', async () => {
    const out = await processImage(await plainImage('png', 120, 80));
    expect([out.width, out.height]).toEqual([120, 80]);
    const thumb = await sharp(out.thumbnail).metadata();
    expect([thumb.width, thumb.height]).toEqual([120, 80]);
  });

  it.each(['png', 'webp', 'avif'] as const)('re-encodes %s (with transparency) to an opaque JPEG', async (format) => {
    const out = await processImage(await plainImage(format));
    const meta = await sharp(out.image).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.hasAlpha).toBe(false);
    expect([out.width, out.height]).toEqual([120, 80]);
  });

  it('refuses a 30000 x 30000 PNG bomb by its header, without decoding it', async () => {
    const bomb = await bitmapPng(30000, 30000);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const meta = await sharp(bomb, { limitInputPixels: false }).metadata();
    expect([meta.width, meta.height]).toEqual([30000, 30000]);
    const rssBefore = process.memoryUsage().rss;
    expect(await refusal(processImage(bomb))).toBe('too_many_pixels');
    // Decoded it would be 900 MB even at one byte a pixel; refused from the header it costs nothing.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
  });

  it('applies the pixel limit it is given', async () => {
    const png = await plainImage('png', 120, 80);
    expect(await refusal(processImage(png, { maxInputPixels: 120 * 80 - 1 }))).toBe('too_many_pixels');
    await expect(processImage(png, { maxInputPixels: 120 * 80 })).resolves.toBeDefined();
  });

  it('refuses input over the byte limit before looking at it', async () => {
    const png = await plainImage('png');
    expect(await refusal(processImage(png, { maxInputBytes: png.length - 1 }))).toBe('too_large');
  });

  it('refuses bytes that do not decode as unreadable', async () => {
    expect(await refusal(processImage(brokenJpeg()))).toBe('unreadable');
    expect(await refusal(processImage(heicBrandOnly()))).toBe('unreadable');
  });
});

describe('image decoding is bounded for the whole process (audit finding M4)', () => {
  afterEach(() => IMAGE_DECODES.resize(2));

  it('a decode waits while every slot is taken and runs as soon as one frees', async () => {
    IMAGE_DECODES.resize(1);
    let release!: () => void;
    const holder = IMAGE_DECODES.run(() => new Promise<void>((resolve) => (release = resolve)));
    let done = false;
    const decoding = processImage(await plainImage('png')).then((result) => {
      done = true;
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(done).toBe(false);
    expect(IMAGE_DECODES.load).toEqual({ running: 1, waiting: 1 });
    release();
    await holder;
    expect((await decoding).width).toBe(120);
  });

  it('the default pixel limit takes a 24 MP phone photo\u2019s size and refuses 40 MP', () => {
    // A 24-megapixel phone photo fits; a 40-megapixel one does not.
    expect(IMAGE_PROCESSING_DEFAULTS.maxInputPixels).toBeGreaterThanOrEqual(6000 * 4000);
    expect(IMAGE_PROCESSING_DEFAULTS.maxInputPixels).toBeLessThan(6320 * 6320);
  });
});
