/**
 * The demo firm: an ingredients supplier whose cocoa replacer lowers chocolate makers' exposure
 * to swings in world cocoa supply. Chocolate and confectionery makers, bakeries and a few
 * off-strategy accounts, covering every stance and every trigger (a test holds it to that);
 * dates are relative to the day the org is seeded, so the stances stay the same whenever it runs.
 */

export interface DemoUser {
  readonly key: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly department: string;
  /** The permission sets docs/deploying.md tells admins to assign this person. */
  readonly permissionSets: readonly string[];
  /** Their role (DEMO_ROLES' developer name): who sees their accounts under Private sharing. */
  readonly role: string;
  /** User.LanguageLocaleKey, LocaleSidKey and TimeZoneSidKey when not en_US, en_US and GMT. */
  readonly language?: string;
  readonly locale?: string;
  readonly timeZone?: string;
}

/** What the demo's people work in unless they say otherwise (DemoUser.language, locale, timeZone), and the org's currency. */
export const DEMO_LOCALE = { language: 'en_US', locale: 'en_US', timeZone: 'GMT', currency: 'USD' } as const;

export interface DemoRole {
  readonly developerName: string;
  readonly name: string;
  /** The role above it; none at the top. */
  readonly parent?: string;
}

/**
 * The firm's role hierarchy: the sales manager above the sales reps, the other teams (sales
 * operations among them) in their own branches under the executive role, outside the manager's. The admin has no role: System
 * Administrators see everything through View All Data / Modify All Data.
 */
export const DEMO_ROLES: readonly DemoRole[] = [
  { developerName: 'Executive', name: 'Executive' },
  { developerName: 'Sales_Manager', name: 'Sales Manager', parent: 'Executive' },
  { developerName: 'Sales_Rep', name: 'Sales Representative', parent: 'Sales_Manager' },
  { developerName: 'Customer_Support', name: 'Customer Support', parent: 'Executive' },
  { developerName: 'Operations', name: 'Operations', parent: 'Executive' },
  { developerName: 'Finance', name: 'Finance', parent: 'Executive' },
  { developerName: 'Sales_Operations', name: 'Sales Operations', parent: 'Executive' },
];

export interface DemoAccount {
  readonly key: string;
  readonly name: string;
  readonly type: string;
  readonly industry: string;
  readonly country: string;
  readonly annualRevenue: number;
  readonly owner: string;
  readonly strategic?: boolean;
  /** A manager's override, until a day relative to seeding. */
  readonly override?: { readonly stance: string; readonly reason: string; readonly untilInDays: number };
  readonly contacts: ReadonlyArray<{ firstName: string; lastName: string; title: string; daysAgo: number }>;
  readonly opportunities: ReadonlyArray<{
    name: string;
    amount: number;
    stage: string;
    closeInDays: number;
    /** A value of the Stance_Competitors global value set. */
    lostTo?: string;
    /** Stance_Value_Levers API names (Technical, Price, Service): the levers the deal was won with. */
    levers?: readonly string[];
  }>;
  readonly signals: ReadonlyArray<{
    trigger: string;
    status: string;
    source: string;
    by: string;
    daysAgo: number;
    detail: string;
    dismissReason?: string;
    /** The competitor the signal names (Stance_Competitors). */
    competitor?: string;
    /** The value proposition's levers (Stance_Value_Levers API names). */
    levers?: readonly string[];
    /** An exit step's transition end, days after seeding (Transition_Until__c). */
    transitionUntilInDays?: number;
  }>;
  /** Support cases: effort the account takes (open, or created within the lookback). */
  readonly cases?: ReadonlyArray<DemoCase>;
}

export interface DemoCase {
  readonly subject: string;
  /** New, Working, Escalated or Closed. */
  readonly status: string;
  readonly daysAgo: number;
  /** Who works it (a DEMO user key); support by default. */
  readonly owner?: string;
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
  {
    key: 'dana',
    firstName: 'Dana',
    lastName: 'Reyes',
    department: 'Sales',
    permissionSets: ['Stance_User'],
    role: 'Sales_Rep',
  },
  {
    key: 'sam',
    firstName: 'Sam',
    lastName: 'Okafor',
    department: 'Customer Support',
    permissionSets: ['Stance_User'],
    role: 'Customer_Support',
  },
  {
    key: 'lee',
    firstName: 'Lee',
    lastName: 'Novak',
    department: 'Logistics',
    permissionSets: ['Stance_User'],
    role: 'Operations',
  },
  {
    key: 'tom',
    firstName: 'Tom',
    lastName: 'Berg',
    department: 'Technical',
    permissionSets: ['Stance_User'],
    role: 'Operations',
  },
  {
    key: 'nina',
    firstName: 'Nina',
    lastName: 'Kowalski',
    department: 'Sales',
    permissionSets: ['Stance_User'],
    role: 'Sales_Rep',
  },
  {
    key: 'max',
    firstName: 'Max',
    lastName: 'Laurent',
    department: 'Management',
    permissionSets: ['Stance_User', 'Stance_Manager'],
    role: 'Sales_Manager',
  },
  {
    key: 'ivy',
    firstName: 'Ivy',
    lastName: 'Chen',
    department: 'Finance',
    permissionSets: ['Stance_User'],
    role: 'Finance',
  },
  {
    // Works in German: the package's translations and German number and date formats.
    key: 'lena',
    firstName: 'Lena',
    lastName: 'Vogel',
    department: 'Customer Support',
    permissionSets: ['Stance_User'],
    role: 'Customer_Support',
    language: 'de',
    locale: 'de_DE',
    timeZone: 'Europe/Berlin',
  },
  {
    // The demo's Stance admin: shapes the strategy in the Stance console (Stance_Admin enables it,
    // Stance_Rules_Author lets her write the rules through the Metadata API). A person, not a
    // system user: the Standard User profile, in the preview's person menu like the others.
    key: 'sofia',
    firstName: 'Sofia',
    lastName: 'Marin',
    department: 'Sales Operations',
    permissionSets: ['Stance_User', 'Stance_Admin', 'Stance_Rules_Author'],
    role: 'Sales_Operations',
  },
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
    opportunities: [
      { name: 'Kakao Werke – 2026 supply', amount: 420_000, stage: 'Closed Won', closeInDays: -60, levers: ['Price'] },
    ],
    signals: [
      {
        trigger: 'COMPETITOR_APPROACH',
        status: 'Confirmed',
        source: 'Sales',
        by: 'dana',
        daysAgo: 6,
        detail: 'Their buyer showed me a Cacao Nova offer at 8% below our price.',
        competitor: 'Cacao Nova',
      },
      {
        trigger: 'COMPETITOR_APPROACH',
        status: 'New',
        source: 'Logistics',
        by: 'lee',
        daysAgo: 3,
        detail: 'Cacao Nova trucks at their dock twice this week; their warehouse calls it a trial order.',
        competitor: 'Cacao Nova',
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
        detail: 'Valdor Ingredients sent free samples to their R&D team.',
        competitor: 'Valdor Ingredients',
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
  // ---- Attack: prospects inside the strategy --------------------------------------------------
  {
    key: 'alpen',
    name: 'Alpen Confiserie AG',
    type: 'Prospect',
    industry: 'Confectionery',
    country: 'Switzerland',
    annualRevenue: 55_000_000,
    owner: 'nina',
    contacts: [{ firstName: 'Urs', lastName: 'Meier', title: 'Head of R&D', daysAgo: 300 }],
    opportunities: [],
    signals: [
      {
        trigger: 'CUSTOMER_PROBLEM',
        status: 'New',
        source: 'Technical',
        by: 'tom',
        daysAgo: 5,
        detail: 'Their coated bars bloom in summer; our replacer is heat-stable.',
      },
      {
        trigger: 'VALUE_PROPOSITION',
        status: 'Done',
        source: 'Sales',
        by: 'nina',
        daysAgo: 2,
        detail: 'Offer written: replacer at 30% of the cocoa butter, with a summer-stability guarantee.',
        levers: ['Technical', 'Price'],
      },
    ],
  },
  {
    key: 'northern',
    name: 'Northern Biscuit Ltd',
    type: 'Prospect',
    industry: 'Bakery',
    country: 'United Kingdom',
    annualRevenue: 42_000_000,
    owner: 'nina',
    contacts: [{ firstName: 'Oliver', lastName: 'Hughes', title: 'Supply Chain Manager', daysAgo: 200 }],
    opportunities: [],
    signals: [
      {
        trigger: 'PROCESS_CHANGE',
        status: 'New',
        source: 'Logistics',
        by: 'lee',
        daysAgo: 8,
        detail: 'They open a new line in Leeds and requalify every ingredient supplier.',
      },
      {
        trigger: 'INCUMBENT_DEFENSE',
        status: 'Done',
        source: 'Sales',
        by: 'nina',
        daysAgo: 3,
        detail: 'Their supplier will offer a volume rebate; we answer with the requalification support.',
      },
    ],
  },
  {
    key: 'delight',
    name: 'Choco Delight Inc.',
    type: 'Prospect',
    industry: 'Chocolate',
    country: 'United States',
    annualRevenue: 95_000_000,
    owner: 'nina',
    contacts: [],
    opportunities: [],
    signals: [
      {
        trigger: 'STRATEGY_CHANGE',
        status: 'New',
        source: 'Sales',
        by: 'nina',
        daysAgo: 12,
        detail: 'Their new CEO announced a plan to depend less on cocoa.',
      },
    ],
  },
  {
    key: 'zoet',
    name: 'Zoet & Zout BV',
    type: 'Prospect',
    industry: 'Food & Beverage',
    country: 'Netherlands',
    annualRevenue: 28_000_000,
    owner: 'dana',
    contacts: [{ firstName: 'Sanne', lastName: 'Bakker', title: 'Chief Procurement Officer', daysAgo: 9 }],
    opportunities: [],
    signals: [],
  },
  {
    key: 'royale',
    name: 'Pâtisserie Royale',
    type: 'Prospect',
    industry: 'Bakery',
    country: 'France',
    annualRevenue: 9_000_000,
    owner: 'dana',
    contacts: [],
    opportunities: [],
    signals: [],
  },
  {
    key: 'berliner',
    name: 'Berliner Backwaren GmbH',
    type: 'Prospect',
    industry: 'Bakery',
    country: 'Germany',
    annualRevenue: 33_000_000,
    owner: 'nina',
    contacts: [{ firstName: 'Lena', lastName: 'Wolf', title: 'Buyer', daysAgo: 150 }],
    opportunities: [
      { name: 'Berliner – replacer for filled croissants', amount: 60_000, stage: 'Qualification', closeInDays: 45 },
    ],
    signals: [
      {
        trigger: 'INCUMBENT_DISSATISFACTION',
        status: 'Confirmed',
        source: 'Sales',
        by: 'nina',
        daysAgo: 14,
        detail: 'Their buyer confirmed two short deliveries from the current supplier this quarter.',
      },
    ],
  },
  {
    // An attack won on service: the offer pulled the service lever and the deal closed two weeks
    // ago, so the prospect is now a customer (won in the lookback) and counts as a win on service.
    key: 'brugge',
    name: 'Brugge Bonbons NV',
    type: 'Prospect',
    industry: 'Chocolate',
    country: 'Belgium',
    annualRevenue: 30_000_000,
    owner: 'nina',
    contacts: [{ firstName: 'Elke', lastName: 'Janssens', title: 'Purchasing Manager', daysAgo: 120 }],
    opportunities: [
      {
        name: 'Brugge – praline fillings',
        amount: 140_000,
        stage: 'Closed Won',
        closeInDays: -14,
        levers: ['Service'],
      },
    ],
    signals: [
      {
        trigger: 'INCUMBENT_DISSATISFACTION',
        status: 'Confirmed',
        source: 'Sales',
        by: 'nina',
        daysAgo: 60,
        detail: 'Their supplier missed two deliveries in the Easter peak; the line stood still.',
      },
      {
        trigger: 'VALUE_PROPOSITION',
        status: 'Done',
        source: 'Sales',
        by: 'nina',
        daysAgo: 40,
        detail: 'Offer: weekly deliveries from our Antwerp depot and a technologist on call through their season.',
        levers: ['Service'],
      },
    ],
  },
  // ---- Defend: customers inside the strategy ---------------------------------------------------
  {
    key: 'hansa',
    name: 'Hansa Schokolade GmbH',
    type: 'Customer - Direct',
    industry: 'Chocolate',
    country: 'Germany',
    annualRevenue: 250_000_000,
    owner: 'dana',
    strategic: true,
    contacts: [{ firstName: 'Katrin', lastName: 'Vogel', title: 'Director of Purchasing', daysAgo: 700 }],
    opportunities: [
      { name: 'Hansa – 2026 frame contract', amount: 1_200_000, stage: 'Closed Won', closeInDays: -120 },
      { name: 'Hansa – seasonal range', amount: 300_000, stage: 'Proposal/Price Quote', closeInDays: 20 },
    ],
    signals: [
      {
        trigger: 'PRODUCT_DISSATISFACTION',
        status: 'New',
        source: 'Technical',
        by: 'tom',
        daysAgo: 3,
        detail: 'The last two batches were grainier; their QA opened a complaint.',
      },
      {
        trigger: 'SERVICE_DISSATISFACTION',
        status: 'Acknowledged',
        source: 'Customer Support',
        by: 'sam',
        daysAgo: 6,
        detail: 'Invoices keep arriving with the wrong PO numbers.',
      },
    ],
  },
  {
    key: 'london',
    name: 'Londoner Sweets plc',
    type: 'Customer - Channel',
    industry: 'Confectionery',
    country: 'United Kingdom',
    annualRevenue: 48_000_000,
    owner: 'nina',
    contacts: [{ firstName: 'George', lastName: 'Patel', title: 'Category Manager', daysAgo: 400 }],
    opportunities: [{ name: 'Londoner – 2026 supply', amount: 210_000, stage: 'Closed Won', closeInDays: -90 }],
    signals: [
      {
        trigger: 'KEY_PERSON_CHANGE',
        status: 'New',
        source: 'Detected',
        by: 'nina',
        daysAgo: 4,
        detail: 'Emma Clarke (Head of Purchasing) left the account.',
      },
    ],
  },
  {
    key: 'geneva',
    name: 'Geneva Fine Foods SA',
    type: 'Customer - Direct',
    industry: 'Food & Beverage',
    country: 'Switzerland',
    annualRevenue: 70_000_000,
    owner: 'nina',
    contacts: [{ firstName: 'Amélie', lastName: 'Roux', title: 'Procurement Lead', daysAgo: 600 }],
    opportunities: [
      { name: 'Geneva – glaze supply', amount: 150_000, stage: 'Closed Won', closeInDays: -30, levers: ['Technical'] },
    ],
    signals: [
      {
        trigger: 'PROCESS_CHANGE',
        status: 'New',
        source: 'Logistics',
        by: 'lee',
        daysAgo: 7,
        detail: 'They want deliveries in returnable crates from next month.',
      },
      {
        trigger: 'STRATEGY_CHANGE',
        status: 'New',
        source: 'Customer Support',
        by: 'sam',
        daysAgo: 9,
        detail: 'Their service desk mentioned a move to organic-only products.',
      },
    ],
  },
  {
    key: 'milano',
    name: 'Milano Dolci SpA',
    type: 'Customer - Direct',
    industry: 'Confectionery',
    country: 'Italy',
    annualRevenue: 38_000_000,
    owner: 'dana',
    contacts: [{ firstName: 'Marco', lastName: 'Ricci', title: 'Purchasing Manager', daysAgo: 500 }],
    opportunities: [
      {
        name: 'Milano – nougat ingredients',
        amount: 80_000,
        stage: 'Closed Lost',
        closeInDays: -15,
        lostTo: 'Valdor Ingredients',
      },
      { name: 'Milano – panettone season', amount: 120_000, stage: 'Negotiation/Review', closeInDays: 25 },
    ],
    signals: [],
  },
  {
    key: 'antwerp',
    name: 'Antwerp Cocoa Works',
    type: 'Customer - Direct',
    industry: 'Chocolate',
    country: 'Belgium',
    annualRevenue: 64_000_000,
    owner: 'dana',
    contacts: [{ firstName: 'Joris', lastName: 'Peeters', title: 'Head of Purchasing', daysAgo: 800 }],
    opportunities: [
      {
        name: 'Antwerp – replacer roll-out',
        amount: 340_000,
        stage: 'Closed Won',
        closeInDays: -45,
        levers: ['Technical', 'Price'],
      },
      { name: 'Antwerp – 2027 volumes', amount: 400_000, stage: 'Prospecting', closeInDays: 90 },
    ],
    signals: [],
  },
  {
    key: 'martin',
    name: 'Boulangerie Martin',
    type: 'Customer - Channel',
    industry: 'Bakery',
    country: 'France',
    annualRevenue: 6_000_000,
    owner: 'dana',
    contacts: [{ firstName: 'Julien', lastName: 'Martin', title: 'Owner', daysAgo: 1000 }],
    opportunities: [],
    signals: [
      {
        trigger: 'SERVICE_DISSATISFACTION',
        status: 'Dismissed',
        source: 'Customer Support',
        by: 'sam',
        daysAgo: 11,
        detail: 'Complained about a late truck.',
        dismissReason: 'A one-off: the motorway was closed that morning; they agreed.',
      },
    ],
  },
  {
    key: 'heritage',
    name: 'Swiss Heritage Chocolatiers',
    type: 'Customer - Direct',
    industry: 'Chocolate',
    country: 'Switzerland',
    annualRevenue: 22_000_000,
    owner: 'nina',
    override: {
      stance: 'Fire',
      reason: 'Their contract ends in March and we agreed with them not to renew.',
      untilInDays: 60,
    },
    contacts: [{ firstName: 'Beat', lastName: 'Keller', title: 'Founder', daysAgo: 900 }],
    opportunities: [{ name: 'Heritage – 2026 supply', amount: 45_000, stage: 'Closed Won', closeInDays: -100 }],
    signals: [],
  },
  // ---- Fire: customers that no longer fit, or no longer pay their way -------------------------
  {
    key: 'texas',
    name: 'Texas Feed & Grain',
    type: 'Customer - Direct',
    industry: 'Agriculture',
    country: 'United States',
    annualRevenue: 18_000_000,
    owner: 'nina',
    contacts: [],
    // Effort outside the strategy: a new deal and three cases this quarter on an account to fire.
    opportunities: [
      { name: 'Texas – anti-caking agent', amount: 9_000, stage: 'Closed Won', closeInDays: -300 },
      { name: 'Texas – anti-caking top-up', amount: 12_000, stage: 'Proposal/Price Quote', closeInDays: 30 },
    ],
    signals: [],
    cases: [
      { subject: 'Caking in the last silo delivery', status: 'Escalated', daysAgo: 12 },
      { subject: 'Copy of the March invoice', status: 'Closed', daysAgo: 40 },
      { subject: 'New delivery window for harvest season', status: 'New', daysAgo: 3 },
    ],
  },
  {
    key: 'sapporo',
    name: 'Sapporo Snacks KK',
    type: 'Customer - Channel',
    industry: 'Food & Beverage',
    country: 'Japan',
    annualRevenue: 26_000_000,
    owner: 'nina',
    contacts: [],
    opportunities: [],
    signals: [],
  },
  {
    key: 'verona',
    name: 'Verona Cioccolateria',
    type: 'Customer - Direct',
    industry: 'Chocolate',
    country: 'Italy',
    annualRevenue: 5_000_000,
    owner: 'dana',
    contacts: [],
    // The exit plan half done: decision agreed and customer told (with a transition), while an open
    // damaged-pallet claim still takes effort, so the effort has not moved yet. (No open deal: open
    // pipeline would take it out of the Misaligned customer rule.)
    opportunities: [],
    signals: [
      {
        trigger: 'RELATIONSHIP_NOT_BENEFICIAL',
        status: 'Confirmed',
        source: 'Finance',
        by: 'ivy',
        daysAgo: 20,
        detail: 'Orders shrank to pallets below our minimum; every delivery loses money.',
      },
      {
        trigger: 'EXIT_DECISION',
        status: 'Done',
        source: 'Sales',
        by: 'dana',
        daysAgo: 14,
        detail: 'Agreed with Max: we stop supplying Verona; their volumes will not come back.',
      },
      {
        trigger: 'EXIT_CUSTOMER_TOLD',
        status: 'Done',
        source: 'Sales',
        by: 'dana',
        daysAgo: 7,
        detail: 'Told their owner in person; we keep delivering while they move to another supplier.',
        transitionUntilInDays: 60,
      },
    ],
    cases: [{ subject: 'Claim for a damaged pallet', status: 'Working', daysAgo: 5 }],
  },
  {
    key: 'discount',
    name: 'Dutch Discount Bakers',
    type: 'Customer - Direct',
    industry: 'Bakery',
    country: 'Netherlands',
    annualRevenue: 15_000_000,
    owner: 'dana',
    contacts: [],
    opportunities: [],
    signals: [
      {
        trigger: 'RELATIONSHIP_NOT_BENEFICIAL',
        status: 'Confirmed',
        source: 'Finance',
        by: 'ivy',
        daysAgo: 25,
        detail: 'Paid 120 days late three times this year; the margin is negative.',
      },
      {
        trigger: 'STRATEGY_CHANGE',
        status: 'New',
        source: 'Sales',
        by: 'dana',
        daysAgo: 18,
        detail: 'They move to cheapest-price private label and want commodity fillings.',
      },
    ],
  },
  {
    key: 'madrid',
    name: 'Madrid Turrones SL',
    type: 'Customer - Direct',
    industry: 'Confectionery',
    country: 'Spain',
    annualRevenue: 12_000_000,
    owner: 'nina',
    contacts: [],
    opportunities: [{ name: 'Madrid – almond paste', amount: 20_000, stage: 'Closed Won', closeInDays: -150 }],
    // An exit carried through: decided, told (the transition is over), handed over to a distributor.
    signals: [
      {
        trigger: 'EXIT_DECISION',
        status: 'Done',
        source: 'Sales',
        by: 'nina',
        daysAgo: 50,
        detail: 'Agreed with Max: Spain is outside the strategy and the almond drought ends their volumes.',
      },
      {
        trigger: 'EXIT_CUSTOMER_TOLD',
        status: 'Done',
        source: 'Sales',
        by: 'nina',
        daysAgo: 40,
        detail: 'Told their buyer; we supplied them for another month while they switched.',
        transitionUntilInDays: -10,
      },
      {
        trigger: 'EXIT_HANDOVER',
        status: 'Done',
        source: 'Sales',
        by: 'nina',
        daysAgo: 12,
        detail: 'Handed over to a Spanish distributor who carries a replacer; their buyer has the contact.',
      },
    ],
  },
  // ---- None: prospects outside the strategy ----------------------------------------------------
  {
    key: 'nordic',
    name: 'Nordic Timber AB',
    type: 'Prospect',
    industry: 'Forestry',
    country: 'Sweden',
    annualRevenue: 90_000_000,
    owner: 'nina',
    contacts: [],
    opportunities: [],
    signals: [],
  },
  {
    key: 'lagos',
    name: 'Lagos Cocoa Traders',
    type: 'Prospect',
    industry: 'Chocolate',
    country: 'Nigeria',
    annualRevenue: 14_000_000,
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
  {
    name: 'Drought doubles almond prices in Spain',
    kind: 'Environment',
    effect: 'Threat',
    country: 'Spain',
    startedDaysAgo: 40,
    description: 'Two dry years halved the Spanish almond harvest; turrón makers pass costs on or shrink.',
  },
];
