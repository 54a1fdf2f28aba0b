import sharp from 'sharp';
import { MediaRefusedError } from '../../errors';
import { ACCEPTED_IMAGE_TYPES, detectImageType } from '../../media/imageType';
import { heicBrandOnly, jpegWithGpsAndOrientation, pdfFile, plainImage, textFile, zipFile } from './support/imageFixtures';

// file-type is the real ESM library, loaded through Node's own require(esm); nothing is mocked.
describe('detectImageType', () => {
  it.each([
    ['png', 'png', 'image/png'],
    ['webp', 'webp', 'image/webp'],
    ['jpeg', 'jpeg', 'image/jpeg'],
    ['avif', 'heif', 'image/avif'],
  ] as const)('accepts %s by its bytes', async (format, kind, mime) => {
    expect(await detectImageType(await plainImage(format))).toEqual({ kind, mime });
  });

  it('accepts a camera JPEG with EXIF', async () => {
    expect((await detectImageType(await jpegWithGpsAndOrientation())).kind).toBe('jpeg');
  });

  it('recognises the HEIC brand as HEIF', async () => {
    expect(await detectImageType(heicBrandOnly())).toEqual({ kind: 'heif', mime: 'image/heic' });
  });

  it('reads a plain Uint8Array as well as a Buffer', async () => {
    const png = await plainImage('png');
    expect((await detectImageType(new Uint8Array(png))).kind).toBe('png');
  });

  it.each([
    ['a text file (whatever its name)', textFile],
    ['a ZIP archive', zipFile],
    ['a PDF', pdfFile],
    ['an empty file', () => Buffer.alloc(0)],
  ])('refuses %s as unsupported_type', async (_what, make) => {
    const error = await detectImageType(make()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaRefusedError);
    expect((error as MediaRefusedError).reason).toBe('unsupported_type');
  });

  it('refuses an image type outside the list (GIF)', async () => {
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    await expect(detectImageType(gif)).rejects.toMatchObject({ reason: 'unsupported_type' });
  });

  it('lists what it accepts', () => {
    expect(ACCEPTED_IMAGE_TYPES).toEqual(['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', 'image/avif']);
  });
});
