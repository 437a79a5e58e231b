/**
 * Prepared statements, kept per SQL text: preparing is parsing and planning, and the org issues
 * the same few statements on every API call (the call's accounting, the record's read, its
 * sharing check, its change event), so preparing them again each time cost CPU on every change.
 * The cache sits on the connection itself (its `prepare`), so every part of the org that shares
 * the store's database shares it. Statements are used with get/all/run, and the SOQL runner
 * iterates its SELECTs (soql/query.ts streamQuery) to the end or closes them within the call that
 * made them (the org answers one call at a time); never pluck or raw, which change a statement's
 * state. So one statement serves every caller.
 * The cache is bounded: SOQL builds one text per query shape, and a burst of distinct shapes
 * must not keep all of them.
 */
import type Database from 'better-sqlite3';

export interface StatementCache {
  /** How many statements were really prepared (parsed and planned) since the connection opened. */
  readonly prepared: number;
  /** How many distinct texts are kept now. */
  readonly size: number;
}

const LIMIT = 1000;

export function cacheStatements(db: Database.Database): StatementCache {
  const prepare = db.prepare.bind(db) as (source: string) => Database.Statement;
  const statements = new Map<string, Database.Statement>();
  let prepared = 0;
  (db as { prepare: (source: string) => Database.Statement }).prepare = (source: string) => {
    const kept = statements.get(source);
    if (kept) return kept;
    const statement = prepare(source);
    prepared++;
    if (statements.size >= LIMIT) statements.delete(statements.keys().next().value!);
    statements.set(source, statement);
    return statement;
  };
  return {
    get prepared() {
      return prepared;
    },
    get size() {
      return statements.size;
    },
  };
}
