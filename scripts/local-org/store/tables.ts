/** The SQL layout: one table per object (o_<Object>), a column per stored field, indexes for lookups. */
import type Database from 'better-sqlite3';
import type { OrgField, OrgObject, OrgSchema } from '../schema/orgSchema';

export const tableOf = (object: OrgObject) => `o_${object.name}`;
export const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Fields stored as columns: every field except calculated (formula) ones. */
export function storedFields(object: OrgObject): OrgField[] {
  return [...object.fields.values()].filter((field) => !field.calculated);
}

export function createTables(db: Database.Database, schema: OrgSchema): void {
  db.exec(`CREATE TABLE IF NOT EXISTS _sequence (prefix TEXT PRIMARY KEY, n INTEGER NOT NULL)`);
  for (const object of schema.objects) {
    // Platform events have no storage: they are published, not saved.
    if (object.platformEvent) continue;
    const columns = storedFields(object).map((field) => {
      const collate =
        field.type === 'id' || field.type === 'reference' || field.caseSensitive || field.sqlType !== 'TEXT'
          ? ''
          : ' COLLATE NOCASE';
      // A checkbox is never null in Salesforce: a row loaded without it (or from before it) holds its default.
      const checkbox = field.type === 'boolean' ? ` DEFAULT ${field.defaultValue === true ? 1 : 0}` : '';
      return `${quote(field.name)} ${field.sqlType}${collate}${checkbox}${field.name === 'Id' ? ' PRIMARY KEY' : ''}`;
    });
    db.exec(`CREATE TABLE IF NOT EXISTS ${quote(tableOf(object))} (${columns.join(', ')})`);
    // A file database from before a field was added (User.UserRoleId) gets its column, empty.
    const existing = new Set(
      (db.prepare(`PRAGMA table_info(${quote(tableOf(object))})`).all() as Array<{ name: string }>).map(
        (column) => column.name,
      ),
    );
    storedFields(object).forEach((field, index) => {
      if (!existing.has(field.name)) db.exec(`ALTER TABLE ${quote(tableOf(object))} ADD COLUMN ${columns[index]}`);
    });
    // The SystemModstamp catch-up (WHERE SystemModstamp >= x ORDER BY SystemModstamp, Id) reads
    // this index in order, with no sort of the rows that share a stamp.
    if (object.fields.has('SystemModstamp')) {
      db.exec(`DROP INDEX IF EXISTS ${quote(`i_${object.name}_SystemModstamp`)}`);
      db.exec(
        `CREATE INDEX IF NOT EXISTS ${quote(`i_${object.name}_SystemModstamp_Id`)} ON ${quote(tableOf(object))} ("SystemModstamp", "Id")`,
      );
    }
    // Sharing rules name groups and roles by DeveloperName, and every sharing check looks them up.
    if (object.fields.has('DeveloperName'))
      db.exec(
        `CREATE INDEX IF NOT EXISTS ${quote(`i_${object.name}_DeveloperName`)} ON ${quote(tableOf(object))} ("DeveloperName")`,
      );
    for (const field of object.fields.values()) {
      if (field.type === 'reference' || field.externalId) {
        db.exec(
          `CREATE INDEX IF NOT EXISTS ${quote(`i_${object.name}_${field.name}`)} ON ${quote(tableOf(object))} (${quote(field.name)})`,
        );
      }
    }
  }
}
