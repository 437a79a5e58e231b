import { compileConfig, configFromMetadataRecords, parseList } from '..';
import type { MetadataRecord, MetadataRecords, RuleProblem } from '..';

const strategy: MetadataRecord = {
  DeveloperName: 'Default',
  Active__c: true,
  Target_Industries__c: 'Confectionery\nBakery',
  Target_Countries__c: 'Germany;France',
  Customer_Types__c: 'Customer - Direct',
  Large_Account_Revenue__c: 1_000_000,
  Lookback_Days__c: 90,
  Key_Title_Pattern__c: '\\b(head|chief)\\b',
  At_Risk_Threat_Weight__c: 60,
  Strategic_Bonus__c: 10,
};
const rule = (name: string, fields: Record<string, unknown> = {}): MetadataRecord => ({
  DeveloperName: name,
  MasterLabel: name.replace(/_/g, ' '),
  Stance__c: 'Defend',
  Order__c: 10,
  Condition__c: 'Is_Customer = true',
  Reason__c: 'A customer.',
  Base_Priority__c: 10,
  Active__c: true,
  ...fields,
});
const trigger = (name: string, fields: Record<string, unknown> = {}): MetadataRecord => ({
  DeveloperName: name,
  Code__c: 'COMPETITOR_APPROACH',
  Stance__c: 'Defend',
  Kind__c: 'threat',
  Detect_Condition__c: null,
  Guidance__c: 'Act.',
  Weight__c: 40,
  ...fields,
});

function problems(records: Partial<MetadataRecords>): RuleProblem[] {
  const result = configFromMetadataRecords({
    strategies: [strategy],
    rules: [rule('Base')],
    triggers: [trigger('Threat')],
    ...records,
  });
  if (!result.config) return [...result.problems];
  return compileConfig(result.config).problems;
}

describe('configuration from custom metadata records', () => {
  it('builds the engine configuration, splitting lists on new lines and semicolons', () => {
    const { config, problems: found } = configFromMetadataRecords({
      strategies: [strategy],
      rules: [rule('Base')],
      triggers: [trigger('Threat')],
    });
    expect(found).toEqual([]);
    expect(config?.strategy).toMatchObject({
      targetIndustries: ['Confectionery', 'Bakery'],
      targetCountries: ['Germany', 'France'],
    });
    expect(config?.rules[0]).toMatchObject({ name: 'Base', label: 'Base', stance: 'Defend', active: true });
    expect(parseList(' a ;\r\n b;;\n')).toEqual(['a', 'b']);
  });

  it('names the record and field of a missing or invalid value', () => {
    expect(problems({ rules: [rule('Broken', { Stance__c: 'Attak', Condition__c: '' })] })).toEqual([
      expect.objectContaining({
        kind: 'INVALID_RECORD',
        source: 'Stance_Rule.Broken',
        field: 'Stance__c',
        message: expect.stringContaining('"Attak"'),
      }),
      expect.objectContaining({
        kind: 'INVALID_RECORD',
        source: 'Stance_Rule.Broken',
        field: 'Condition__c',
        message: 'Condition__c is required',
      }),
    ]);
  });

  it('refuses two active rules with the same order', () => {
    expect(problems({ rules: [rule('First'), rule('Second')] })).toEqual([
      expect.objectContaining({
        source: 'Stance_Rule.Second',
        field: 'Order__c',
        message: expect.stringContaining('also used by active rule First'),
      }),
    ]);
    expect(problems({ rules: [rule('First'), rule('Second', { Active__c: false })] })).toEqual([]);
  });

  it('requires exactly one active strategy and at least one active rule', () => {
    expect(problems({ strategies: [] })[0]?.message).toContain('no active Stance_Strategy record');
    expect(problems({ strategies: [strategy, { ...strategy, DeveloperName: 'Other' }] })[0]?.message).toContain(
      '2 active',
    );
    expect(problems({ rules: [rule('Off', { Active__c: false })] })[0]?.message).toBe('no active Stance_Rule record');
  });

  it('refuses a bad key-title pattern', () => {
    expect(problems({ strategies: [{ ...strategy, Key_Title_Pattern__c: '(unclosed' }] })).toEqual([
      expect.objectContaining({ source: 'Stance_Strategy.Default', field: 'Key_Title_Pattern__c' }),
    ]);
  });

  it('checks triggers against the catalog: stance, kind and one record per pair', () => {
    expect(problems({ triggers: [trigger('Wrong', { Stance__c: 'Attack' })] })[0]?.message).toBe(
      'COMPETITOR_APPROACH is not a trigger of Attack in the catalog',
    );
    expect(problems({ triggers: [trigger('Kind', { Kind__c: 'opening' })] })[0]?.message).toBe(
      'COMPETITOR_APPROACH under Defend is a threat, not an opening',
    );
    expect(problems({ triggers: [trigger('One'), trigger('Two')] })[0]?.message).toContain(
      'a second record for COMPETITOR_APPROACH/Defend',
    );
  });

  it('reports an unknown placeholder in a reason with a hint', () => {
    expect(problems({ rules: [rule('Base', { Reason__c: 'Facing {Threat}.' })] })).toEqual([
      expect.objectContaining({
        kind: 'UNKNOWN_PLACEHOLDER',
        field: 'Reason__c',
        column: 8,
        hint: 'did you mean {Threats}?',
      }),
    ]);
  });

  it('reports condition problems of rules and triggers with their field', () => {
    const found = problems({
      rules: [rule('Base', { Condition__c: 'Is_Custmer = true' })],
      triggers: [trigger('Threat', { Detect_Condition__c: 'Threat_Count > 1' })],
    });
    expect(found.map((p) => [p.source, p.field, p.kind])).toEqual([
      ['Stance_Rule.Base', 'Condition__c', 'UNKNOWN_FACT'],
      ['Stance_Trigger.Threat', 'Detect_Condition__c', 'NOT_AVAILABLE'],
    ]);
  });

  it('accepts values as SOQL returns them (strings for numbers and checkboxes)', () => {
    const { config } = configFromMetadataRecords({
      strategies: [{ ...strategy, Lookback_Days__c: '30', Active__c: 'true' }],
      rules: [rule('Base', { Order__c: '10' })],
      triggers: [],
    });
    expect(config?.strategy.lookbackDays).toBe(30);
  });

  it('changes the fingerprint when any setting changes', () => {
    const compiled = (weight: number) =>
      compileConfig(
        configFromMetadataRecords({
          strategies: [{ ...strategy, At_Risk_Threat_Weight__c: weight }],
          rules: [rule('Base')],
          triggers: [],
        }).config!,
      ).compiled!;
    expect(compiled(60).fingerprint).toBe(compiled(60).fingerprint);
    expect(compiled(61).fingerprint).not.toBe(compiled(60).fingerprint);
  });
});

describe('monitored departments (Monitored_Departments__c)', () => {
  const build = (value: unknown) =>
    configFromMetadataRecords({
      strategies: [{ ...strategy, Monitored_Departments__c: value }],
      rules: [rule('Base')],
      triggers: [trigger('Threat')],
    });

  it('reads one department a line, in order, spelled as the Source__c picklist spells it', () => {
    const { config, problems } = build('Customer Support\nlogistics\r\nTechnical\n');
    expect(problems).toEqual([]);
    expect(config?.strategy.monitoredDepartments).toEqual(['Customer Support', 'Logistics', 'Technical']);
  });

  it('monitors nothing when empty or absent', () => {
    expect(build('').config?.strategy.monitoredDepartments).toEqual([]);
    expect(build(null).config?.strategy.monitoredDepartments).toEqual([]);
    expect(build(undefined).config?.strategy.monitoredDepartments).toEqual([]);
  });

  it('names the line that is not a Source__c value, and a department listed twice', () => {
    const { config, problems } = build('Customer Support\nLogistic\nTechnical\ncustomer support');
    expect(config).toBeNull();
    expect(problems).toEqual([
      expect.objectContaining({
        kind: 'INVALID_RECORD',
        source: 'Stance_Strategy.Default',
        field: 'Monitored_Departments__c',
        message: expect.stringMatching(/^Monitored_Departments__c line 2 "Logistic" is not a Source__c value/),
      }),
      expect.objectContaining({
        field: 'Monitored_Departments__c',
        message: expect.stringMatching(/line 4 "customer support" names Customer Support a second time/),
      }),
    ]);
  });
});
