/**
 * The demo firm: an ingredients supplier whose cocoa replacer lowers chocolate makers' exposure
 * to swings in world cocoa supply. A small set of accounts covering every stance; dates are
 * relative to the day the org is seeded, so the stances stay the same whenever it runs.
 */

export interface DemoUser {
  readonly key: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly department: string;
}

export interface DemoAccount {
  readonly key: string;
  readonly name: string;
  readonly type: string;
  readonly industry: string;
  readonly country: string;
  readonly annualRevenue: number;
  readonly owner: string;
  readonly strategic?: boolean;
  readonly contacts: ReadonlyArray<{ firstName: string; lastName: string; title: string; daysAgo: number }>;
  readonly opportunities: ReadonlyArray<{
    name: string;
    amount: number;
    stage: string;
    closeInDays: number;
    lostTo?: string;
  }>;
  readonly signals: ReadonlyArray<{
    trigger: string;
    status: string;
    source: string;
    by: string;
    daysAgo: number;
    detail: string;
  }>;
}

export interface DemoMarketSignal {
  readonly name: string;
  readonly kind: string;
  readonly effect: string;
  readonly industry?: string;
  readonly country?: string;
  readonly startedDaysAgo: number;
  readonly description: string;
}

export const USERS: readonly DemoUser[] = [
  { key: 'dana', firstName: 'Dana', lastName: 'Reyes', department: 'Sales' },
  { key: 'sam', firstName: 'Sam', lastName: 'Okafor', department: 'Customer Support' },
  { key: 'lee', firstName: 'Lee', lastName: 'Novak', department: 'Logistics' },
  { key: 'tom', firstName: 'Tom', lastName: 'Berg', department: 'Technical' },
];

export const ACCOUNTS: readonly DemoAccount[] = [
  {
    key: 'kakao',
    name: 'Kakao Werke GmbH',
    type: 'Customer - Direct',
    industry: 'Confectionery',
    country: 'Germany',
    annualRevenue: 180_000_000,
    owner: 'dana',
    contacts: [{ firstName: 'Jonas', lastName: 'Fischer', title: 'Head of Purchasing', daysAgo: 400 }],
    opportunities: [{ name: 'Kakao Werke – 2026 supply', amount: 420_000, stage: 'Closed Won', closeInDays: -60 }],
    signals: [
      {
        trigger: 'COMPETITOR_APPROACH',
        status: 'Confirmed',
        source: 'Sales',
        by: 'dana',
        daysAgo: 6,
        detail: 'Their buyer showed me a ChocoRival offer at 8% below our price.',
      },
      {
        trigger: 'SERVICE_DISSATISFACTION',
        status: 'New',
        source: 'Customer Support',
        by: 'sam',
        daysAgo: 2,
        detail: 'Third late delivery this month; the plant manager is upset.',
      },
    ],
  },
  {
    key: 'lumiere',
    name: 'Chocolaterie Lumière',
    type: 'Customer - Direct',
    industry: 'Chocolate',
    country: 'France',
    annualRevenue: 35_000_000,
    owner: 'dana',
    contacts: [{ firstName: 'Claire', lastName: 'Dubois', title: 'Purchasing Director', daysAgo: 500 }],
    opportunities: [
      { name: 'Lumière – cocoa replacer trial', amount: 90_000, stage: 'Negotiation/Review', closeInDays: 30 },
    ],
    signals: [
      {
        trigger: 'COMPETITOR_APPROACH',
        status: 'Confirmed',
        source: 'Sales',
        by: 'dana',
        daysAgo: 10,
        detail: 'A competitor sent free samples to their R&D team.',
      },
    ],
  },
  {
    key: 'devries',
    name: 'Bakkerij de Vries',
    type: 'Customer - Channel',
    industry: 'Bakery',
    country: 'Netherlands',
    annualRevenue: 12_000_000,
    owner: 'dana',
    contacts: [{ firstName: 'Pieter', lastName: 'de Vries', title: 'Owner', daysAgo: 900 }],
    opportunities: [],
    signals: [
      {
        trigger: 'PROCESS_CHANGE',
        status: 'Resolved',
        source: 'Logistics',
        by: 'lee',
        daysAgo: 20,
        detail: 'They moved to two deliveries a week; sorted with them.',
      },
      {
        trigger: 'PRODUCT_DISSATISFACTION',
        status: 'Resolved',
        source: 'Technical',
        by: 'tom',
        daysAgo: 15,
        detail: 'Texture question on the new glaze; solved with a recipe change.',
      },
    ],
  },
  {
    key: 'harbor',
    name: 'Sweet Harbor Candy Co.',
    type: 'Prospect',
    industry: 'Confectionery',
    country: 'United States',
    annualRevenue: 75_000_000,
    owner: 'dana',
    contacts: [{ firstName: 'Maya', lastName: 'Collins', title: 'VP Procurement', daysAgo: 20 }],
    opportunities: [],
    signals: [
      {
        trigger: 'INCUMBENT_DISSATISFACTION',
        status: 'New',
        source: 'Technical',
        by: 'tom',
        daysAgo: 4,
        detail: 'At a trade fair their R&D lead said their cocoa supplier cannot guarantee volumes.',
      },
    ],
  },
  {
    key: 'brussels',
    name: 'Brussels Pralines',
    type: 'Prospect',
    industry: 'Chocolate',
    country: 'Belgium',
    annualRevenue: 20_000_000,
    owner: 'dana',
    contacts: [],
    opportunities: [],
    signals: [],
  },
  {
    key: 'andes',
    name: 'Andes Mining Supplies',
    type: 'Customer - Direct',
    industry: 'Mining',
    country: 'Chile',
    annualRevenue: 60_000_000,
    owner: 'dana',
    contacts: [],
    opportunities: [
      { name: 'Andes – legacy anti-caking agent', amount: 15_000, stage: 'Closed Won', closeInDays: -200 },
    ],
    signals: [],
  },
  {
    key: 'torino',
    name: 'Cioccolato Torino',
    type: 'Customer - Direct',
    industry: 'Chocolate',
    country: 'Italy',
    annualRevenue: 8_000_000,
    owner: 'dana',
    contacts: [],
    opportunities: [],
    signals: [],
  },
  {
    key: 'pacific',
    name: 'Pacific Paper Co.',
    type: 'Prospect',
    industry: 'Paper',
    country: 'Japan',
    annualRevenue: 40_000_000,
    owner: 'dana',
    contacts: [],
    opportunities: [],
    signals: [],
  },
];

export const MARKET_SIGNALS: readonly DemoMarketSignal[] = [
  {
    name: 'World cocoa prices doubled',
    kind: 'Macro',
    effect: 'Threat',
    industry: 'Chocolate',
    startedDaysAgo: 30,
    description: 'Poor harvests in West Africa doubled cocoa prices; chocolate makers cut volumes.',
  },
  {
    name: 'Low-cost producer enters Italy',
    kind: 'Competitive',
    effect: 'Threat',
    country: 'Italy',
    startedDaysAgo: 10,
    description: 'A low-cost ingredients producer opened a plant near Milan and undercuts prices.',
  },
];
