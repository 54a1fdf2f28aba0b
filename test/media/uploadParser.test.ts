import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { BadRequestError, PayloadTooLargeError } from '../../errors';
import { parseUpload, type ParsedUpload, type UploadLimits, type UploadSource } from '../../media/uploadParser';

const LIMITS: UploadLimits = { maxFileBytes: 1000, maxFiles: 4, maxActivityBytes: 2000, maxBodyBytes: 20_000 };

interface Attachment {
  name?: string;
  contentType: string;
  bytes: Buffer;
}

const message = (attachments: Attachment[]) => ({
  type: 'message',
  from: { id: 'dl_user1', name: '' },
  locale: 'fi-FI',
  textFormat: 'plain',
  channelData: { clientActivityID: 'abc123' },
  attachments: attachments.map((a) => ({ contentType: a.contentType, name: a.name ?? 'blob' })),
});

/**
 * The body botframework-directlinejs 0.15 builds in postMessageWithAttachments: the activity
 * (attachments without contentUrl) as a Blob of type application/vnd.microsoft.activity under
 * "activity", then one Blob per attachment under "file" with the attachment's type and name.
 * Node's FormData serialises multipart/form-data as browsers do.
 */
async function directLineBody(attachments: Attachment[], activity: unknown = message(attachments)): Promise<{ contentType: string; body: Buffer }> {
  const form = new FormData();
  form.append('activity', new Blob([JSON.stringify(activity)], { type: 'application/vnd.microsoft.activity' }));
  for (const a of attachments) form.append('file', new Blob([new Uint8Array(a.bytes)], { type: a.contentType }), a.name ?? 'blob');
  return multipart(form);
}

async function multipart(form: FormData): Promise<{ contentType: string; body: Buffer }> {
  const request = new Request('http://localhost/upload', { method: 'POST', body: form });
  return { contentType: request.headers.get('content-type') ?? '', body: Buffer.from(await request.arrayBuffer()) };
}

/** A request stream in 97-byte pieces, so part boundaries fall anywhere. */
function source(contentType: string, body: Buffer, withLength = true): UploadSource {
  const pieces: Buffer[] = [];
  for (let at = 0; at < body.length; at += 97) pieces.push(body.subarray(at, at + 97));
  return Object.assign(Readable.from(pieces), {
    headers: { 'content-type': contentType, ...(withLength && { 'content-length': String(body.length) }) },
  });
}

async function parse(attachments: Attachment[], limits = LIMITS): Promise<ParsedUpload> {
  const { contentType, body } = await directLineBody(attachments);
  return parseUpload(source(contentType, body), limits);
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
}

describe('parseUpload', () => {
  const photo = Buffer.alloc(600, 1);
  const other = Buffer.alloc(400, 2);

  it('reads what botframework-directlinejs sends: the activity and each file with its name and declared type', async () => {
    const parsed = await parse([
      { name: 'ihottuma ä.jpg', contentType: 'image/jpeg', bytes: photo },
      { name: 'toinen.png', contentType: 'image/png', bytes: other },
    ]);
    expect(parsed.activity).toEqual(
      message([
        { name: 'ihottuma ä.jpg', contentType: 'image/jpeg', bytes: photo },
        { name: 'toinen.png', contentType: 'image/png', bytes: other },
      ]),
    );
    expect(parsed.files.map((f) => [f.name, f.declaredType, f.tooLarge])).toEqual([
      ['ihottuma ä.jpg', 'image/jpeg', false],
      ['toinen.png', 'image/png', false],
    ]);
    expect(parsed.files[0]?.bytes.equals(photo)).toBe(true);
    expect(parsed.files[1]?.bytes.equals(other)).toBe(true);
  });

  it('reads an upload over a real HTTP connection (chunked, as fetch sends FormData)', async () => {
    const server = http.createServer((req, res) => {
      parseUpload(req, LIMITS).then(
        (p) => res.end(JSON.stringify({ activityType: p.activity.type, files: p.files.map((f) => [f.name, f.bytes.length]) })),
        (e: unknown) => res.writeHead(400).end(String(e)),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const form = new FormData();
      form.append('activity', new Blob([JSON.stringify(message([]))], { type: 'application/vnd.microsoft.activity' }));
      form.append('file', new Blob([photo], { type: 'image/jpeg' }), 'kuva.jpg');
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/v3/directline/conversations/c1/upload?userId=dl_user1`, { method: 'POST', body: form });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ activityType: 'message', files: [['kuva.jpg', 600]] });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('keeps an oversize file as too large, without its bytes, and reads the rest', async () => {
    const parsed = await parse([
      { name: 'iso.jpg', contentType: 'image/jpeg', bytes: Buffer.alloc(LIMITS.maxFileBytes + 1) },
      { name: 'pieni.jpg', contentType: 'image/jpeg', bytes: photo },
    ]);
    expect(parsed.files.map((f) => [f.name, f.tooLarge, f.bytes.length])).toEqual([
      ['iso.jpg', true, 0],
      ['pieni.jpg', false, 600],
    ]);
  });

  it('takes a file of exactly the size limit', async () => {
    const parsed = await parse([{ name: 'raja.jpg', contentType: 'image/jpeg', bytes: Buffer.alloc(LIMITS.maxFileBytes, 3) }]);
    expect(parsed.files[0]).toMatchObject({ tooLarge: false });
    expect(parsed.files[0]?.bytes.length).toBe(LIMITS.maxFileBytes);
  });

  it('names a file without a name "blob", as the client does', async () => {
    const parsed = await parse([{ contentType: 'image/png', bytes: other }]);
    expect(parsed.files[0]?.name).toBe('blob');
  });

  it('accepts an upload with no files', async () => {
    expect((await parse([])).files).toEqual([]);
  });

  it('reads the activity sent as a plain form field too', async () => {
    const form = new FormData();
    form.append('activity', JSON.stringify({ type: 'message' }));
    form.append('file', new Blob([photo], { type: 'image/jpeg' }), 'a.jpg');
    const { contentType, body } = await multipart(form);
    const parsed = await parseUpload(source(contentType, body), LIMITS);
    expect(parsed.activity).toEqual({ type: 'message' });
    expect(parsed.files).toHaveLength(1);
  });

  it('refuses more files than allowed', async () => {
    const five = Array.from({ length: 5 }, (_, i) => ({ name: `${i}.jpg`, contentType: 'image/jpeg', bytes: other }));
    const error = await failure(parse(five));
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).code).toBe('TooManyFiles');
  });

  it('refuses an activity over its limit', async () => {
    const big = { ...message([]), text: 'x'.repeat(LIMITS.maxActivityBytes) };
    const { contentType, body } = await directLineBody([], big);
    expect(await failure(parseUpload(source(contentType, body), LIMITS))).toBeInstanceOf(PayloadTooLargeError);
  });

  it('refuses a body over the total cap, by its Content-Length or while streaming', async () => {
    const files = Array.from({ length: 4 }, (_, i) => ({ name: `${i}.jpg`, contentType: 'image/jpeg', bytes: photo }));
    const { contentType, body } = await directLineBody(files);
    const limits = { ...LIMITS, maxBodyBytes: body.length - 1 };
    expect(await failure(parseUpload(source(contentType, body, true), limits))).toBeInstanceOf(PayloadTooLargeError);
    expect(await failure(parseUpload(source(contentType, body, false), limits))).toBeInstanceOf(PayloadTooLargeError);
  });

  it.each([
    [
      'no activity part',
      async () => {
        const form = new FormData();
        form.append('file', new Blob([photo], { type: 'image/jpeg' }), 'a.jpg');
        return multipart(form);
      },
      'MissingProperty',
    ],
    [
      'an activity that is not JSON',
      async () => {
        const form = new FormData();
        form.append('activity', new Blob(['{"type":'], { type: 'application/vnd.microsoft.activity' }));
        return multipart(form);
      },
      'MalformedJson',
    ],
    [
      'an activity that is not an object',
      async () => {
        const form = new FormData();
        form.append('activity', new Blob(['[1,2]'], { type: 'application/vnd.microsoft.activity' }));
        return multipart(form);
      },
      'BadArgument',
    ],
    [
      'two activity parts',
      async () => {
        const form = new FormData();
        form.append('activity', new Blob(['{}'], { type: 'application/vnd.microsoft.activity' }));
        form.append('activity', new Blob(['{}'], { type: 'application/vnd.microsoft.activity' }));
        return multipart(form);
      },
      'BadArgument',
    ],
    ['a JSON body instead of multipart', async () => ({ contentType: 'application/json', body: Buffer.from('{"type":"message"}') }), 'BadArgument'],
    [
      'a multipart body cut short',
      async () => {
        const { contentType, body } = await directLineBody([{ name: 'a.jpg', contentType: 'image/jpeg', bytes: photo }]);
        return { contentType, body: body.subarray(0, body.length - 100) };
      },
      'MalformedMultipart',
    ],
  ])('refuses %s with BadRequestError', async (_what, make, code) => {
    const { contentType, body } = await make();
    const error = await failure(parseUpload(source(contentType, body), LIMITS));
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).code).toBe(code);
  });
});
