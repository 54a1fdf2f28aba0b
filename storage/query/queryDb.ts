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
export function flagOf(value: StoredFlag): boolean {
  return value === true || value === 1;
}

/** A list of texts as the backend stores it: JSON text on SQLite, TEXT[] on PostgreSQL. */
export function storedTextList(db: QueryDb, list: readonly string[]): StoredTextList {
  return db.kind === 'sqlite' ? JSON.stringify(list) : [...list];
}

/** A stored list of texts as an array. */
export function textListOf(value: StoredTextList): string[] {
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
export function byCodePoint(db: QueryDb, column: Expression<string>): RawBuilder<string> {
  return db.kind === 'sqlite' ? sql<string>`${column}` : sql<string>`${column} COLLATE "C"`;
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
