/**
 * How one person reads GraphQL display values: picklist labels in their language
 * (User.LanguageLocaleKey, the package's translations), currency, dates and times in their locale,
 * time zone and currency (LocaleSidKey, TimeZoneSidKey, DefaultCurrencyIsoCode; en-US, UTC and USD
 * where unset). Dates have no time zone: they read as the day they are.
 */
import type { LocalOrg } from '../../org';
import type { OrgField, OrgObject } from '../../schema/orgSchema';

/** How one person reads display values. */
export interface Display {
  label(field: OrgField, value: string): string;
  readonly currency: Intl.NumberFormat;
  readonly date: Intl.DateTimeFormat;
  readonly dateTime: Intl.DateTimeFormat;
}

/** The display of this user: their language's picklist labels (by the field's object), their locale's formats. */
export function displayFor(
  org: LocalOrg,
  userId: string,
  objectOf: (field: OrgField) => OrgObject | undefined,
): Display {
  const user = org.store.db
    .prepare(`SELECT "LocaleSidKey", "TimeZoneSidKey", "DefaultCurrencyIsoCode" FROM "o_User" WHERE "Id" = ?`)
    .get(userId) as Record<string, string | null> | undefined;
  const words = org.wordsFor(userId);
  const locale = (user?.LocaleSidKey ?? 'en_US').replace('_', '-');
  const timeZone = user?.TimeZoneSidKey ?? 'UTC';
  const day = { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' } as const;
  return {
    label: (field, value) => {
      const object = objectOf(field);
      return object
        ? words.valueLabel(object, field, value)
        : (field.picklistValues.find((entry) => entry.value === value)?.label ?? value);
    },
    currency: new Intl.NumberFormat(locale, { style: 'currency', currency: user?.DefaultCurrencyIsoCode ?? 'USD' }),
    date: new Intl.DateTimeFormat(locale, { ...day, timeZone: 'UTC' }),
    dateTime: new Intl.DateTimeFormat(locale, { ...day, hour: 'numeric', minute: '2-digit' }),
  };
}
