/** Schema of staff accounts and sessions; versions 10–19 are reserved for it. */
export const STAFF_MIGRATIONS: readonly { version: number; sql: string }[] = [];
