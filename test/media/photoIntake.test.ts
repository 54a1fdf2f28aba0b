import sharp from 'sharp';
import { takePhotos, type OfferedPhoto, type PhotoIntakeLimits } from '../../media/photoIntake';
import type { PhotoCaller } from '../../storage/blobStore';
import { openSqlite, type SqliteHandle } from '../../storage/sqlite/openSqlite';
import { SqliteBlobStore } from '../../storage/sqlite/sqliteBlobStore';
import { bitmapPng, brokenJpeg, jpegWithGpsAndOrientation, pdfFile, plainImage, textFile, zipFile } from './support/imageFixtures';

const LIMITS: PhotoIntakeLimits = { maxBytes: 10 * 1024 * 1024, maxPerQuestion: 3 };
const CONVERSATION = 'conv-1';
const QUESTION = 'skin.photo';
const owner: PhotoCaller = { kind: 'client', conversationId: CONVERSATION };

describe('takePhotos', () => {
  let db: SqliteHandle;
  let store: SqliteBlobStore;
  beforeEach(() => {
    db = openSqlite(':memory:');
    store = new SqliteBlobStore(db, () => new Date());
  });
  afterEach(() => db.close());

  const offer = async (files: OfferedPhoto[], limits = LIMITS) =>
    takePhotos(
      store,
      { conversationId: CONVERSATION, questionId: QUESTION, files, alreadyStored: await store.countForQuestion(CONVERSATION, QUESTION) },
      limits,
    );
  const stored = () => store.countForQuestion(CONVERSATION, QUESTION);

  it('stores cleaned JPEGs of a JPEG, a PNG and a WebP, never the uploaded bytes', async () => {
    const camera = await jpegWithGpsAndOrientation();
    const result = await offer([{ bytes: camera }, { bytes: await plainImage('png') }, { bytes: await plainImage('webp') }]);
    if (!result.ok) throw new Error(`refused: ${result.reason}`);
    expect(result.photos.map((p) => [p.width, p.height])).toEqual([
      [200, 300],
      [120, 80],
      [120, 80],
    ]);
    const first = await store.get(result.photos[0]?.id ?? '', owner);
    expect(first.bytes.equals(camera)).toBe(false);
    const meta = await sharp(first.bytes).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(await stored()).toBe(3);
  });

  it('refuses the 4th photo of a question and stores nothing', async () => {
    const png = await plainImage('png');
    expect((await offer([{ bytes: png }, { bytes: png }, { bytes: png }])).ok).toBe(true);
    expect(await offer([{ bytes: png }])).toEqual({ ok: false, reason: 'too_many_files', fileIndex: 0 });
    expect(await stored()).toBe(3);
  });

  it('refuses a batch that would pass the limit, naming the first file over it, and stores none of it', async () => {
    const png = await plainImage('png');
    await offer([{ bytes: png }, { bytes: png }]);
    expect(await offer([{ bytes: png }, { bytes: png }])).toEqual({ ok: false, reason: 'too_many_files', fileIndex: 1 });
    expect(await stored()).toBe(2);
  });

  it.each([
    ['a text file named .jpg', textFile],
    ['a ZIP', zipFile],
    ['a PDF', pdfFile],
  ])('refuses %s by its type and stores nothing', async (_what, make) => {
    expect(await offer([{ bytes: make() }])).toEqual({ ok: false, reason: 'unsupported_type', fileIndex: 0 });
    expect(await stored()).toBe(0);
  });

  it('refuses the whole upload when one file of it is refused', async () => {
    expect(await offer([{ bytes: await plainImage('jpeg') }, { bytes: pdfFile() }])).toEqual({ ok: false, reason: 'unsupported_type', fileIndex: 1 });
    expect(await stored()).toBe(0);
  });

  it('refuses an oversize file, and one the upload parser already cut off', async () => {
    const png = await plainImage('png');
    expect(await offer([{ bytes: png }], { ...LIMITS, maxBytes: png.length - 1 })).toEqual({ ok: false, reason: 'too_large', fileIndex: 0 });
    expect(await offer([{ bytes: Buffer.alloc(0), tooLarge: true }])).toEqual({ ok: false, reason: 'too_large', fileIndex: 0 });
    expect(await stored()).toBe(0);
  });

  it('refuses a decompression bomb by its pixel count', async () => {
    expect(await offer([{ bytes: await bitmapPng(30000, 30000) }])).toEqual({ ok: false, reason: 'too_many_pixels', fileIndex: 0 });
    expect(await stored()).toBe(0);
  });

  it('refuses an image that does not decode', async () => {
    expect(await offer([{ bytes: brokenJpeg() }])).toEqual({ ok: false, reason: 'unreadable', fileIndex: 0 });
    expect(await stored()).toBe(0);
  });

  it('counts each question separately', async () => {
    const png = await plainImage('png');
    await offer([{ bytes: png }, { bytes: png }, { bytes: png }]);
    const other = await takePhotos(store, { conversationId: CONVERSATION, questionId: 'wound.photo', files: [{ bytes: png }], alreadyStored: 0 }, LIMITS);
    expect(other.ok).toBe(true);
  });
});
