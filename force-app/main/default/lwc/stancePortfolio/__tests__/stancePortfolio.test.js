import { createElement } from 'lwc';
import { graphql } from 'lightning/graphql';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import {
  $,
  $$,
  DANA,
  StancePortfolio,
  TODAY,
  USER,
  isPortfolio,
  isSnapshots,
  managerPortfolio,
  managerSnapshots,
  onStreamingError,
  ownerRow,
  render,
  repPortfolio,
  repSnapshots,
  settle,
  setUp,
  subscribeToStream,
  tearDown,
  text,
  tile,
} from './support/portfolio';

const managerPortfolioStepDone = require('./data/managerPortfolioStepDone.json');
const emptySnapshots = require('./data/emptySnapshots.json');
const emptyPortfolio = require('./data/emptyPortfolio.json');
const fieldError = require('./data/fieldError.json');
const { onlyFire, cut } = require('./data/portfolios');

const NINA = '005000000000003AAA';

const stanceUpdate = (accountIds) => ({
  channel: '/event/Stance_Update__e',
  data: { payload: { Account_Ids__c: accountIds }, event: { replayId: 9 } },
});

// Microtasks only, for a test whose timers are fake.
const flush = async () => {
  // eslint-disable-next-line no-await-in-loop
  for (let turn = 0; turn < 20; turn += 1) await Promise.resolve();
};

describe('c-stance-portfolio', () => {
  beforeEach(setUp);
  afterEach(tearDown);

  it('asks for the snapshots since the first of the 8 weeks, then the accounts of everyone whose snapshots it read', async () => {
    const element = await render({ snapshots: managerSnapshots });
    const configs = [];
    graphql.emit(undefined, (config) => configs.push(config) && false);
    expect(configs.map((config) => config.variables)).toEqual([
      { since: '2026-10-05' },
      { owners: [USER, DANA, NINA] },
    ]);
    expect($(element, 'lightning-spinner')).not.toBeNull();
  });

  it("shows a manager their team's mix now against last week, exit plans, effort, trend, owners and wins", async () => {
    const element = await render({ snapshots: managerSnapshots, portfolio: managerPortfolio });

    expect(text($(element, '[data-id="title"]'))).toBe("My team's accounts");
    expect(text($(element, '[data-id="week"]'))).toBe('week of November 23');
    expect(tile(element, 'Attack')).toBe('Attack 12 ▲2 up 2 since last week');
    expect(tile(element, 'Defend')).toBe('Defend 31 =0 no change since last week');
    expect(tile(element, 'Fire')).toBe('Fire 5 ▼1 down 1 since last week');
    // An account with no stance yet counts as None.
    expect(tile(element, 'None')).toBe('No stance 22 =0 no change since last week');
    expect(tile(element, 'at-risk')).toBe('At risk 4 ▲1 up 1 since last week');
    expect(text($(element, '[data-id="baseline"]'))).toBe('Changes compare with the snapshot of November 18.');
    // The numbers open the list views: Attack targets, Fire candidates, at risk.
    const listOf = (stance) => $(element, `[data-stance="${stance}"] a[data-id="count"]`);
    expect(listOf('Attack').getAttribute('href')).toBe('/lightning/o/Account/list?filterName=Stance_Attack_Targets');
    expect(listOf('Fire').getAttribute('href')).toBe('/lightning/o/Account/list?filterName=Stance_Fire_Candidates');
    expect(listOf('at-risk').getAttribute('href')).toBe('/lightning/o/Account/list?filterName=Stance_At_Risk');
    expect(listOf('Defend')).toBeNull();
    expect(text($(element, '[data-id="exit-plans"]'))).toBe(
      'Exit plans: 8 of 20 exit steps done on 5 accounts to fire.',
    );
    expect(text($(element, '[data-id="effort"]'))).toBe(
      'Effort on accounts outside the strategy (Fire and No stance): 9 open deals ($210,000 open pipeline), 14 recent cases.',
    );
    expect($(element, '[data-id="effort-link"]').getAttribute('href')).toBe(
      '/lightning/o/Account/list?filterName=Stance_Effort_On_Fire',
    );

    const weeks = $$(element, '[data-id="trend-table"] tbody tr').map((row) =>
      [...row.children].map((cell) => text(cell)),
    );
    expect(weeks).toHaveLength(8);
    expect(weeks[0]).toEqual(['Oct 5', '4', '31', '10', '34', '79']);
    // This week: the latest snapshot of each owner (24 Nov), not the sum of all of them.
    expect(weeks[7]).toEqual(['Nov 23', '10', '31', '6', '22', '69']);
    expect($$(element, '.portfolio-week')).toHaveLength(8);
    expect($(element, '[data-id="truncated"]')).toBeNull();

    // Max owns no account and has no snapshot: only his team's rows.
    expect($$(element, '[data-id="owners"] tbody tr')).toHaveLength(2);
    expect(ownerRow(element, DANA)).toEqual(['Dana Reyes', '5', '14', '3', '2', '10', '3 of 8', '4 deals and 4 cases']);
    expect(ownerRow(element, NINA)).toEqual([
      'Nina Park',
      '7',
      '17',
      '1',
      '3',
      '12',
      '5 of 12',
      '5 deals and 10 cases',
    ]);

    expect($$(element, '[data-id="wins"] li').map((item) => text(item))).toEqual([
      'Technical solution: 3',
      'Price: 1',
      'Service: 3',
    ]);
    expect(text($(element, '[data-id="wins-as-of"]'))).toBe(
      'Won deals by the value lever they pulled, from the snapshot of November 24.',
    );
    await expect(element).toBeAccessible();
  });

  it('counts the days in whatever order the org answers them', async () => {
    const days = managerSnapshots.uiapi.aggregate.days;
    const newestFirst = {
      uiapi: { aggregate: { ...managerSnapshots.uiapi.aggregate, days: { edges: [...days.edges].reverse() } } },
    };
    const element = await render({ snapshots: newestFirst, portfolio: managerPortfolio });

    expect(tile(element, 'Attack')).toBe('Attack 12 ▲2 up 2 since last week');
    const weeks = $$(element, '[data-id="trend-table"] tbody tr').map((row) =>
      [...row.children].map((cell) => text(cell)),
    );
    expect(weeks[7]).toEqual(['Nov 23', '10', '31', '6', '22', '69']);
    expect($(element, '[data-id="truncated"]')).toBeNull();
  });

  it("leaves out the owner whose groups the org cut, keeps the team's totals whole, and says so", async () => {
    const element = await render({ snapshots: managerSnapshots, portfolio: cut(managerPortfolio, 'byOwner') });

    // The groups come in OwnerId order: Nina's are the last, and may be short, so her row is left out.
    expect(ownerRow(element, DANA)[0]).toBe('Dana Reyes');
    expect(ownerRow(element, NINA)).toEqual([]);
    // The team's totals come from its own groups, which no page cut.
    expect(tile(element, 'Attack')).toBe('Attack 12 ▲2 up 2 since last week');
    expect(text($(element, '[data-id="truncated"]'))).toBe(
      'Owners shown: 1. The table stops there; the totals count your whole team.',
    );
    await expect(element).toBeAccessible();
  });

  it('says when the team has more owners than the portfolio reads', async () => {
    const element = await render({ snapshots: cut(managerSnapshots, 'owners'), portfolio: managerPortfolio });

    expect(text($(element, '[data-id="truncated"]'))).toBe(
      'Your team has more than 2,000 owners: the portfolio counts the first 2,000.',
    );
    await expect(element).toBeAccessible();
  });

  it('shows a rep their own accounts and their own row only', async () => {
    const element = await render({ snapshots: repSnapshots, portfolio: repPortfolio });

    expect(graphql.getLastConfig().variables).toEqual({ owners: [USER] });
    expect(text($(element, '[data-id="title"]'))).toBe('My accounts');
    expect(tile(element, 'Attack')).toBe('Attack 5 ▲1 up 1 since last week');
    expect(tile(element, 'Fire')).toBe('Fire 2 ▼1 down 1 since last week');
    expect(text($(element, '[data-id="exit-plans"]'))).toBe(
      'Exit plans: 3 of 8 exit steps done on 2 accounts to fire.',
    );
    expect($$(element, '[data-id="owners"] tbody tr')).toHaveLength(1);
    expect(ownerRow(element, USER)).toEqual([
      'Dana Reyes (you)',
      '5',
      '14',
      '3',
      '2',
      '10',
      '3 of 8',
      '4 deals and 4 cases',
    ]);
    await expect(element).toBeAccessible();
  });

  it('shows the accounts now without a trend or a change before the first snapshot', async () => {
    const element = await render({ snapshots: emptySnapshots, portfolio: repPortfolio });

    expect(tile(element, 'Attack')).toBe('Attack 5');
    expect(text($(element, '[data-id="baseline"]'))).toBe('No snapshot from last week yet to compare with.');
    expect(text($(element, '[data-id="no-snapshots"]'))).toBe(
      "No snapshots yet: the trend starts with the sidecar's first daily snapshot.",
    );
    expect($(element, '[data-id="trend-table"]')).toBeNull();
    expect($(element, '[data-id="wins"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('says one open deal and one recent case in the singular', async () => {
    const fire = onlyFire(repPortfolio, {
      Stance_Open_Deals__c: { sum: { value: 1 } },
      Stance_Recent_Cases__c: { sum: { value: 1 } },
      Stance_Open_Pipeline__c: { sum: { value: 12000 } },
    });
    const element = await render({ snapshots: repSnapshots, portfolio: fire });

    expect(text($(element, '[data-id="effort"]'))).toBe(
      'Effort on accounts outside the strategy (Fire and No stance): 1 open deal ($12,000 open pipeline), 1 recent case.',
    );
    expect(ownerRow(element, USER)[7]).toBe('1 deal and 1 case');
  });

  it('says one account to fire and one exit step in the singular', async () => {
    const oneFire = onlyFire(repPortfolio, {
      Id: { count: { value: 1 } },
      Stance_Plan_Steps__c: { sum: { value: 1 } },
      Stance_Plan_Steps_Done__c: { sum: { value: 0 } },
    });
    const element = await render({ snapshots: repSnapshots, portfolio: oneFire });

    expect(text($(element, '[data-id="exit-plans"]'))).toBe('Exit plans: 0 of 1 exit step done on 1 account to fire.');
  });

  it('names the stances in the legend and the tables, and the trend by its number of weeks', async () => {
    const element = await render({ snapshots: managerSnapshots, portfolio: managerPortfolio });

    expect($$(element, '.portfolio-legend li').map((item) => text(item))).toEqual([
      'Attack',
      'Defend',
      'Fire',
      'No stance',
    ]);
    expect($$(element, '[data-id="trend-table"] thead th').map((cell) => text(cell))).toEqual([
      'Week of',
      'Attack',
      'Defend',
      'Fire',
      'No stance',
      'Total',
    ]);
    expect($$(element, '[data-id="owners"] thead th').map((cell) => text(cell))).toEqual([
      'Owner',
      'Attack',
      'Defend',
      'At risk',
      'Fire',
      'No stance',
      'Exit steps done',
      'Effort off-strategy',
    ]);
    expect(text($(element, 'section[aria-label="Trend of the last 8 weeks"] h3'))).toBe('Last 8 weeks');
    expect($(element, '.portfolio-segment').title).toMatch(/^(Attack|Defend|Fire|No stance): \d+$/);
  });

  it('names the value levers as the org labels them for the user, not by their API values', async () => {
    const element = await render({ snapshots: managerSnapshots, portfolio: managerPortfolio });
    getObjectInfo.emit({ apiName: 'Opportunity', defaultRecordTypeId: '012000000000000AAA', fields: {} });
    await settle();
    expect(getPicklistValues.getLastConfig()).toEqual({
      recordTypeId: '012000000000000AAA',
      fieldApiName: expect.objectContaining({ objectApiName: 'Opportunity', fieldApiName: 'Value_Levers__c' }),
    });
    getPicklistValues.emit({
      values: [
        { label: 'Engineering fit', value: 'Technical', validFor: [] },
        { label: 'Price', value: 'Price', validFor: [] },
        { label: 'After-sales service', value: 'Service', validFor: [] },
      ],
    });
    await settle();

    expect($$(element, '[data-id="wins"] li').map((item) => text(item))).toEqual([
      'Engineering fit: 3',
      'Price: 1',
      'After-sales service: 3',
    ]);
    await expect(element).toBeAccessible();
  });

  it('says so when there are no accounts and no snapshots', async () => {
    const element = await render({ snapshots: emptySnapshots, portfolio: emptyPortfolio });

    expect(text($(element, '[data-id="empty"]'))).toMatch(/^No accounts and no snapshots yet\./);
    expect($(element, '[data-id="mix"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows what GraphQL said went wrong in the error panel', async () => {
    const element = await render({ snapshots: managerSnapshots });
    graphql.emitErrors(fieldError, isPortfolio);
    await settle();

    const panel = $(element, 'c-error-panel');
    expect(panel).not.toBeNull();
    expect(panel.friendlyMessage).toBe('We could not load the portfolio.');
    panel.shadowRoot.querySelector('button').click();
    await settle();
    expect(text(panel.shadowRoot.querySelector('li'))).toMatch(/Field 'Stance_Open_Pipeline__c' .* is undefined/);
    expect($(element, '[data-id="mix"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('refreshes both queries when a Stance update names any account, and the live count moves', async () => {
    const refreshSnapshots = jest.fn().mockResolvedValue(undefined);
    const refreshPortfolio = jest.fn().mockResolvedValue(undefined);
    const element = await render({
      snapshots: managerSnapshots,
      portfolio: managerPortfolio,
      refreshSnapshots,
      refreshPortfolio,
    });
    expect(subscribeToStream).toHaveBeenCalledWith('/event/Stance_Update__e', -1, expect.any(Function));
    const receive = subscribeToStream.mock.calls[0][2];

    receive(stanceUpdate(''));
    await settle();
    expect(refreshPortfolio).not.toHaveBeenCalled();

    receive(stanceUpdate('001000000000777AAA'));
    await settle();
    expect(refreshPortfolio).toHaveBeenCalledTimes(1);
    expect(refreshSnapshots).toHaveBeenCalledTimes(1);

    // What the refresh brings: Dana ticked an exit step.
    graphql.emit(managerPortfolioStepDone, isPortfolio, refreshPortfolio);
    await settle();
    expect(text($(element, '[data-id="exit-plans"]'))).toBe(
      'Exit plans: 9 of 20 exit steps done on 5 accounts to fire.',
    );
    await expect(element).toBeAccessible();
  });

  it('says live updates are paused when streaming fails, and live again when an update arrives', async () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const element = await render({ snapshots: managerSnapshots, portfolio: managerPortfolio });
    expect($(element, '[data-id="paused"]')).toBeNull();

    onStreamingError.mock.calls[0][0]({ subscription: '/event/Stance_Update__e', error: '403::Handshake denied' });
    await settle();
    expect(text($(element, '[data-id="paused"]'))).toBe(
      'Live updates paused: reload the page to see the latest counts.',
    );
    await expect(element).toBeAccessible();

    subscribeToStream.mock.calls[0][2](stanceUpdate('001000000000777AAA'));
    await settle();
    expect($(element, '[data-id="paused"]')).toBeNull();
    error.mockRestore();
  });

  it('refreshes at most once a second however many updates arrive, and once more after a burst', async () => {
    jest.useFakeTimers({ now: TODAY });
    const refreshPortfolio = jest.fn().mockResolvedValue(undefined);
    const element = createElement('c-stance-portfolio', { is: StancePortfolio });
    document.body.appendChild(element);
    await flush();
    graphql.emit(managerSnapshots, isSnapshots);
    await flush();
    graphql.emit(managerPortfolio, isPortfolio, refreshPortfolio);
    await flush();
    const receive = subscribeToStream.mock.calls[0][2];

    receive(stanceUpdate('001000000000777AAA'));
    receive(stanceUpdate('001000000000778AAA'));
    receive(stanceUpdate('001000000000779AAA'));
    await flush();
    expect(refreshPortfolio).toHaveBeenCalledTimes(1);

    jest.advanceTimersByTime(999);
    await flush();
    expect(refreshPortfolio).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(1);
    await flush();
    expect(refreshPortfolio).toHaveBeenCalledTimes(2);

    // Quiet for a second: nothing more.
    jest.advanceTimersByTime(5000);
    await flush();
    expect(refreshPortfolio).toHaveBeenCalledTimes(2);

    // Removed from the page: a pending refresh is dropped.
    receive(stanceUpdate('001000000000780AAA'));
    receive(stanceUpdate('001000000000781AAA'));
    document.body.removeChild(element);
    jest.advanceTimersByTime(2000);
    await flush();
    expect(refreshPortfolio).toHaveBeenCalledTimes(3);
  });
});
