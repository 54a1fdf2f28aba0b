import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely';
import type { DatabaseKind } from '../database';
import type { LuotsiTables, StoredFlag, StoredTextList } from './tables';

/**
 * One query layer over either backend: the Kysely instance and which engine it talks to. The
 * stores written on it are the same code for both; the few spots where the engines differ go
 * through the helpers below and nowhere else.
 */
export interface QueryDb {
  readonly kind: DatabaseKind;
  readonly kysely: Kysely<LuotsiTables>;
}

/** A flag as the backend stores it (better-sqlite3 cannot bind booleans). */
export function storedFlag(db: QueryDb, value: boolean): StoredFlag {
  return db.kind === 'sqlite' ? (value ? 1 : 0) : value;
}

/** A stored flag as a boolean (0/1 or a boolean). */
export function flagOf(value: StoredFlag | null): boolean {
  return value === true || value === 1;
}

/** A list of texts as the backend stores it: JSON text on SQLite, TEXT[] on PostgreSQL. */
export function storedTextList(db: QueryDb, list: readonly string[]): StoredTextList {
  return db.kind === 'sqlite' ? JSON.stringify(list) : [...list];
}

/** A stored list of texts as an array. */
export function textListOf(value: StoredTextList | null): string[] {
  if (value === null) return [];
  return typeof value === 'string' ? (JSON.parse(value) as string[]) : [...value];
}

/** The larger of two numbers: SQLite's two-argument MAX, PostgreSQL's GREATEST. */
export function greatest(db: QueryDb, a: Expression<number>, b: Expression<number> | number): RawBuilder<number> {
  return db.kind === 'sqlite' ? sql<number>`MAX(${a}, ${b})` : sql<number>`GREATEST(${a}, ${b})`;
}

/**
 * Texts ordered by code point on both: SQLite's default BINARY collation does it; PostgreSQL's
 * default follows the database locale, so it is told "C".
 */
export function byCodePoint(db: QueryDb, column: string): RawBuilder<string> {
  return db.kind === 'sqlite' ? sql<string>`${sql.ref(column)}` : sql<string>`${sql.ref(column)} COLLATE "C"`;
}

/** Rows a write changed (Kysely reports a bigint, or nothing for a statement that changes none). */
export function changedRows(result: { numAffectedRows?: bigint; numUpdatedRows?: bigint; numDeletedRows?: bigint }): number {
  return Number(result.numAffectedRows ?? result.numUpdatedRows ?? result.numDeletedRows ?? 0n);
}

/**
 * The query with FOR UPDATE on PostgreSQL. SQLite has no row locks and needs none: its
 * transactions begin IMMEDIATE (sqliteKysely.ts), so a writer holds the whole file.
 */
export function forUpdate<Q extends { forUpdate(): Q }>(db: QueryDb, query: Q): Q {
  return db.kind === 'postgres' ? query.forUpdate() : query;
}

/**
 * An aggregate of texts as a list in code-point order: json_group_array on SQLite (JSON text,
 * '[]' for no rows), array_agg on PostgreSQL (NULL for no rows). Read it with textListOf.
 */
export function textListAgg(db: QueryDb, column: string): RawBuilder<StoredTextList | null> {
  return db.kind === 'sqlite'
    ? sql<StoredTextList>`json_group_array(${sql.ref(column)} ORDER BY ${sql.ref(column)})`
    : sql<StoredTextList | null>`array_agg(${sql.ref(column)} ORDER BY ${sql.ref(column)} COLLATE "C")`;
}

/**
 * True when a write failed on a UNIQUE constraint: on SQLite any UNIQUE constraint (it names no
 * constraint in a code), on PostgreSQL the one named `pgConstraint`. Duck-typed: a driver's
 * error may come from another realm (a native module is loaded once per process, e.g. under jest).
 */
export function isUniqueViolation(db: QueryDb, error: unknown, pgConstraint: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return db.kind === 'sqlite' ? code === 'SQLITE_CONSTRAINT_UNIQUE' : code === '23505' && constraint === pgConstraint;
}
