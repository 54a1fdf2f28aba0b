import type { StaffRole } from './roles';

/** A staff account as the rest of the service sees it: no password hash. */
export interface StaffAccount {
  id: string;
  /** Login name, lower case. */
  username: string;
  displayName: string;
  role: StaffRole;
  /** Work queue ids the member belongs to; they see only these. */
  queues: string[];
  disabled: boolean;
  createdAt: Date;
}

/** An account with what login needs: the password hash and the lockout state. */
export interface StaffCredentials extends StaffAccount {
  passwordHash: string;
  /** Consecutive failed logins since the last success or lockout. */
  failedLogins: number;
  lockedUntil: Date | undefined;
}

/** What creating an account takes; the caller has validated and hashed already. */
export interface NewStaffAccount {
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
  queues: readonly string[];
  passwordHash: string;
}

/** A stored login session. Its id exists only in the cookie; the store keeps its SHA-256. */
export interface StaffSessionRecord {
  idHash: string;
  staffId: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  /** Absolute end, however active the session is. */
  expiresAt: Date;
}

/** Staff accounts, their login sessions and who is online; async so PostgreSQL can follow. */
export interface StaffStore {
  /** Creates an account; throws DuplicateUsernameError if the username is taken. */
  createAccount(account: NewStaffAccount, now: Date): Promise<StaffAccount>;
  getAccount(staffId: string): Promise<StaffAccount | undefined>;
  /** The account with its secrets, for login; undefined when there is no such username. */
  findCredentials(username: string): Promise<StaffCredentials | undefined>;
  /** Replaces the member's queues; throws UnknownStaffError when there is no such account. */
  setQueues(staffId: string, queues: readonly string[], now: Date): Promise<void>;
  /** Changes the member's role; throws UnknownStaffError when there is no such account. */
  setRole(staffId: string, role: StaffRole, now: Date): Promise<void>;
  /** Disables or re-enables an account; disabling also ends all its sessions. */
  setDisabled(staffId: string, disabled: boolean, now: Date): Promise<void>;
  /**
   * Counts one failed login atomically; the failure that reaches `maxFailures` locks the
   * account until `lockedUntil` and starts the count again. Returns whether it locked.
   */
  recordFailedLogin(staffId: string, maxFailures: number, lockedUntil: Date, now: Date): Promise<{ locked: boolean }>;
  /** Clears the failure count and any expired lock after a successful login. */
  recordSuccessfulLogin(staffId: string, now: Date): Promise<void>;
  createSession(session: StaffSessionRecord): Promise<void>;
  /** The session and its account, or undefined. */
  findSession(idHash: string): Promise<{ session: StaffSessionRecord; account: StaffAccount } | undefined>;
  /** Moves the session's last activity (sliding idle expiry). */
  touchSession(idHash: string, now: Date): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  /** Deletes sessions past their absolute end or idle since before `idleCutoff`; returns how many. */
  purgeExpiredSessions(idleCutoff: Date, now: Date): Promise<number>;
  /**
   * Staff online per queue: enabled members with a live session active since `activeSince`.
   * Queues nobody is online for are absent.
   */
  onlineCountsByQueue(activeSince: Date, now: Date): Promise<Record<string, number>>;
  /** When each of the staff members last used any live session; absent when they have none. */
  lastSeenByStaff(staffIds: readonly string[], now: Date): Promise<Map<string, Date>>;
}
