import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AttachmentUnavailableError,
  attachmentDownloadPolicy,
  downloadAttachment,
  isTrustedAttachmentUrl,
  type AttachmentDownloadPolicy,
} from '../../media/attachmentDownload';

const policy: AttachmentDownloadPolicy = {
  trustedHosts: ['directline.botframework.com', '*.directline.botframework.com', 'smba.trafficmanager.net'],
  allowLoopbackHttp: true,
  maxBytes: 1000,
  timeoutMs: 5000,
};

describe('isTrustedAttachmentUrl', () => {
  it.each([
    ['https://directline.botframework.com/attachments/x', true],
    ['https://europe.directline.botframework.com/attachments/x', true],
    ['https://smba.trafficmanager.net/emea/v3/attachments/x', true],
    ['http://directline.botframework.com/attachments/x', false],
    ['https://evil.directline.botframework.com.example.org/x', false],
    ['https://directline.botframework.com.evil.org/x', false],
    ['https://xdirectline.botframework.com/x', false],
    ['https://user:pw@directline.botframework.com/x', false],
    ['https://example.com/photo.jpg', false],
    ['file:///etc/passwd', false],
    ['data:image/png;base64,AAAA', false],
    ['http://127.0.0.1:8080/x.jpg', true],
    ['http://10.0.0.5/x.jpg', false],
    [42, false],
  ])('%s -> %s', (url, expected) => {
    expect(isTrustedAttachmentUrl(url, policy)).toBe(expected);
  });

  it('refuses loopback http outside development', () => {
    expect(isTrustedAttachmentUrl('http://127.0.0.1:8080/x.jpg', { ...policy, allowLoopbackHttp: false })).toBe(false);
  });
});

describe('downloadAttachment (against a loopback server)', () => {
  let server: http.Server;
  let base = '';
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/small') {
        res.end(Buffer.alloc(500, 1));
      } else if (req.url === '/big-declared') {
        res.writeHead(200, { 'Content-Length': '5000' });
        res.end(Buffer.alloc(5000, 1));
      } else if (req.url === '/big-chunked') {
        res.writeHead(200, { 'Transfer-Encoding': 'chunked' });
        for (let i = 0; i < 10; i += 1) res.write(Buffer.alloc(400, 1));
        res.end();
      } else if (req.url === '/redirect') {
        res.writeHead(302, { Location: 'https://example.com/x.jpg' });
        res.end();
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reads a file under the cap', async () => {
    const photo = await downloadAttachment(`${base}/small`, policy);
    expect(photo.bytes.length).toBe(500);
    expect(photo.tooLarge).toBeUndefined();
  });

  it.each(['/big-declared', '/big-chunked'])('marks %s too large without keeping its bytes', async (path) => {
    const photo = await downloadAttachment(`${base}${path}`, policy);
    expect(photo).toEqual({ bytes: Buffer.alloc(0), tooLarge: true });
  });

  it.each(['/redirect', '/missing'])('refuses %s as unavailable', async (path) => {
    await expect(downloadAttachment(`${base}${path}`, policy)).rejects.toBeInstanceOf(AttachmentUnavailableError);
  });

  it('never contacts an untrusted host', async () => {
    await expect(downloadAttachment('https://example.com/x.jpg', policy)).rejects.toBeInstanceOf(AttachmentUnavailableError);
  });
});

describe('attachmentDownloadPolicy (audit finding L9)', () => {
  const config = (allowUnauthenticated: boolean) => ({
    photo: { trustedAttachmentHosts: ['smba.trafficmanager.net'], maxBytes: 1000 },
    botFramework: { allowUnauthenticated },
  });

  it('fetches loopback http only with the explicit development flag, not merely outside production', () => {
    expect(isTrustedAttachmentUrl('http://127.0.0.1:4180/img.jpg', attachmentDownloadPolicy(config(false)))).toBe(false);
    expect(isTrustedAttachmentUrl('http://0x7f000001:4180/img.jpg', attachmentDownloadPolicy(config(false)))).toBe(false);
    expect(isTrustedAttachmentUrl('http://127.0.0.1:4180/img.jpg', attachmentDownloadPolicy(config(true)))).toBe(true);
    expect(isTrustedAttachmentUrl('https://smba.trafficmanager.net/a.jpg', attachmentDownloadPolicy(config(false)))).toBe(true);
  });
});
