/**
 * The role hierarchy as the sidecar reads it for the portfolio (a manager is whoever is above an
 * owner): UserRole (Id, Name, ParentRoleId) and User.UserRoleId / IsActive, through SOQL as the
 * integration user, whose only permission set is Stance_Integration.
 */
import type { Connection } from 'jsforce';
import { signIn } from '../../testing/signIn';
import { startLocalOrg } from '../server';
import type { RunningOrg } from '../server';

jest.setTimeout(60_000);

describe('the role hierarchy through SOQL as the integration user', () => {
  let running: RunningOrg;
  let integration: Connection;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo' });
    integration = await signIn(running);
  });

  afterAll(() => running.close());

  it('reads roles, their parents and each active user role, so Dana and Nina sit under Max', async () => {
    const roles = await integration.query<{ Id: string; Name: string; ParentRoleId: string | null }>(
      'SELECT Id, Name, ParentRoleId FROM UserRole ORDER BY Name',
    );
    expect(roles.records.length).toBeGreaterThan(2);
    const users = await integration.query<{
      Username: string;
      UserRoleId: string | null;
      IsActive: boolean;
      UserRole: { Name: string; ParentRoleId: string | null } | null;
    }>('SELECT Username, UserRoleId, IsActive, UserRole.Name, UserRole.ParentRoleId FROM User WHERE IsActive = true');
    const byName = new Map(users.records.map((user) => [user.Username.split('@')[0], user]));
    const max = byName.get('max')!;
    for (const rep of ['dana', 'nina']) {
      const user = byName.get(rep)!;
      expect(user.IsActive).toBe(true);
      expect(user.UserRole!.ParentRoleId).toBe(max.UserRoleId);
      expect(roles.records.find((role) => role.Id === user.UserRoleId)?.Name).toBe(user.UserRole!.Name);
    }
  });
});
