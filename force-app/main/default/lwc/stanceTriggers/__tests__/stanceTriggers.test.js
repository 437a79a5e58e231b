describe('c/stanceTriggers', () => {
  afterEach(() => {
    delete global.__STANCE_LABEL_LANGUAGE__;
  });

  it('names a known code with the package label, not the stored label or the API value', () => {
    const { triggerLabel } = require('c/stanceTriggers');
    expect(triggerLabel('COMPETITOR_APPROACH', 'Stored competitor label')).toBe('Competitor approach');
    expect(triggerLabel('EXIT_CUSTOMER_TOLD')).toBe('Customer told');
  });

  it('falls back to the stored label, then the code, for a code the package does not know', () => {
    const { triggerLabel } = require('c/stanceTriggers');
    expect(triggerLabel('SUPPLY_RISK', 'Supply risk')).toBe('Supply risk');
    expect(triggerLabel('SUPPLY_RISK')).toBe('SUPPLY_RISK');
    expect(triggerLabel('toString', 'Admin label')).toBe('Admin label');
  });

  it('names the triggers in German for a German user', () => {
    global.__STANCE_LABEL_LANGUAGE__ = 'de';
    let triggerLabel;
    jest.isolateModules(() => {
      ({ triggerLabel } = require('c/stanceTriggers'));
    });
    expect(triggerLabel('SERVICE_DISSATISFACTION', 'Service dissatisfaction')).toBe('Unzufriedenheit mit dem Service');
    expect(triggerLabel('EXIT_HANDOVER')).toBe('Übergabe vereinbart');
  });

  it('has a label for every code of the Trigger__c picklist', () => {
    const { readFileSync } = require('fs');
    const { join } = require('path');
    const xml = readFileSync(
      join(__dirname, '../../../objects/Stance_Signal__c/fields/Trigger__c.field-meta.xml'),
      'utf8',
    );
    const codes = [...xml.matchAll(/<fullName>([A-Z_]+)<\/fullName>/g)].map((match) => match[1]);
    const { TRIGGER_LABELS } = require('c/stanceTriggers');
    expect(codes.length).toBeGreaterThan(10);
    expect(codes.filter((code) => !TRIGGER_LABELS[code])).toEqual([]);
  });
});
