import pino, { type Logger, type DestinationStream } from 'pino';

export type { Logger };

/**
 * Builds the process logger. Call sites log ids, counts, codes and timings only:
 * never message text, answers, names or images. Redaction is a second line of
 * defence for fields that must never appear even by mistake.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'luotsi' },
      redact: {
        paths: ['text', 'value', 'attachments', 'token', '*.text', '*.value', '*.token', 'req.headers.authorization', 'req.headers.cookie'],
        censor: '[redacted]',
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
