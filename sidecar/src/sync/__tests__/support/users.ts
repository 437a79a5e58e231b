/**
 * The people of a test against a local org seeded with the demo firm: the admin, signed in at
 * once, and any demo person by first name (`dana` is dana@stance.local), signed in on first use
 * and then reused, as their browser would be.
 */
import type { Connection } from 'jsforce';
import { DEFAULTS } from '../../../../../scripts/local-org/org';
import type { RunningOrg } from '../../../../../scripts/local-org/server';
import { signIn } from '../../../../../scripts/testing/signIn';

export interface Users {
  readonly admin: Connection;
  as(person: string): Promise<Connection>;
}

export async function signInUsers(running: RunningOrg): Promise<Users> {
  const admin = await signIn(running, DEFAULTS.username);
  const people = new Map<string, Promise<Connection>>();
  return {
    admin,
    as: (person) => {
      if (!people.has(person)) people.set(person, signIn(running, `${person}@stance.local`));
      return people.get(person)!;
    },
  };
}
