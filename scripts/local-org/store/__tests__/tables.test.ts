/** A file database made before a field existed opens with the field's column added, empty. */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { readProjectMetadata } from '../../../metadata/reader';
import { PROJECT_ROOT } from '../../org';
import { buildOrgSchema } from '../../schema/build';
import { createTables } from '../tables';

it('adds the columns of fields new since the database was made (User.UserRoleId)', () => {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE "o_User" ("Id" TEXT PRIMARY KEY, "Username" TEXT, "IsDeleted" INTEGER)`);
  db.prepare(
    `INSERT INTO "o_User" ("Id", "Username", "IsDeleted") VALUES ('005000000000001AAA', 'old@stance.local', 0)`,
  ).run();
  const schema = buildOrgSchema(readProjectMetadata(join(PROJECT_ROOT, 'force-app/main/default'), PROJECT_ROOT));
  createTables(db, schema);
  expect(db.prepare(`SELECT "Username", "UserRoleId" FROM "o_User"`).all()).toEqual([
    { Username: 'old@stance.local', UserRoleId: null },
  ]);
  // Twice is harmless.
  createTables(db, schema);
  db.close();
});
