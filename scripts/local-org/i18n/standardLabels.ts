/**
 * The local org's own German words for the standard objects, fields and picklist values Stance's
 * pages show. Salesforce translates its standard objects itself (no package ships these); this
 * small table stands in for that, in the local org only, and covers what the record page,
 * related lists and list views show, not all of Salesforce. Keys: object names, `Object.Field`,
 * `Object.Field.Value` (the value's API name).
 */

export interface StandardWords {
  readonly objects: Readonly<Record<string, { readonly label: string; readonly labelPlural: string }>>;
  readonly fields: Readonly<Record<string, string>>;
  readonly values: Readonly<Record<string, string>>;
}

const audit = (object: string) => ({
  [`${object}.Id`]: `${object === 'Case' ? 'Kundenvorgangs' : object}-ID`,
  [`${object}.CreatedDate`]: 'Erstellt am',
  [`${object}.CreatedById`]: 'Erstellt von',
  [`${object}.LastModifiedDate`]: 'Zuletzt geändert am',
  [`${object}.LastModifiedById`]: 'Zuletzt geändert von',
});

const DE: StandardWords = {
  objects: {
    Account: { label: 'Account', labelPlural: 'Accounts' },
    Contact: { label: 'Kontakt', labelPlural: 'Kontakte' },
    Opportunity: { label: 'Opportunity', labelPlural: 'Opportunities' },
    Case: { label: 'Kundenvorgang', labelPlural: 'Kundenvorgänge' },
    User: { label: 'Benutzer', labelPlural: 'Benutzer' },
  },
  fields: {
    ...audit('Account'),
    'Account.Name': 'Accountname',
    'Account.Type': 'Accounttyp',
    'Account.Industry': 'Branche',
    'Account.BillingCity': 'Ort (Rechnungsanschrift)',
    'Account.BillingCountry': 'Land (Rechnungsanschrift)',
    'Account.AnnualRevenue': 'Jahresumsatz',
    'Account.NumberOfEmployees': 'Mitarbeiter',
    'Account.Rating': 'Bewertung',
    'Account.Website': 'Website',
    'Account.OwnerId': 'Accountinhaber',
    'Account.LastActivityDate': 'Letzte Aktivität',
    ...audit('Contact'),
    'Contact.FirstName': 'Vorname',
    'Contact.LastName': 'Nachname',
    'Contact.Name': 'Vollständiger Name',
    'Contact.Title': 'Titel',
    'Contact.Email': 'E-Mail',
    'Contact.Department': 'Abteilung',
    'Contact.AccountId': 'Accountname',
    'Contact.OwnerId': 'Kontaktinhaber',
    ...audit('Opportunity'),
    'Opportunity.Name': 'Opportunity-Name',
    'Opportunity.AccountId': 'Accountname',
    'Opportunity.StageName': 'Phase',
    'Opportunity.Amount': 'Betrag',
    'Opportunity.CloseDate': 'Schlusstermin',
    'Opportunity.IsClosed': 'Geschlossen',
    'Opportunity.IsWon': 'Gewonnen',
    'Opportunity.OwnerId': 'Opportunity-Inhaber',
    ...audit('Case'),
    'Case.CaseNumber': 'Kundenvorgangsnummer',
    'Case.Subject': 'Betreff',
    'Case.Status': 'Status',
    'Case.IsClosed': 'Geschlossen',
    'Case.ClosedDate': 'Geschlossen am',
    'Case.AccountId': 'Accountname',
    'Case.OwnerId': 'Kundenvorgangsinhaber',
    'User.Name': 'Vollständiger Name',
    'User.FirstName': 'Vorname',
    'User.LastName': 'Nachname',
    'User.Alias': 'Alias',
    'User.Department': 'Abteilung',
    'User.Title': 'Titel',
    'User.Email': 'E-Mail',
  },
  values: {
    'Account.Type.Prospect': 'Interessent',
    'Account.Type.Customer - Direct': 'Kunde – direkt',
    'Account.Type.Customer - Channel': 'Kunde – Channel',
    'Account.Type.Channel Partner / Reseller': 'Channel-Partner/Wiederverkäufer',
    'Account.Type.Installation Partner': 'Installationspartner',
    'Account.Type.Technology Partner': 'Technologiepartner',
    'Account.Type.Other': 'Sonstige',
    'Account.Rating.Hot': 'Heiß',
    'Account.Rating.Warm': 'Warm',
    'Account.Rating.Cold': 'Kalt',
    'Opportunity.StageName.Prospecting': 'Erstkontakt',
    'Opportunity.StageName.Qualification': 'Qualifizierung',
    'Opportunity.StageName.Needs Analysis': 'Bedarfsanalyse',
    'Opportunity.StageName.Proposal/Price Quote': 'Angebot/Preisangebot',
    'Opportunity.StageName.Negotiation/Review': 'Verhandlung/Prüfung',
    'Opportunity.StageName.Closed Won': 'Geschlossen und gewonnen',
    'Opportunity.StageName.Closed Lost': 'Geschlossen und verloren',
    'Case.Status.New': 'Neu',
    'Case.Status.Working': 'In Bearbeitung',
    'Case.Status.Escalated': 'Eskaliert',
    'Case.Status.Closed': 'Geschlossen',
  },
};

/** The local org's words for standard objects in a language ('de'), or none (English, as described). */
export function standardWords(language: string): StandardWords | undefined {
  return language === 'de' ? DE : undefined;
}
