import {
  describeMoves,
  digestText,
  managerDigests,
  managersAbove,
  NOTIFICATION_BODY_MAX,
  NOTIFICATION_TITLE_MAX,
  ownerMoves,
} from '../digest';
import type { HierarchyRole, HierarchyUser, OwnerMoves } from '../digest';
import { messagesFor } from '../messages';

// The demo firm's shape: executive > sales manager > sales reps; support in its own branch.
const ROLES: HierarchyRole[] = [
  { id: 'exec', parentId: null },
  { id: 'salesManager', parentId: 'exec' },
  { id: 'salesRep', parentId: 'salesManager' },
  { id: 'support', parentId: 'exec' },
];
const USERS: HierarchyUser[] = [
  { id: 'ceo', name: 'Cleo', roleId: 'exec', active: true },
  { id: 'max', name: 'Max Laurent', roleId: 'salesManager', active: true },
  { id: 'gone', name: 'Former Manager', roleId: 'salesManager', active: false },
  { id: 'dana', name: 'Dana Reyes', roleId: 'salesRep', active: true },
  { id: 'nina', name: 'Nina Patel', roleId: 'salesRep', active: true },
  { id: 'sam', name: 'Sam Okafor', roleId: 'support', active: true },
  { id: 'admin', name: 'Admin', roleId: null, active: true },
];
const NAMES = new Map(USERS.map((user) => [user.id, user.name]));

const moves = (partial: Partial<OwnerMoves>): OwnerMoves => ({
  toStance: { Attack: 0, Defend: 0, Fire: 0, None: 0 },
  becameAtRisk: 0,
  exitStepsDone: 0,
  ...partial,
});

describe('who manages whom', () => {
  it('is every active user in a role above the owner’s, not peers in the same role, not other branches', () => {
    const above = managersAbove(USERS, ROLES, ['dana', 'max', 'sam', 'admin']);
    expect(above.get('dana')).toEqual(['max', 'ceo']);
    expect(above.get('max')).toEqual(['ceo']);
    expect(above.get('sam')).toEqual(['ceo']);
    expect(above.get('admin')).toEqual([]);
  });

  it('stops on a cycle in a broken hierarchy', () => {
    const loop: HierarchyRole[] = [
      { id: 'a', parentId: 'b' },
      { id: 'b', parentId: 'a' },
    ];
    const users: HierarchyUser[] = [
      { id: 'x', name: 'X', roleId: 'a', active: true },
      { id: 'y', name: 'Y', roleId: 'b', active: true },
    ];
    expect(managersAbove(users, loop, ['x']).get('x')).toEqual(['y']);
  });
});

describe('an owner’s moves in the last day', () => {
  it('counts stance changes by new stance, at-risk rises that kept the stance, and exit steps done', () => {
    const result = ownerMoves(
      [
        { ownerId: 'dana', from: 'None', to: 'Attack', atRisk: false, count: 2 },
        { ownerId: 'dana', from: 'Defend', to: 'Defend', atRisk: true, count: 1 },
        // The flag fell: not a rise.
        { ownerId: 'dana', from: 'Defend', to: 'Defend', atRisk: false, count: 1 },
        { ownerId: 'nina', from: 'Defend', to: 'Fire', atRisk: false, count: 1 },
      ],
      new Map([
        ['nina', 2],
        ['sam', 0],
      ]),
    );
    expect([...result.keys()]).toEqual(['dana', 'nina']);
    expect(describeMoves(result.get('dana')!)).toBe('2 to Attack, 1 became at risk');
    expect(describeMoves(result.get('nina')!)).toBe('1 to Fire, 2 exit steps done');
  });
});

describe('the managers’ digests', () => {
  const above = managersAbove(USERS, ROLES, ['dana', 'nina', 'sam']);

  it('goes to each manager whose team moved, naming only the owners who moved', () => {
    const digests = managerDigests(
      new Map([['dana', moves({ toStance: { Attack: 2, Defend: 0, Fire: 0, None: 0 }, exitStepsDone: 1 })]]),
      above,
      NAMES,
    );
    expect(digests.map((digest) => digest.managerId)).toEqual(['ceo', 'max']);
    const max = digests.find((digest) => digest.managerId === 'max')!;
    expect(max.owners).toEqual(['dana']);
    expect(max.title).toBe("Stance: your team's accounts in the last day: 2 to Attack, 1 exit step done");
    expect(max.body).toBe(
      [
        'In your team in the last day: 2 to Attack, 1 exit step done.',
        'Dana Reyes: 2 to Attack, 1 exit step done',
        'Open it for the accounts that changed stance in the last 7 days.',
      ].join('\n'),
    );
    expect(max.body).not.toMatch(/Nina/);
  });

  it('sends nothing to a manager whose team had no moves', () => {
    const digests = managerDigests(new Map([['sam', moves({ becameAtRisk: 1 })]]), above, NAMES);
    expect(digests.map((digest) => digest.managerId)).toEqual(['ceo']);
    expect(managerDigests(new Map(), above, NAMES)).toEqual([]);
  });

  it('keeps within 750 characters and 250 for the title, saying how many people it left out', () => {
    const team = Array.from({ length: 60 }, (_, index) => ({
      name: `Representative number ${String(index).padStart(2, '0')} of a very large sales team`,
      moves: moves({
        toStance: { Attack: 60 - index, Defend: 1, Fire: 2, None: 3 },
        becameAtRisk: 4,
        exitStepsDone: 5,
      }),
    }));
    const { title, body } = digestText(team);
    expect(title.length).toBeLessThanOrEqual(NOTIFICATION_TITLE_MAX);
    expect(body.length).toBeLessThanOrEqual(NOTIFICATION_BODY_MAX);
    const named = body.split('\n').filter((line) => line.startsWith('Representative'));
    expect(named.length).toBeGreaterThan(0);
    // The busiest first.
    expect(named[0]).toMatch(/^Representative number 00 /);
    expect(body).toContain(`… and ${60 - named.length} more people`);
    expect(body.endsWith('Open it for the accounts that changed stance in the last 7 days.')).toBe(true);
  });
});

describe('the managers’ digests in each manager’s language', () => {
  const above = managersAbove(USERS, ROLES, ['dana', 'nina']);
  const teamMoves = new Map([
    ['dana', moves({ toStance: { Attack: 2, Defend: 0, Fire: 1, None: 0 }, exitStepsDone: 1 })],
    ['nina', moves({ becameAtRisk: 1 })],
  ]);

  it('is German for a manager whose language is German, English for the others', () => {
    const digests = managerDigests(teamMoves, above, NAMES, new Map([['max', 'de']]));
    const max = digests.find((digest) => digest.managerId === 'max')!;
    expect(max.title).toBe(
      'Stance: die Accounts Ihres Teams in den letzten 24 Stunden: 2 auf „Angreifen“, 1 auf „Beenden“, 1 neu gefährdet, 1 Ausstiegsschritt erledigt',
    );
    expect(max.body).toBe(
      [
        'In Ihrem Team in den letzten 24 Stunden: 2 auf „Angreifen“, 1 auf „Beenden“, 1 neu gefährdet, 1 Ausstiegsschritt erledigt.',
        'Dana Reyes: 2 auf „Angreifen“, 1 auf „Beenden“, 1 Ausstiegsschritt erledigt',
        'Nina Patel: 1 neu gefährdet',
        'Öffnen Sie sie für die Accounts, deren Stance sich in den letzten 7 Tagen geändert hat.',
      ].join('\n'),
    );
    const ceo = digests.find((digest) => digest.managerId === 'ceo')!;
    expect(ceo.body.split('\n')[0]).toBe(
      'In your team in the last day: 2 to Attack, 1 to Fire, 1 became at risk, 1 exit step done.',
    );
  });

  it.each([
    ['de_DE', /Ausstiegsschritte erledigt/],
    ['de_AT', /Ausstiegsschritte erledigt/],
    ['en_US', /exit steps done/],
    ['fr', /exit steps done/],
    [null, /exit steps done/],
  ])('reads LanguageLocaleKey %s, plurals and numbers as the language writes them', (key, words) => {
    const [digest] = managerDigests(
      new Map([['dana', moves({ toStance: { Attack: 1200, Defend: 0, Fire: 0, None: 0 }, exitStepsDone: 2 })]]),
      new Map([['dana', ['max']]]),
      NAMES,
      new Map([['max', key]]),
    );
    expect(digest!.body).toMatch(words);
    expect(digest!.body).toContain(key?.startsWith('de') ? '1.200 auf „Angreifen“' : '1,200 to Attack');
  });

  it('keeps within the limits in German too, saying how many people it left out', () => {
    const team = Array.from({ length: 60 }, (_, index) => ({
      name: `Vertriebsmitarbeiterin Nummer ${String(index).padStart(2, '0')} eines sehr großen Teams`,
      moves: moves({
        toStance: { Attack: 60 - index, Defend: 1, Fire: 2, None: 3 },
        becameAtRisk: 4,
        exitStepsDone: 5,
      }),
    }));
    const { title, body } = digestText(team, messagesFor('de'));
    expect(title.length).toBeLessThanOrEqual(NOTIFICATION_TITLE_MAX);
    expect(body.length).toBeLessThanOrEqual(NOTIFICATION_BODY_MAX);
    const named = body.split('\n').filter((line) => line.startsWith('Vertriebsmitarbeiterin'));
    expect(named.length).toBeGreaterThan(0);
    expect(body).toContain(`… und ${60 - named.length} weitere Personen`);
  });
});
