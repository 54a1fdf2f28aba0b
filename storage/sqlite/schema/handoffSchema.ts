/** Schema of the handoff queue (cases, their messages, feedback, audit); versions 3–9 are reserved for it. */
export const HANDOFF_MIGRATIONS: readonly { version: number; sql: string }[] = [];
