import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { BadRequestError, PayloadTooLargeError, type LuotsiError } from '../errors';
import { asObject } from '../http/jsonBody';

/** Limits of one Direct Line upload request. */
export interface UploadLimits {
  /** Largest file; a bigger one is kept as `tooLarge` with no bytes, so the bot can say why. */
  maxFileBytes: number;
  /** Most file parts in one request; more fail the request with BadRequestError('TooManyFiles'). */
  maxFiles: number;
  /** Largest activity JSON part; a bigger one fails with PayloadTooLargeError. */
  maxActivityBytes: number;
  /** Largest whole request body; a bigger one fails with PayloadTooLargeError. */
  maxBodyBytes: number;
}

/** A file part as received. `name` and `declaredType` come from the client and prove nothing. */
export interface UploadedFile {
  name: string;
  declaredType: string;
  /** Empty when `tooLarge`: bytes past the limit are never buffered. */
  bytes: Buffer;
  tooLarge: boolean;
}

/** The activity template and the files of one upload. */
export interface ParsedUpload {
  activity: Record<string, unknown>;
  files: UploadedFile[];
}

/** What the parser reads: an IncomingMessage, or any stream with its headers. */
export type UploadSource = Readable & { headers: IncomingHttpHeaders };

// botframework-directlinejs (postMessageWithAttachments) appends the activity as a Blob of type
// application/vnd.microsoft.activity under the name "activity" (so it arrives as a file part named
// "blob"), then each attachment as a part named "file" with its own type and file name. Other
// clients may send the activity as a plain field; both are read. Any other file part is a file.
const ACTIVITY_PART = 'activity';

/**
 * Parses a Direct Line `POST /conversations/:id/upload` body (multipart/form-data) with limits.
 * Throws BadRequestError for a malformed body, a missing or invalid activity, or too many files,
 * and PayloadTooLargeError for an oversize body or activity; the rest of the body is then drained.
 */
export function parseUpload(req: UploadSource, limits: UploadLimits): Promise<ParsedUpload> {
  return new Promise<ParsedUpload>((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (Number.isFinite(declared) && declared > limits.maxBodyBytes) {
      req.resume();
      reject(new PayloadTooLargeError(`upload larger than ${limits.maxBodyBytes} bytes`));
      return;
    }
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8', // browsers send file names as raw UTF-8 (äö)
        limits: {
          fileSize: Math.max(limits.maxFileBytes, limits.maxActivityBytes),
          files: limits.maxFiles + 1, // + the activity when it comes as a file part
          fieldSize: limits.maxActivityBytes,
          fields: 8,
          parts: limits.maxFiles + 9,
          headerPairs: 20,
        },
      });
    } catch (cause) {
      req.resume();
      reject(new BadRequestError('expected a multipart/form-data body', 'BadArgument', { cause }));
      return;
    }

    let settled = false;
    let activityText: string | undefined;
    let fileCount = 0;
    const files: UploadedFile[] = [];
    const pending: Promise<void>[] = [];

    const fail = (error: LuotsiError) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      req.off('data', countBody);
      parser.on('error', () => undefined); // late parser errors after giving up are expected
      parser.destroy();
      req.resume(); // drain the rest so the response can still be sent on this connection
      reject(error);
    };

    let bodyBytes = 0;
    function countBody(chunk: Buffer) {
      bodyBytes += chunk.length;
      if (bodyBytes > limits.maxBodyBytes) fail(new PayloadTooLargeError(`upload larger than ${limits.maxBodyBytes} bytes`));
    }

    const takeActivity = (text: string) => {
      if (activityText !== undefined) fail(new BadRequestError('more than one activity part', 'BadArgument'));
      else activityText = text;
    };

    parser.on('field', (name, value, info) => {
      if (name !== ACTIVITY_PART) return; // unknown fields are ignored, like the Direct Line service does
      if (info.valueTruncated) fail(new PayloadTooLargeError(`activity larger than ${limits.maxActivityBytes} bytes`));
      else takeActivity(value);
    });

    parser.on('file', (name, stream, info) => {
      stream.on('error', () => undefined); // the parser is destroyed on failure; its streams error with it
      const isActivity = name === ACTIVITY_PART;
      if (!isActivity && ++fileCount > limits.maxFiles) {
        stream.resume();
        fail(new BadRequestError(`more than ${limits.maxFiles} files in one upload`, 'TooManyFiles'));
        return;
      }
      const partLimit = isActivity ? limits.maxActivityBytes : limits.maxFileBytes;
      let chunks: Buffer[] = [];
      let size = 0;
      let tooLarge = false;
      stream.on('data', (chunk: Buffer) => {
        if (tooLarge) return;
        size += chunk.length;
        if (size > partLimit) {
          tooLarge = true;
          chunks = []; // what was held goes; the rest is read and dropped
        } else chunks.push(chunk);
      });
      stream.on('limit', () => {
        tooLarge = true;
        chunks = [];
      });
      pending.push(
        new Promise<void>((done) => {
          stream.on('end', () => {
            if (isActivity) {
              if (tooLarge) fail(new PayloadTooLargeError(`activity larger than ${limits.maxActivityBytes} bytes`));
              else takeActivity(Buffer.concat(chunks).toString('utf8'));
            } else {
              files.push({ name: info.filename ?? '', declaredType: info.mimeType, bytes: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge });
            }
            done();
          });
        }),
      );
    });

    parser.on('filesLimit', () => fail(new BadRequestError(`more than ${limits.maxFiles} files in one upload`, 'TooManyFiles')));
    parser.on('partsLimit', () => fail(new BadRequestError('too many parts in the upload', 'BadArgument')));
    parser.on('fieldsLimit', () => fail(new BadRequestError('too many fields in the upload', 'BadArgument')));
    parser.on('error', (cause) => fail(new BadRequestError('malformed multipart body', 'MalformedMultipart', { cause })));
    req.on('error', (cause) => fail(new BadRequestError('upload interrupted', 'UploadAborted', { cause })));

    parser.on('close', () => {
      void Promise.all(pending).then(() => {
        if (settled) return;
        if (activityText === undefined) {
          fail(new BadRequestError('the upload has no activity part', 'MissingProperty'));
          return;
        }
        let activity: Record<string, unknown>;
        try {
          activity = asObject(JSON.parse(activityText) as unknown, 'activity');
        } catch (cause) {
          fail(cause instanceof BadRequestError ? cause : new BadRequestError('the activity is not valid JSON', 'MalformedJson', { cause }));
          return;
        }
        settled = true;
        resolve({ activity, files });
      });
    });

    req.on('data', countBody);
    req.pipe(parser);
  });
}
