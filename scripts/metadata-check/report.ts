/** What every check reports, and the small readers of parsed XML the checks share. */

export interface MetadataProblem {
  readonly check: string;
  readonly file: string;
  readonly message: string;
}

export type Report = (check: string, file: string, message: string) => void;

/** An XML element that may occur once or many times, as a list. */
export const list = <T>(value: unknown): T[] =>
  value === undefined ? [] : Array.isArray(value) ? (value as T[]) : [value as T];

/** AccountChangeEvent -> Account; Stance_Signal__ChangeEvent -> Stance_Signal__c. */
export function changeEventObject(entity: string): string {
  return entity.endsWith('__ChangeEvent')
    ? entity.replace(/__ChangeEvent$/, '__c')
    : entity.replace(/ChangeEvent$/, '');
}
