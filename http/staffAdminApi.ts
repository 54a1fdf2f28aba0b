// The admin part of the staff API under /staff/api/admin: accounts (list, create, disable or
// enable, reset the password, queue membership) and the admin audit log. Only the admin role
// may use it (403 AdminOnly for everyone else, before anything is read); the session and CSRF
// rules are those of the rest of the staff API. Log lines carry ids and codes, never usernames,
// names or passwords.
import type { Request, Server } from 'restify';
import { BadRequestError, ForbiddenError } from '../errors';
import type { Logger } from '../logger';
import type { AdminAuditEntry } from '../staff/adminStore';
import type { AuthenticatedStaff, StaffAuthenticator } from '../staff/authentication';
import type { StaffAdmin } from '../staff/staffAdmin';
import type { StaffAccount } from '../staff/staffStore';
import { asyncRoute, sendJson } from './asyncRoute';
import { asObject, readJsonBody } from './jsonBody';
import { requireStaff, type StaffHttpOptions } from './staffAuth';

const MAX_ADMIN_BODY_BYTES = 16 * 1024;
const MAX_FIELD = 256;
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** What the admin routes need from the composition root. */
export interface StaffAdminApiOptions {
  authenticator: StaffAuthenticator;
  http: StaffHttpOptions;
  admin: StaffAdmin;
  logger: Logger;
  clock: () => Date;
}

/** A member of staff without the admin role asked for an admin route. */
export class AdminOnlyError extends ForbiddenError {
  constructor() {
    super('only an administrator may do this', 'AdminOnly');
  }
}

function accountJson(a: StaffAccount): Record<string, unknown> {
  return {
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    role: a.role,
    queues: a.queues,
    disabled: a.disabled,
    createdAt: a.createdAt.toISOString(),
  };
}

function auditJson(e: AdminAuditEntry): Record<string, unknown> {
  return { at: e.at.toISOString(), actorId: e.actorId, action: e.action, targetId: e.targetId, role: e.role ?? null, queues: e.queues ?? null };
}

async function body(req: Request, allowed: readonly string[]): Promise<Record<string, unknown>> {
  const parsed = asObject((await readJsonBody(req, MAX_ADMIN_BODY_BYTES)) ?? {}, 'the request body');
  const unknown = Object.keys(parsed).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) throw new BadRequestError(`unknown field(s): ${unknown.map((k) => k.slice(0, 40)).join(', ')}`, 'UnknownField');
  return parsed;
}

function stringField(b: Record<string, unknown>, name: string): string {
  const value = b[name];
  if (typeof value !== 'string' || value === '') throw new BadRequestError(`${name} is required`, 'MissingField');
  if (value.length > MAX_FIELD) throw new BadRequestError(`${name} is too long`, 'TooLong');
  return value;
}

function queuesField(b: Record<string, unknown>): string[] {
  const value = b.queues;
  if (!Array.isArray(value) || !value.every((q): q is string => typeof q === 'string' && q.length <= 64))
    throw new BadRequestError('queues must be a list of queue ids', 'InvalidField');
  return value;
}

function idParam(req: Request): string {
  const raw = (req.params as Record<string, unknown> | undefined)?.id;
  if (typeof raw !== 'string' || !ID_PATTERN.test(raw)) throw new BadRequestError('id is not a valid id', 'InvalidParameter');
  return raw;
}

/** Registers the /staff/api/admin routes. */
export function registerStaffAdminApi(server: Server, options: StaffAdminApiOptions): void {
  const { admin, logger, clock } = options;
  const requireAdmin = async (req: Request, now: Date): Promise<AuthenticatedStaff> => {
    const staff = await requireStaff(req, options.authenticator, options.http, now);
    if (staff.identity.role !== 'admin') throw new AdminOnlyError();
    return staff;
  };
  const logged = (actor: AuthenticatedStaff, action: string, targetId: string) =>
    logger.info({ staffId: actor.identity.staffId, targetId, action }, 'staff admin action');

  server.get(
    '/staff/api/admin/accounts',
    asyncRoute(async (req, res) => {
      await requireAdmin(req, clock());
      sendJson(res, 200, { accounts: (await admin.list()).map(accountJson) });
    }),
  );

  server.post(
    '/staff/api/admin/accounts',
    asyncRoute(async (req, res) => {
      const now = clock();
      const actor = await requireAdmin(req, now);
      const b = await body(req, ['username', 'displayName', 'role', 'queues', 'password']);
      const account = await admin.create(
        actor.identity.staffId,
        { username: stringField(b, 'username'), displayName: stringField(b, 'displayName'), role: stringField(b, 'role'), queues: queuesField(b) },
        stringField(b, 'password'),
        now,
      );
      logged(actor, 'account_create', account.id);
      sendJson(res, 201, { account: accountJson(account) });
    }),
  );

  server.post(
    '/staff/api/admin/accounts/:id/disabled',
    asyncRoute(async (req, res) => {
      const now = clock();
      const actor = await requireAdmin(req, now);
      const id = idParam(req);
      const b = await body(req, ['disabled']);
      if (typeof b.disabled !== 'boolean') throw new BadRequestError('disabled must be true or false', 'InvalidField');
      const account = await admin.setDisabled(actor.identity.staffId, id, b.disabled, now);
      logged(actor, b.disabled ? 'account_disable' : 'account_enable', id);
      sendJson(res, 200, { account: accountJson(account) });
    }),
  );

  server.post(
    '/staff/api/admin/accounts/:id/password',
    asyncRoute(async (req, res) => {
      const now = clock();
      const actor = await requireAdmin(req, now);
      const id = idParam(req);
      const b = await body(req, ['password']);
      const account = await admin.resetPassword(actor.identity.staffId, id, stringField(b, 'password'), now);
      logged(actor, 'password_reset', id);
      sendJson(res, 200, { account: accountJson(account) });
    }),
  );

  server.post(
    '/staff/api/admin/accounts/:id/queues',
    asyncRoute(async (req, res) => {
      const now = clock();
      const actor = await requireAdmin(req, now);
      const id = idParam(req);
      const b = await body(req, ['queues']);
      const account = await admin.setQueues(actor.identity.staffId, id, queuesField(b), now);
      logged(actor, 'queues_set', id);
      sendJson(res, 200, { account: accountJson(account) });
    }),
  );

  server.get(
    '/staff/api/admin/audit',
    asyncRoute(async (req, res) => {
      await requireAdmin(req, clock());
      sendJson(res, 200, { entries: (await admin.auditLog()).map(auditJson) });
    }),
  );
}
