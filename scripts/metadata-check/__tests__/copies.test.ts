import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCopies, literalConstants } from '../copies';

const PROJECT_ROOT = join(__dirname, '../../..');
const LWC = join(PROJECT_ROOT, 'force-app/main/default/lwc');

/** The problems checkCopies reports on a copy of the components with one file edited. */
function problemsAfter(component: string, edit: (source: string) => string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'stance-copies-'));
  try {
    cpSync(LWC, join(dir, 'lwc'), { recursive: true });
    const file = join(dir, 'lwc', component, `${component}.js`);
    const before = readFileSync(file, 'utf8');
    const after = edit(before);
    expect(after).not.toBe(before);
    writeFileSync(file, after);
    const problems: string[] = [];
    checkCopies(join(dir, 'lwc'), dir, (check, where, message) => problems.push(`${where} [${check}] ${message}`));
    return problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('literalConstants', () => {
  it('reads the top-level constants that are literals, and only those', () => {
    const constants = literalConstants(`
      import x from 'y';
      export const NAME = 'Stance_Update__e';
      const VERSION = 1;
      const LIST = [{ group: 'About us', codes: ['A', 'B'] }, { 'quoted-key': true, none: null }];
      export const CHANNEL = \`/event/\${NAME}\`;
      const make = () => 1;
      let changing = 'no';
      function inner() { const HIDDEN = 'h'; return HIDDEN; }
    `);
    expect(Object.fromEntries(constants)).toEqual({
      NAME: 'Stance_Update__e',
      VERSION: 1,
      LIST: [
        { group: 'About us', codes: ['A', 'B'] },
        { 'quoted-key': true, none: null },
      ],
    });
  });
});

describe('the copies check', () => {
  it('passes on the shipped components', () => {
    const problems: string[] = [];
    checkCopies(LWC, PROJECT_ROOT, (_check, file, message) => problems.push(`${file}: ${message}`));
    expect(problems).toEqual([]);
  });

  it('names the file, the constant and the difference when the event channel drifts', () => {
    expect(
      problemsAfter('stanceLiveUpdates', (js) =>
        js.replace("STANCE_UPDATE_EVENT = 'Stance_Update__e'", "STANCE_UPDATE_EVENT = 'Stance_Updates__e'"),
      ),
    ).toEqual([
      'lwc/stanceLiveUpdates/stanceLiveUpdates.js [copies] STANCE_UPDATE_EVENT differs from the engine\'s STANCE_UPDATE_EVENT: it is "Stance_Updates__e", the engine\'s is "Stance_Update__e"',
    ]);
  });

  it('fails on a reportable trigger the engine does not have, or one named twice', () => {
    expect(
      problemsAfter('reportSignal', (js) =>
        js.replace("codes: ['COMPETITOR_APPROACH']", "codes: ['COMPETITOR_APPROCH', 'PROCESS_CHANGE']"),
      ),
    ).toEqual([
      "lwc/reportSignal/reportSignal.js [copies] REPORTABLE_TRIGGERS differs from the engine's TRIGGER_CODES: it names COMPETITOR_APPROCH, which the engine does not have and names PROCESS_CHANGE more than once",
    ]);
  });

  it("fails when the sidecar's own source is not one of the engine's sources", () => {
    expect(
      problemsAfter('reportSignal', (js) => js.replace("DETECTED_SOURCE = 'Detected'", "DETECTED_SOURCE = 'Found'")),
    ).toEqual([
      expect.stringContaining(
        'reportSignal.js [copies] DETECTED_SOURCE differs from the engine\'s SIGNAL_SOURCES: it is "Found", not one of Sales,',
      ),
    ]);
  });

  it("fails when the stances the model knows differ from the engine's", () => {
    expect(problemsAfter('stanceModel', (js) => js.replace('  Fire: {', '  Exit: {'))).toEqual([
      "lwc/stanceModel/stanceModel.js [copies] STANCES differs from the engine's STANCES: it lacks Fire and has Exit, which the engine does not",
    ]);
  });

  it("fails when the checklist groups miss one of the engine's trigger kinds", () => {
    expect(problemsAfter('stanceModel', (js) => js.replace(" { kind: 'misalignment' },", ''))).toEqual([
      "lwc/stanceModel/stanceModel.js [copies] GROUPS differs from the engine's TRIGGER_KINDS: it lacks misalignment",
    ]);
  });

  it('fails when the explanation version the model reads differs from what the engine writes', () => {
    expect(
      problemsAfter('stanceModel', (js) => js.replace('EXPLANATION_VERSION = 1;', 'EXPLANATION_VERSION = 2;')),
    ).toEqual([
      "lwc/stanceModel/stanceModel.js [copies] EXPLANATION_VERSION differs from the engine's EXPLANATION_VERSION: it is 2, the engine's is 1",
    ]);
  });

  it('fails when a copy stops being a literal it can compare', () => {
    expect(
      problemsAfter('stanceLiveUpdates', (js) =>
        js.replace(
          "STANCE_UPDATE_EVENT = 'Stance_Update__e'",
          "STANCE_UPDATE_EVENT = ['Stance', 'Update__e'].join('_')",
        ),
      ),
    ).toEqual([
      "lwc/stanceLiveUpdates/stanceLiveUpdates.js [copies] STANCE_UPDATE_EVENT is not a literal constant here, so it cannot be compared with the engine's STANCE_UPDATE_EVENT",
    ]);
  });
});
