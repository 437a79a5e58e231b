import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkRules } from '../check';

const PROJECT_ROOT = join(__dirname, '../../..');
const SOURCE = join(PROJECT_ROOT, 'force-app/main/default');
const RULE_FILE = 'customMetadata/Stance_Rule.Customer_Outside_Strategy.md-meta.xml';

/** A copy of the shipped metadata with one file edited. */
function copyWith(file: string, edit: (xml: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'stance-rules-'));
  cpSync(SOURCE, dir, { recursive: true });
  writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
  return dir;
}

const misspelt = (xml: string) => xml.replace('In_Strategy = false', "Industy = 'Bakery'");

function runCli(args: string[]): { status: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(
      process.execPath,
      [require.resolve('tsx/cli'), 'scripts/rules-check/main.ts', ...args],
      {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    return { status: 0, stdout, stderr: '' };
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    return { status: failed.status, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('rules:check', () => {
  it('accepts the shipped strategy, rules and triggers', () => {
    const result = checkRules(SOURCE, PROJECT_ROOT);
    expect(result.problems).toEqual([]);
    expect(result.counts).toEqual({ strategies: 1, rules: 7, triggers: 25 });
  });

  it('names the file, rule, position and the fact meant when Industry is misspelt', () => {
    const dir = copyWith(RULE_FILE, misspelt);
    const [problem, ...rest] = checkRules(dir, dir).problems;
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({
      file: RULE_FILE,
      source: 'Stance_Rule.Customer_Outside_Strategy',
      field: 'Condition__c',
      kind: 'UNKNOWN_FACT',
      line: 1,
      column: 24,
      hint: 'did you mean Industry?',
    });
  });

  it('names the file and the line of a monitored department that is not a Source__c value', () => {
    const strategyFile = 'customMetadata/Stance_Strategy.Default.md-meta.xml';
    const dir = copyWith(strategyFile, (xml) => xml.replace('Logistics\n', 'Logistic\n'));
    const problems = checkRules(dir, dir).problems;
    expect(problems).toEqual([
      expect.objectContaining({
        file: strategyFile,
        source: 'Stance_Strategy.Default',
        field: 'Monitored_Departments__c',
        message: expect.stringContaining('Monitored_Departments__c line 2 "Logistic" is not a Source__c value'),
      }),
    ]);
  });

  it('reports a value for a field the type does not have', () => {
    const dir = copyWith(RULE_FILE, (xml) => xml.replace('<field>Reason__c</field>', '<field>Reasons__c</field>'));
    const messages = checkRules(dir, dir).problems.map((p) => p.message);
    expect(messages).toEqual(
      expect.arrayContaining(['Reasons__c is not a field of Stance_Rule__mdt', 'Reason__c is required']),
    );
  });

  it('reports malformed XML with its position', () => {
    const dir = copyWith(RULE_FILE, (xml) => xml.replace('</CustomMetadata>', '</CustomMetadat>'));
    expect(checkRules(dir, dir).problems[0]).toMatchObject({
      file: RULE_FILE,
      message: expect.stringContaining('not well-formed XML'),
    });
  });

  describe('the key-title pattern', () => {
    const STRATEGY_FILE = 'customMetadata/Stance_Strategy.Default.md-meta.xml';
    const pattern = (value: string) =>
      copyWith(STRATEGY_FILE, (xml) =>
        xml.replace(/(<field>Key_Title_Pattern__c<\/field>\s*<value[^>]*>)[^<]*/, `$1${value}`),
      );

    it('accepts ^(.*?){12}Z: it runs on a linear-time engine, so it cannot stall the sidecar', () => {
      const dir = pattern('^(.*?){12}Z');
      const result = checkRules(dir, dir);
      expect(result.problems).toEqual([]);
      expect(result.compiled!.keyTitle.test('x'.repeat(100_000))).toBe(false);
    });

    it('refuses a backreference or a lookaround with the file, the record, the construct and a hint', () => {
      const dir = pattern('(chief)\\s+\\1');
      expect(checkRules(dir, dir).problems).toEqual([
        {
          kind: 'INVALID_RECORD',
          file: STRATEGY_FILE,
          source: 'Stance_Strategy.Default',
          field: 'Key_Title_Pattern__c',
          message: expect.stringContaining('a backreference (\\1) repeats what a group matched'),
          hint: 'write the alternatives out, e.g. (chief|head) instead of (chief|head).*\\1',
        },
      ]);
      const { status, stderr } = runCli(['--dir', pattern('(?&lt;!vice )president')]);
      expect(status).toBe(1);
      expect(stderr).toContain(STRATEGY_FILE);
      expect(stderr).toMatch(
        /Stance_Strategy\.Default Key_Title_Pattern__c INVALID_RECORD: .*a lookbehind \(\(\?<!\.\.\.\) is not supported.*\(match the words themselves/,
      );
    });
  });

  describe('as a command', () => {
    it('prints a one-line summary and exits 0 on the shipped metadata', () => {
      const { status, stdout } = runCli([]);
      expect(status).toBe(0);
      expect(stdout.trim()).toBe(
        'rules:check: ok, 1 strategy, 7 rules and 25 triggers are valid (force-app/main/default)',
      );
    });

    it('prints every problem with file, rule, position and hint, and exits 1', () => {
      const dir = copyWith(RULE_FILE, misspelt);
      const { status, stderr } = runCli(['--dir', dir]);
      expect(status).toBe(1);
      expect(stderr).toContain(RULE_FILE);
      expect(stderr).toContain(
        'Stance_Rule.Customer_Outside_Strategy Condition__c 1:24 UNKNOWN_FACT: unknown fact Industy (did you mean Industry?)',
      );
      expect(stderr).toMatch(/rules:check: 1 problem in 1 file/);
    });

    it('says so when the folder holds no Stance metadata, and rejects unknown arguments', () => {
      expect(runCli(['--dir', mkdtempSync(join(tmpdir(), 'stance-empty-'))])).toMatchObject({
        status: 1,
        stderr: expect.stringContaining('no Stance custom metadata records found'),
      });
      expect(runCli(['--bogus'])).toMatchObject({
        status: 2,
        stderr: expect.stringContaining('unknown argument --bogus'),
      });
    });
  });
});
