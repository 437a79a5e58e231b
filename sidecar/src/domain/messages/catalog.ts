/** The shape of the sidecar's own words, one catalog per language (en.ts, de.ts). */
import type { Stance } from '../catalog';

/** A count-dependent text: Intl.PluralRules picks `one` or `other` (English and German need no more). */
export interface Plural {
  readonly one: string;
  readonly other: string;
}

/** Texts with `{0}`, `{1}` ... placeholders, filled by `format`. */
export interface MessageCatalog {
  /** The same words as the package's labels Stance_Name_<Stance>. */
  readonly stance: Readonly<Record<Stance, string>>;
  /** An owner's notice, one line per account: {0} account, {1} stance. */
  readonly ownerNowAtRisk: string;
  /** {0} account, {1} from, {2} to. */
  readonly ownerMoved: string;
  readonly ownerMovedAtRisk: string;
  /** {0} the one line. */
  readonly ownerTitleOne: string;
  /** {0} how many accounts changed. */
  readonly ownerTitleMany: Plural;
  /** {0} how many accounts are not listed. */
  readonly ownerMore: string;
  /** The managers' digest. {0} what moved. */
  readonly digestTitle: string;
  readonly digestHead: string;
  readonly digestFooter: string;
  /** {0} person, {1} what moved. */
  readonly digestPerson: string;
  /** {0} count, {1} stance. */
  readonly movedTo: string;
  readonly becameAtRisk: Plural;
  readonly exitStepsDone: Plural;
  /** {0} how many people are not listed. */
  readonly morePeople: Plural;
  /** Joins the parts of what moved: "2 to Attack, 1 became at risk". */
  readonly partSeparator: string;
}
