// GET /staff/api/replies?queue=<id>: the ready replies of one of the caller's queues, each with
// its title and text in every language (the console shows the title in the staff member's
// language and inserts the text in the client's).
import type { Server } from 'restify';
import { BadRequestError } from '../errors';
import type { ReadyReply } from '../handoff/readyReplies';
import type { StaffAuthenticator } from '../staff/authentication';
import { asyncRoute, sendJson } from './asyncRoute';
import { queryParam } from './queryParam';
import { assertQueueAccess, requireStaff, type StaffHttpOptions } from './staffAuth';

/** What the route needs from the composition root. */
export interface StaffRepliesOptions {
  authenticator: StaffAuthenticator;
  http: StaffHttpOptions;
  replies: ReadonlyMap<string, readonly ReadyReply[]>;
  clock: () => Date;
}

/** Registers GET /staff/api/replies. */
export function registerStaffReplies(server: Server, options: StaffRepliesOptions): void {
  server.get(
    '/staff/api/replies',
    asyncRoute(async (req, res) => {
      const staff = await requireStaff(req, options.authenticator, options.http, options.clock());
      const queueId = queryParam(req, 'queue');
      if (queueId === undefined || !/^[a-z0-9_]{1,64}$/.test(queueId)) throw new BadRequestError('queue is not a valid queue id', 'InvalidParameter');
      assertQueueAccess(staff.identity, queueId);
      res.setHeader('Cache-Control', 'no-store');
      sendJson(res, 200, { queueId, replies: options.replies.get(queueId) ?? [] });
    }),
  );
}
