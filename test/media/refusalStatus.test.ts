import { MediaRefusedError, type MediaRefusalReason } from '../../errors';
import { statusOf } from '../../http/errorResponse';

describe('MediaRefusedError over HTTP', () => {
  it.each([
    ['too_large', 413],
    ['unsupported_type', 415],
    ['too_many_pixels', 422],
    ['too_many_files', 422],
    ['unreadable', 422],
  ] as [MediaRefusalReason, number][])('maps %s to %i', (reason, status) => {
    const error = new MediaRefusedError(reason, 'refused');
    expect(error.code).toBe('MediaRefused');
    expect(statusOf(error)).toBe(status);
  });
});
