import {
  describeNearMiss,
  groupChecklist,
  isStale,
  parseExplanation,
  planProgress,
  readExplanation,
  relativeTime,
  stanceVisual,
  wiredRecordState,
} from 'c/stanceModel';

const defendHealthy = require('../../stancePanel/__tests__/data/defendHealthy.json');

const explanation = () => JSON.parse(defendHealthy.fields.Stance_Checklist__c.value);

describe('stanceModel', () => {
  it('reads a stored explanation of the supported version, and nothing for an empty field', () => {
    expect(parseExplanation(defendHealthy.fields.Stance_Checklist__c.value).stance).toBe('Defend');
    expect(parseExplanation(null)).toBeNull();
  });

  it('refuses other versions and broken JSON with a readable message', () => {
    expect(() => parseExplanation(JSON.stringify({ schema: 'stance.explanation', version: 7 }))).toThrow(
      'has version 7',
    );
    expect(() => parseExplanation('{not json')).toThrow('not valid JSON');
  });

  it('never carries meaning by colour alone: every stance has a label and an icon', () => {
    ['Attack', 'Defend', 'Fire', 'None', undefined].forEach((stance) => {
      const visual = stanceVisual(stance);
      expect(visual.label).toBeTruthy();
      expect(visual.icon).toMatch(/^utility:/);
    });
  });

  it('groups the checklist in working order and counts plan steps', () => {
    const groups = groupChecklist(explanation().checklist);
    expect(groups.map((group) => group.title)).toEqual(['Threats', 'Plan steps']);
    expect(planProgress(explanation().checklist)).toBe('0 of 1 plan steps done');
    expect(planProgress([])).toBeNull();
  });

  it('says what would put a customer at risk, by the package labels of the triggers, one or each of several', () => {
    const gap = { threatWeight: 40, bar: 60, wouldTip: ['SERVICE_DISSATISFACTION'] };
    expect(describeNearMiss({ atRiskGap: gap, nearMiss: null }, { SERVICE_DISSATISFACTION: 'Stored words' })).toBe(
      'Service dissatisfaction would put this account at risk.',
    );
    const several = { ...gap, wouldTip: ['KEY_PERSON_CHANGE', 'CUSTOMER_DEFINED_THREAT'] };
    expect(describeNearMiss({ atRiskGap: several, nearMiss: null }, { CUSTOMER_DEFINED_THREAT: 'Plant closure' })).toBe(
      'Key person change or Plant closure would each put this account at risk.',
    );
    expect(describeNearMiss(null)).toBeNull();
    expect(describeNearMiss({ atRiskGap: null, nearMiss: null })).toBeNull();
  });

  it('speaks of time relative to now', () => {
    const now = Date.parse('2026-06-15T12:00:00Z');
    expect(relativeTime('2026-06-15T11:59:40Z', now)).toBe('now');
    expect(relativeTime('2026-06-15T11:58:00Z', now)).toBe('2 minutes ago');
    expect(relativeTime('2026-06-12T12:00:00Z', now)).toBe('3 days ago');
    expect(relativeTime('2026-06-16T12:00:00Z', now)).toBe('tomorrow');
    expect(relativeTime('2026-06-19T12:00:00Z', now)).toBe('in 4 days');
    expect(relativeTime('nonsense', now)).toBe('');
  });

  it('calls a classification stale only when the account changed minutes after it', () => {
    expect(isStale('2026-06-15T12:00:00Z', '2026-06-15T12:00:02Z')).toBe(false);
    expect(isStale('2026-06-15T12:00:00Z', '2026-06-15T12:30:00Z')).toBe(true);
    expect(isStale(null, '2026-06-15T12:30:00Z')).toBe(true);
    expect(isStale('2026-06-15T12:00:00Z', null)).toBe(false);
  });
});

describe('reading wire answers and stored explanations', () => {
  it('keeps the record, or the error, and ignores an empty answer', () => {
    const record = { id: '001A' };
    const failure = { body: { message: 'no access' } };
    expect(wiredRecordState({ data: record }, { error: failure })).toEqual({ record, error: undefined });
    expect(wiredRecordState({ error: failure }, { record })).toEqual({ record: undefined, error: failure });
    expect(wiredRecordState({}, { record, error: undefined })).toEqual({ record, error: undefined });
  });

  it('answers an explanation, or the error that says why it cannot be read', () => {
    expect(readExplanation(defendHealthy.fields.Stance_Checklist__c.value)).toEqual({ explanation: explanation() });
    expect(readExplanation(null)).toEqual({ explanation: null });
    expect(readExplanation('{').error.message).toMatch(/not valid JSON/);
  });
});
