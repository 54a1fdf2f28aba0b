// The verified identity of a case for staff: GET /staff/api/cases/:id/identity shows it to staff of
// the case's queue only (403 for others), each view audited as `identity_view`; POST
// /staff/api/cases/:id/identify-request asks the client of a case the caller holds to identify
// (audited as `identity_request`). The identity never reaches a log line: ids and codes only.
import type { Request, Response, Server } from 'restify';
import { ConflictError, NotFoundError } from '../errors';
import type { CaseIdentityStore } from '../handoff/caseIdentity';
import type { HandoffCase, HandoffStore } from '../handoff';
import { caseContext, type CitizenIdentification } from '../identity/citizenIdentification';
import type { Logger } from '../logger';
import type { StaffAuthenticator } from '../staff/authentication';
import { asyncRoute } from './asyncRoute';
import { assertQueueAccess, requireStaff, type StaffHttpOptions } from './staffAuth';

export interface StaffIdentityApiOptions {
  authenticator: StaffAuthenticator;
  http: StaffHttpOptions;
  handoff: HandoffStore;
  caseIdentity: CaseIdentityStore;
  service: CitizenIdentification;
  logger: Logger;
  clock: () => Date;
  /** Sends the "please identify" message with its button to the case's client. */
  onIdentifyRequest: (handoffCase: HandoffCase) => Promise<void>;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

function caseIdOf(req: Request): string {
  const id = String(req.params?.id ?? '');
  if (!ID_PATTERN.test(id)) throw new NotFoundError('no such case');
  return id;
}

function send(res: Response, status: number, body: unknown): void {
  res.status(status);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(body));
}

/** Registers the identity routes of the staff API. */
export function registerStaffIdentityApi(server: Server, options: StaffIdentityApiOptions): void {
  const { handoff, caseIdentity, service, logger, clock } = options;

  server.get(
    '/staff/api/cases/:id/identity',
    asyncRoute(async (req, res) => {
      const now = clock();
      const staff = await requireStaff(req, options.authenticator, options.http, now);
      const caseId = caseIdOf(req);
      const found = await caseIdentity.sealedOf(caseId);
      if (!found) throw new NotFoundError('no such case');
      assertQueueAccess(staff.identity, found.queueId);
      if (found.sealed === undefined) {
        send(res, 200, { identified: false });
        return;
      }
      const identity = service.open(found.sealed, caseContext(caseId));
      // Audited before it is shown: a view that cannot be recorded is not given.
      await handoff.appendAudit({ staffId: staff.identity.staffId, action: 'identity_view', caseId, at: now });
      logger.info({ staffId: staff.identity.staffId, caseId, action: 'identity_view' }, 'staff action');
      send(res, 200, {
        identified: true,
        identity: {
          givenName: identity.givenName,
          familyName: identity.familyName,
          identityCode: identity.identityCode,
          assurance: identity.assurance,
          provider: identity.provider,
          identifiedAt: identity.identifiedAt,
          matterOf: identity.matterOf ?? 'self',
          // Whoever identified acts for someone else: no mandate or guardianship was checked.
          mandateChecked: false,
        },
      });
    }),
  );

  server.post(
    '/staff/api/cases/:id/identify-request',
    asyncRoute(async (req, res) => {
      const now = clock();
      const staff = await requireStaff(req, options.authenticator, options.http, now);
      const caseId = caseIdOf(req);
      const caller = { staffId: staff.identity.staffId, queues: staff.identity.queues };
      const held = (await handoff.listClaimedBy(caller)).find((c) => c.id === caseId);
      if (!held) {
        // 404 / 403 as for any case, else the case is not the caller's to chat in.
        await handoff.listMessages(caller, caseId);
        throw new ConflictError('claim the case before asking the client to identify');
      }
      await handoff.appendAudit({ staffId: staff.identity.staffId, action: 'identity_request', caseId, at: now });
      let sent = true;
      try {
        await options.onIdentifyRequest(held);
      } catch (error) {
        sent = false;
        logger.error({ err: error, caseId }, 'identification request not delivered');
      }
      send(res, 202, { requested: true, sent });
    }),
  );
}
