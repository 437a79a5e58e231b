/** Statements prepared once, when the store opens: preparing one costs more than running it. */
import type Database from 'better-sqlite3';

export type Prepared<K extends string> = Readonly<Record<K, Database.Statement>>;

/** Prepares each statement of a catalogue (name -> SQL text) once, under the same names. */
export function prepareAll<K extends string>(db: Database.Database, texts: Readonly<Record<K, string>>): Prepared<K> {
  const prepared = {} as Record<K, Database.Statement>;
  for (const name of Object.keys(texts) as K[]) prepared[name] = db.prepare(texts[name]);
  return prepared;
}
