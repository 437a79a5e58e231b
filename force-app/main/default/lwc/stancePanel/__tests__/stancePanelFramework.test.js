import { $, mount, streamOff, tearDown, text, withExplanation } from './support/panel';

// The user's locale and currency, as the platform gives them (@salesforce/i18n).
jest.mock('@salesforce/i18n/locale', () => ({ default: 'en-GB' }), { virtual: true });
jest.mock('@salesforce/i18n/lang', () => ({ default: 'en-GB' }), { virtual: true });
jest.mock('@salesforce/i18n/currency', () => ({ default: 'EUR' }), { virtual: true });

const fireExitPlan = require('./data/fireExitPlan.json');
const noneEffort = require('./data/noneEffort.json');
const defendCompetitors = require('./data/defendCompetitors.json');
const defendAtRisk = require('./data/defendAtRisk.json');

describe('c-stance-panel: the framework', () => {
  beforeEach(streamOff);
  afterEach(tearDown);

  it("shows the effort still spent on a Fire account, in the user's currency, with the list of such accounts", async () => {
    const element = await mount(fireExitPlan);
    expect(text(element, 'effort-text')).toBe(
      '3 open deals (€180k), 5 cases in 90 days (2 still open) and activity on 10 Jun 2026 on an account outside the strategy.',
    );
    const link = $(element, 'effort-list');
    expect(link.textContent.trim()).toBe('Effort on accounts to fire');
    expect(link.getAttribute('href')).toBe('/lightning/o/Account/list?filterName=Stance_Effort_On_Fire');
    await expect(element).toBeAccessible();
  });

  it('shows the effort on an account outside the strategy (None), without the list of Fire accounts', async () => {
    const element = await mount(noneEffort);
    expect(text(element, 'effort-text')).toBe(
      '1 open deal (€24k) and activity on 8 Jun 2026 on an account outside the strategy.',
    );
    expect($(element, 'effort-list')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('says nothing of effort on an account in the strategy, or when the effort is not off-strategy', async () => {
    const defend = await mount(defendCompetitors);
    expect($(defend, 'effort')).toBeNull();
    document.body.removeChild(defend);
    const quiet = await mount(
      withExplanation(fireExitPlan, (explanation) => {
        explanation.effort = { ...explanation.effort, offStrategy: false };
      }),
    );
    expect($(quiet, 'effort')).toBeNull();
  });

  it('names the competitors active on the account, from signals and lost deals', async () => {
    const element = await mount(defendCompetitors);
    expect(text(element, 'competitors')).toBe(
      'Competitors active: Cacao Nova (2 signals), Valdor Ingredients (lost deal)',
    );
    await expect(element).toBeAccessible();
  });

  it('shows neither when no competitor is active, nor for an explanation written before them', async () => {
    const element = await mount(fireExitPlan);
    expect($(element, 'competitors')).toBeNull();
    document.body.removeChild(element);
    // As a sidecar before the framework wrote it: none of the optional parts.
    const older = await mount(
      withExplanation(fireExitPlan, (explanation) => {
        ['coverage', 'competitors', 'effort', 'planSteps'].forEach((part) => delete explanation[part]);
      }),
    );
    expect(text(older, 'stance-badge')).toBe('FIRE');
    expect($(older, 'competitors')).toBeNull();
    expect($(older, 'effort')).toBeNull();
    await expect(older).toBeAccessible();
  });

  it('shows the stance and its reason even when the explanation cannot be read, and no framework lines', async () => {
    const broken = { ...defendAtRisk, fields: { ...defendAtRisk.fields } };
    broken.fields.Stance_Checklist__c = { value: '{"schema":"stance.explanation","version":9}', displayValue: null };
    const element = await mount(broken);
    expect(text(element, 'stance-badge')).toBe('DEFEND');
    expect(element.shadowRoot.querySelector('c-error-panel')).not.toBeNull();
    expect($(element, 'competitors')).toBeNull();
    expect($(element, 'effort')).toBeNull();
    await expect(element).toBeAccessible();
  });
});
