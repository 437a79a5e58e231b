import { LightningElement, wire } from 'lwc';
import { graphql } from 'lightning/graphql';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import userId from '@salesforce/user/Id';
import OPPORTUNITY_OBJECT from '@salesforce/schema/Opportunity';
import VALUE_LEVERS from '@salesforce/schema/Opportunity.Value_Levers__c';
import { formatLabel, listOf, plural, today } from 'c/stanceI18n';
import { StanceUpdates } from 'c/stanceLiveUpdates';
import { STANCE_NAMES, stanceName } from 'c/stanceModel';
import { PORTFOLIO_QUERY, SNAPSHOTS_QUERY } from './portfolioQueries';
import {
  STANCES,
  TREND_WEEKS,
  lastWeek,
  liveMix,
  ownerIds,
  snapshotDays,
  trendWeeks,
  weekStart,
  weeklyTrend,
  winsByLever,
} from './portfolioModel';
import { deltaOf, dayLabel, moneyText, numberText, ownerRows, trendBars } from './portfolioView';
import { LABELS } from './portfolioLabels';

/** What a lever is called when the org does not say (its picklist cannot be read). */
const LEVER_LABELS = { Technical: LABELS.leverTechnical, Price: LABELS.leverPrice, Service: LABELS.leverService };

/** How many owners the snapshot query reads at most (its `first`). */
const OWNER_LIMIT = 2000;

/** Whether the org said a connection has more than it answered. */
const hasNextPage = (connection) => !!(connection && connection.pageInfo && connection.pageInfo.hasNextPage);

/** Live updates come in bursts (a recompute names thousands of accounts): at most one refresh a second. */
export const REFRESH_INTERVAL_MS = 1000;
export const EFFORT_LIST_URL = '/lightning/o/Account/list?filterName=Stance_Effort_On_Fire';
export const AT_RISK_LIST_URL = '/lightning/o/Account/list?filterName=Stance_At_Risk';
/** The stances with a list view of their own (Defend's accounts are in "at risk" when they need attention). */
const STANCE_LIST_URLS = {
  Attack: '/lightning/o/Account/list?filterName=Stance_Attack_Targets',
  Fire: '/lightning/o/Account/list?filterName=Stance_Fire_Candidates',
};

/** Follows Stance_Update__e for every account: any account's change may move the portfolio. */
class PortfolioUpdates extends StanceUpdates {
  receive(message) {
    this.onLiveChange(true);
    const payload = message && message.data && message.data.payload;
    const ids = payload && payload.Account_Ids__c;
    if (typeof ids === 'string' && ids.trim() !== '') this.onUpdate();
  }
}

/**
 * The team's portfolio (Home page and the Stance app page): the mix by stance now, from the
 * accounts, against last week's snapshot; at risk, exit plans, effort outside the strategy, the
 * trend of the last eight weeks from the snapshots, each owner's row and wins by value lever.
 */
export default class StancePortfolio extends LightningElement {
  today = today();
  snapshotVariables = { since: trendWeeks(today())[0] };
  portfolioVariables;
  snapshotResult;
  portfolioResult;
  days = [];
  snapshotOwners = new Set();
  ownersCut = false;
  live = true;
  updates;
  refreshTimer;
  refreshPending = false;

  @wire(graphql, { query: SNAPSHOTS_QUERY, variables: '$snapshotVariables' })
  wiredSnapshots(result) {
    this.snapshotResult = result;
    const aggregate = result.data && result.data.uiapi.aggregate;
    if (!aggregate) return;
    this.days = snapshotDays(aggregate.days && aggregate.days.edges);
    const ownerEdges = aggregate.owners ? aggregate.owners.edges : [];
    this.snapshotOwners = new Set(ownerIds(ownerEdges));
    this.ownersCut = hasNextPage(aggregate.owners);
    const owners = ownerIds(ownerEdges, userId);
    // A new object only when the owners change: the portfolio wire loads again only then.
    if (!this.portfolioVariables || this.portfolioVariables.owners.join() !== owners.join()) {
      this.portfolioVariables = { owners };
    }
  }

  @wire(graphql, { query: PORTFOLIO_QUERY, variables: '$portfolioVariables' })
  wiredPortfolio(result) {
    this.portfolioResult = result;
  }

  /** The value levers as the org names them in the user's language (global value set Stance_Value_Levers). */
  @wire(getObjectInfo, { objectApiName: OPPORTUNITY_OBJECT }) opportunityInfo;

  @wire(getPicklistValues, { recordTypeId: '$opportunityInfo.data.defaultRecordTypeId', fieldApiName: VALUE_LEVERS })
  leverValues;

  get labels() {
    return LABELS;
  }

  get stanceLabels() {
    return STANCE_NAMES;
  }

  connectedCallback() {
    this.updates = new PortfolioUpdates({
      recordId: () => null,
      onUpdate: () => this.scheduleRefresh(),
      onLiveChange: (live) => {
        this.live = live;
      },
    });
    this.updates.start();
  }

  disconnectedCallback() {
    this.updates.stop();
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    this.refreshPending = false;
  }

  /** The first update refreshes at once; more within the second after it make one refresh at its end. */
  scheduleRefresh() {
    if (this.refreshTimer) {
      this.refreshPending = true;
      return;
    }
    this.refresh();
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      if (this.refreshPending) {
        this.refreshPending = false;
        this.scheduleRefresh();
      }
    }, REFRESH_INTERVAL_MS);
  }

  refresh() {
    this.today = today();
    for (const result of [this.portfolioResult, this.snapshotResult]) {
      if (result && typeof result.refresh === 'function') {
        Promise.resolve()
          .then(() => result.refresh())
          // i18n-exempt: a message for the browser console, not the page
          .catch((error) => console.error('Stance: the portfolio could not refresh', error));
      }
    }
  }

  get errors() {
    return [this.snapshotResult, this.portfolioResult]
      .map((result) => result && result.errors)
      .filter((errors) => !!errors && errors.length > 0)
      .flat();
  }

  get hasError() {
    return this.errors.length > 0;
  }

  get paused() {
    return !this.live;
  }

  get portfolio() {
    const data = this.portfolioResult && this.portfolioResult.data;
    return data ? data.uiapi : null;
  }

  get loading() {
    return !this.hasError && !this.portfolio;
  }

  get mix() {
    const aggregate = this.portfolio ? this.portfolio.aggregate : {};
    const byOwner = aggregate.byOwner;
    return liveMix(byOwner && byOwner.edges, aggregate.team && aggregate.team.edges, { partial: this.rowsCut });
  }

  /** The org left out account groups past its page: the owners' rows may stop short of the team. */
  get rowsCut() {
    return hasNextPage(this.portfolio && this.portfolio.aggregate.byOwner);
  }

  get baseline() {
    return lastWeek(this.days, this.today);
  }

  get isEmpty() {
    return !!this.portfolio && this.mix.team.total === 0 && this.days.length === 0;
  }

  get ready() {
    return !!this.portfolio && !this.hasError && !this.isEmpty;
  }

  get isTeam() {
    return this.portfolioVariables && this.portfolioVariables.owners.length > 1;
  }

  get title() {
    return this.isTeam ? LABELS.titleTeam : LABELS.titleMine;
  }

  get weekLabel() {
    return formatLabel(LABELS.weekOf, dayLabel(weekStart(this.today), 'long'));
  }

  get stanceNames() {
    return STANCES.map((stance) => ({
      stance,
      name: stanceName(stance),
      className: `portfolio-stance_${stance.toLowerCase()}`,
    }));
  }

  get trendLabel() {
    return plural(TREND_WEEKS, LABELS.trendOne, LABELS.trendOther);
  }

  get trendHeading() {
    return plural(TREND_WEEKS, LABELS.lastWeeksOne, LABELS.lastWeeksOther);
  }

  /** The org left owners out: of the team (past 2,000 owners) or of the rows (past 2,000 groups). */
  get truncated() {
    return this.ownersCut || this.rowsCut;
  }

  get truncatedText() {
    return this.ownersCut
      ? formatLabel(LABELS.teamTruncated, numberText(OWNER_LIMIT))
      : formatLabel(LABELS.truncated, numberText(this.owners.length));
  }

  get stanceTiles() {
    const { team } = this.mix;
    const baseline = this.baseline;
    return STANCES.map((stance) => ({
      stance,
      name: stanceName(stance),
      count: numberText(team[stance]),
      url: STANCE_LIST_URLS[stance],
      className: `portfolio-tile portfolio-stance_${stance.toLowerCase()}`, // i18n-exempt: CSS classes
      delta: deltaOf(team[stance], baseline && baseline[stance]),
    }));
  }

  get atRisk() {
    const baseline = this.baseline;
    return {
      count: numberText(this.mix.team.atRisk),
      delta: deltaOf(this.mix.team.atRisk, baseline && baseline.atRisk),
      url: AT_RISK_LIST_URL,
    };
  }

  get baselineText() {
    const baseline = this.baseline;
    return baseline ? formatLabel(LABELS.baseline, dayLabel(baseline.day, 'long')) : LABELS.noBaseline;
  }

  get exitPlans() {
    const { team } = this.mix;
    if (team.fireAccounts === 0) return formatLabel(LABELS.exitPlans, LABELS.noFire);
    const steps = plural(team.exitSteps, LABELS.exitStepsOne, LABELS.exitStepsOther, numberText(team.exitStepsDone));
    const accounts = plural(team.fireAccounts, LABELS.accountsOne, LABELS.accountsOther);
    return formatLabel(LABELS.exitPlans, formatLabel(LABELS.exitProgress, steps, accounts));
  }

  get exitStepsDone() {
    return this.mix.team.exitStepsDone;
  }

  get effort() {
    const { team } = this.mix;
    return {
      text: formatLabel(
        LABELS.effort,
        listOf([STANCE_NAMES.Fire, STANCE_NAMES.None]),
        plural(team.offStrategyDeals, LABELS.openDealsOne, LABELS.openDealsOther),
        moneyText(team.offStrategyPipeline),
        plural(team.offStrategyCases, LABELS.recentCasesOne, LABELS.recentCasesOther),
      ),
      none: team.offStrategyDeals + team.offStrategyCases === 0,
      url: EFFORT_LIST_URL,
    };
  }

  get trend() {
    return trendBars(weeklyTrend(this.days, this.today));
  }

  get hasSnapshots() {
    return this.days.length > 0;
  }

  get owners() {
    const names = new Map(
      (this.portfolio ? this.portfolio.query.User.edges : []).map((edge) => [edge.node.Id, edge.node.Name.value]),
    );
    const owners = this.portfolioVariables ? this.portfolioVariables.owners : [];
    // Past a page cut, an owner without groups may be one the org left out: only owners read get a row.
    return ownerRows(owners, this.mix.owners, names, userId, this.rowsCut ? new Set() : this.snapshotOwners);
  }

  /** Each lever by its picklist label (UI API, the user's language), else the package's name for it. */
  get wins() {
    const wins = winsByLever(this.days, this.today);
    if (!wins) return null;
    const data = this.leverValues && this.leverValues.data;
    const labels = new Map(data ? data.values.map((entry) => [entry.value, entry.label]) : []);
    return wins.levers.map((lever) => ({
      ...lever,
      text: formatLabel(
        LABELS.namedCount,
        labels.get(lever.value) || LEVER_LABELS[lever.value],
        numberText(lever.wins),
      ),
    }));
  }

  get winsAsOf() {
    const wins = winsByLever(this.days, this.today);
    return wins ? formatLabel(LABELS.winsAsOf, dayLabel(wins.day, 'long')) : '';
  }
}
