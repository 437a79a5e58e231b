import { compileConfig, configFromMetadataRecords } from '../..';
import type { MetadataRecord } from '../..';
import { shippedConfig } from '../../__tests__/support/shippedConfig';
import { RE2JS } from 're2js';
import { compileTextPattern } from '../pattern';

const strategy = shippedConfig().strategy;

function refusal(source: string) {
  const result = compileTextPattern(source);
  if (!('refusal' in result)) throw new Error(`${source} was accepted`);
  return result.refusal;
}

describe('admin patterns on a linear-time engine', () => {
  it('runs the shipped key-title pattern, case-insensitively and anywhere in the title', () => {
    const result = compileTextPattern(strategy.keyTitlePattern);
    if (!('pattern' in result)) throw new Error(JSON.stringify(result));
    expect(result.pattern.test('Head of Purchasing')).toBe(true);
    expect(result.pattern.test('VICE PRESIDENT Sales')).toBe(true);
    expect(result.pattern.test('Sales Representative')).toBe(false);
  });

  it('runs ^(.*?){12}Z over a long title in one pass (a backtracking engine takes about a minute)', () => {
    const result = compileTextPattern('^(.*?){12}Z');
    if (!('pattern' in result)) throw new Error(JSON.stringify(result));
    expect(result.pattern.test('a'.repeat(200_000))).toBe(false);
    expect(result.pattern.test(`${'a'.repeat(200_000)}z`)).toBe(true);
  });

  it('runs the engine once per distinct title, a bounded number of titles remembered', () => {
    const result = compileTextPattern(strategy.keyTitlePattern);
    if (!('pattern' in result)) throw new Error(JSON.stringify(result));
    const engine = jest.spyOn(RE2JS.prototype, 'test');
    try {
      const titles = ['Head of Purchasing', 'Lab Technician', 'HEAD OF PURCHASING'];
      const answers = Array.from({ length: 1_000 }, (_, n) => result.pattern.test(titles[n % titles.length]!));
      expect(engine).toHaveBeenCalledTimes(titles.length);
      expect(answers.slice(0, 3)).toEqual([true, false, true]);
      // Beyond 10,000 distinct titles the memory is forgotten and refilled, not grown.
      for (let n = 0; n < 10_000; n++) result.pattern.test(`Buyer ${n}`);
      engine.mockClear();
      result.pattern.test('Head of Purchasing');
      expect(engine).toHaveBeenCalledTimes(1);
      // A long text is not remembered.
      const long = `Head of ${'x'.repeat(300)}`;
      result.pattern.test(long);
      result.pattern.test(long);
      expect(engine).toHaveBeenCalledTimes(3);
    } finally {
      engine.mockRestore();
    }
  });

  it('refuses a backreference, naming it and what to write instead', () => {
    expect(refusal('(chief|head).*\\1')).toEqual({
      message: expect.stringContaining('a backreference (\\1)'),
      hint: expect.stringContaining('write the alternatives out'),
    });
    expect(refusal('(?<w>vp)\\k<w>').message).toContain('backreference (\\k<)');
  });

  it('refuses lookahead and lookbehind, naming which', () => {
    expect(refusal('(?=.*chief)').message).toMatch(/^a lookahead \(\(\?=\.\.\.\)/);
    expect(refusal('(?!intern)chief').message).toMatch(/^a lookahead \(\(\?!\.\.\.\)/);
    expect(refusal('(?<!vice )president').message).toMatch(/^a lookbehind \(\(\?<!\.\.\.\)/);
    expect(refusal('(?<=head of )sales').hint).toContain('\\b(chief|head)\\b');
  });

  it('says what is wrong with a plainly broken pattern', () => {
    expect(refusal('(unclosed')).toEqual({ message: 'not a valid regular expression: missing closing ): `(unclosed`' });
    expect(refusal('\\u00e9').hint).toBe('write a code point as \\x{00E9}');
    expect(refusal('(?>chief)').message).toContain('an atomic group or possessive quantifier ((?>)');
    expect(refusal('chief++').message).toContain('possessive quantifier (++)');
    expect(refusal('a{1001}').message).toBe('not a valid regular expression: invalid repeat count: `{1001}`');
  });
});

describe('a refused key-title pattern in the configuration', () => {
  const records = (pattern: string) => {
    const shipped = shippedConfig();
    const record: MetadataRecord = {
      DeveloperName: shipped.strategy.name,
      Active__c: true,
      Target_Industries__c: shipped.strategy.targetIndustries.join(';'),
      Target_Countries__c: shipped.strategy.targetCountries.join(';'),
      Customer_Types__c: shipped.strategy.customerTypes.join(';'),
      Large_Account_Revenue__c: shipped.strategy.largeAccountRevenue,
      Lookback_Days__c: shipped.strategy.lookbackDays,
      Key_Title_Pattern__c: pattern,
      At_Risk_Threat_Weight__c: shipped.strategy.atRiskThreatWeight,
      Strategic_Bonus__c: shipped.strategy.strategicBonus,
    };
    return { strategies: [record], rules: [], triggers: [] };
  };

  it('is refused at load with the record, the field, the construct and a hint', () => {
    const { config, problems } = configFromMetadataRecords(records('(chief)\\s+\\1'));
    expect(config).toBeNull();
    expect(problems).toContainEqual({
      kind: 'INVALID_RECORD',
      source: `Stance_Strategy.${strategy.name}`,
      field: 'Key_Title_Pattern__c',
      message: expect.stringMatching(/^Key_Title_Pattern__c "\(chief\)\\\\s\+\\\\1": a backreference \(\\1\)/),
      hint: expect.any(String),
    });
  });

  it('is refused by compileConfig too, for a configuration built some other way', () => {
    const config = { ...shippedConfig() };
    const { compiled, problems } = compileConfig({
      ...config,
      strategy: { ...config.strategy, keyTitlePattern: '(?=.*chief)' },
    });
    expect(compiled).toBeNull();
    expect(problems).toEqual([
      expect.objectContaining({ field: 'Key_Title_Pattern__c', message: expect.stringContaining('a lookahead') }),
    ]);
  });

  it('^(.*?){12}Z compiles, and the compiled strategy tests a long title at once', () => {
    const config = shippedConfig();
    const { compiled } = compileConfig({ ...config, strategy: { ...config.strategy, keyTitlePattern: '^(.*?){12}Z' } });
    expect(compiled!.keyTitle.test(`${'x'.repeat(100_000)} Head of Zoning`)).toBe(true);
    expect(compiled!.keyTitle.test('x'.repeat(100_000))).toBe(false);
  });
});
