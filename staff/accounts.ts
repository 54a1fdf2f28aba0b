// Creating and changing staff accounts: validation first, then the store. Used by the
// staff:add command; a later admin API can reuse it.
import { randomBytes } from 'node:crypto';
import { assertPasswordPolicy, hashPassword, type ScryptParams } from './passwords';
import { isStaffRole, STAFF_ROLES } from './roles';
import { InvalidStaffAccountError, UnknownStaffError } from './staffErrors';
import type { StaffAccount, StaffStore } from './staffStore';

const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;
const MAX_DISPLAY_NAME = 100;

/** What an administrator gives for a new account. */
export interface StaffAccountInput {
  username: string;
  displayName: string;
  role: string;
  queues: readonly string[];
}

/** A new staff id: 16 random bytes, base64url (22 characters). */
export function newStaffId(): string {
  return randomBytes(16).toString('base64url');
}

/** The canonical form of a username: trimmed, lower case. */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

/** Checks a queue list against the known queue ids; returns it without duplicates. */
export function validateQueues(queues: readonly string[], knownQueueIds: readonly string[]): string[] {
  const unique = [...new Set(queues.map((q) => q.trim()).filter((q) => q !== ''))];
  if (unique.length === 0) throw new InvalidStaffAccountError('queues', 'at least one queue is required');
  const unknown = unique.filter((q) => !knownQueueIds.includes(q));
  if (unknown.length > 0) {
    throw new InvalidStaffAccountError('queues', `unknown queue ${unknown.join(', ')}; known queues: ${knownQueueIds.join(', ')}`);
  }
  return unique;
}

/** Validates the input and the password, hashes the password and stores the account. */
export async function createStaffAccount(
  store: StaffStore,
  input: StaffAccountInput,
  password: string,
  knownQueueIds: readonly string[],
  now: Date,
  scryptParams?: ScryptParams,
): Promise<StaffAccount> {
  const username = normalizeUsername(input.username);
  if (!USERNAME_PATTERN.test(username)) {
    throw new InvalidStaffAccountError('username', 'username must be 2–64 characters: letters a–z, digits, dot, dash, underscore');
  }
  const displayName = input.displayName.trim().replace(/\s+/g, ' ');
  if (displayName === '' || displayName.length > MAX_DISPLAY_NAME || /[\p{Cc}<>]/u.test(displayName)) {
    throw new InvalidStaffAccountError('displayName', `display name must be 1–${MAX_DISPLAY_NAME} characters without control characters or < >`);
  }
  if (!isStaffRole(input.role)) {
    throw new InvalidStaffAccountError('role', `role must be one of ${STAFF_ROLES.join(', ')}`);
  }
  const queues = validateQueues(input.queues, knownQueueIds);
  assertPasswordPolicy(password, username);
  const passwordHash = await hashPassword(password, scryptParams);
  return store.createAccount({ id: newStaffId(), username, displayName, role: input.role, queues, passwordHash }, now);
}

/** Looks an account up by username for administrative changes; throws UnknownStaffError. */
export async function requireAccountByUsername(store: StaffStore, username: string): Promise<StaffAccount> {
  const found = await store.findCredentials(normalizeUsername(username));
  if (!found) throw new UnknownStaffError();
  const { passwordHash: _hash, failedLogins: _failed, lockedUntil: _locked, ...account } = found;
  return account;
}
