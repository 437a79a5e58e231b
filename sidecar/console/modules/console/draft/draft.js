/**
 * The draft: a copy of the rule set in force (`{ strategies, rules, triggers }` custom metadata
 * records, API field names to values) that Edit changes and Simulate and Activate send. Pure
 * functions: every change returns new records, the set in force is never touched.
 */
export const TYPES = Object.freeze({ strategies: 'Stance_Strategy', rules: 'Stance_Rule', triggers: 'Stance_Trigger' });
export const STANCES = Object.freeze(['Attack', 'Defend', 'Fire', 'None']);
const KINDS = Object.keys(TYPES);

export function copyRecords(records) {
  const source = records || {};
  return Object.fromEntries(KINDS.map((kind) => [kind, (source[kind] || []).map((record) => ({ ...record }))]));
}

/** `Stance_Rule.Target_Prospect`: how problems and the history name a record. */
export function sourceOf(kind, record) {
  return `${TYPES[kind]}.${record.DeveloperName}`;
}

export function isActive(record) {
  return record.Active__c !== false && record.Active__c !== 'false';
}

/** Rules in the order the engine tries them (Order__c, then name). */
export function orderedRules(records) {
  return [...((records && records.rules) || [])].sort(
    (a, b) => Number(a.Order__c) - Number(b.Order__c) || String(a.DeveloperName).localeCompare(b.DeveloperName),
  );
}

export function updateField(records, kind, developerName, field, value) {
  const next = copyRecords(records);
  next[kind] = next[kind].map((record) => {
    return record.DeveloperName === developerName ? { ...record, [field]: value } : record;
  });
  return next;
}

/** A new active rule at the end, deciding nothing until its condition is written. */
export function addRule(records, label, developerName) {
  const next = copyRecords(records);
  const names = new Set(next.rules.map((rule) => rule.DeveloperName));
  let n = 1;
  while (names.has(`New_Rule_${n}`)) n++;
  const last = next.rules.reduce((max, rule) => Math.max(max, Number(rule.Order__c) || 0), 0);
  next.rules.push({
    DeveloperName: developerName || `New_Rule_${n}`,
    MasterLabel: developerName ? developerName.replace(/_/g, ' ') : n === 1 ? label : `${label} ${n}`,
    Stance__c: 'None',
    Order__c: last + 10,
    Condition__c: '',
    Reason__c: '',
    Base_Priority__c: 0,
    Active__c: true,
  });
  return next;
}

/** Swaps a rule's order with its neighbour's (`-1` earlier, `+1` later); at an end, nothing moves. */
export function moveRule(records, developerName, direction) {
  const ordered = orderedRules(records);
  const at = ordered.findIndex((rule) => rule.DeveloperName === developerName);
  const other = ordered[at + direction];
  if (at < 0 || !other) return copyRecords(records);
  const mine = ordered[at];
  if (Number(mine.Order__c) === Number(other.Order__c)) {
    // Equal orders: only the moving rule changes, one step past its neighbour.
    return updateField(records, 'rules', mine.DeveloperName, 'Order__c', Number(other.Order__c) + direction);
  }
  let next = updateField(records, 'rules', mine.DeveloperName, 'Order__c', other.Order__c);
  next = updateField(next, 'rules', other.DeveloperName, 'Order__c', mine.Order__c);
  return next;
}

function same(a, b) {
  const blank = (v) => v === undefined || v === null || v === '';
  if (blank(a) && blank(b)) return true;
  return String(a) === String(b);
}

/** What the draft changes, in the history's shape: `{ added, removed, changed: [{ record, field, before, after }] }`. */
export function diffRecords(before, after) {
  const diff = { added: [], removed: [], changed: [] };
  for (const kind of KINDS) {
    const old = new Map(((before && before[kind]) || []).map((record) => [record.DeveloperName, record]));
    const now = new Map(((after && after[kind]) || []).map((record) => [record.DeveloperName, record]));
    for (const [name, record] of now) {
      const was = old.get(name);
      if (!was) {
        diff.added.push(sourceOf(kind, record));
        continue;
      }
      const fields = new Set([...Object.keys(was), ...Object.keys(record)]);
      for (const field of fields) {
        if (field === 'DeveloperName' || field === 'Id' || field === 'attributes') continue;
        if (!same(was[field], record[field])) {
          diff.changed.push({ record: sourceOf(kind, record), field, before: was[field], after: record[field] });
        }
      }
    }
    for (const [name, record] of old) if (!now.has(name)) diff.removed.push(sourceOf(kind, record));
  }
  return diff;
}

/**
 * Why a custom metadata record name cannot be used, or null: Salesforce's rule (a letter first,
 * letters, digits and single underscores, no underscore at the end, at most 40 characters) and
 * not a rule the draft already has.
 */
export function developerNameProblem(records, name) {
  if (!/^[A-Za-z](?:[A-Za-z0-9]|_(?!_)){0,39}$/.test(name) || name.endsWith('_')) return 'invalid';
  if (((records && records.rules) || []).some((rule) => rule.DeveloperName === name)) return 'taken';
  return null;
}

export function changeCount(diff) {
  return diff.added.length + diff.removed.length + diff.changed.length;
}

/** The problems of one record (and one field, when given). */
export function problemsOf(problems, source, field) {
  return (problems || []).filter((problem) => problem.source === source && (!field || problem.field === field));
}

/**
 * The line a problem points at and a caret under its column (both 1-based, as the compiler
 * reports them), for a monospace block: `{ lineText, caretText }`. A column past the end puts
 * the caret just after the last character.
 */
export function caretAt(text, line, column) {
  const lines = String(text ?? '').split(/\r\n|\r|\n/);
  const lineText = lines[Math.min(Math.max(line || 1, 1), lines.length) - 1] ?? '';
  const at = Math.min(Math.max(column || 1, 1), lineText.length + 1);
  // Tabs keep their width above the caret.
  const pad = lineText.slice(0, at - 1).replace(/[^\t]/g, ' ');
  return { lineText, caretText: `${pad}^` };
}

/** The identifier being typed at `position`: `{ start, prefix }` (prefix '' when none). */
export function wordAt(text, position) {
  const before = String(text ?? '').slice(0, position);
  const match = /[A-Za-z_][\w.]*$/.exec(before);
  return match ? { start: match.index, prefix: match[0] } : { start: position, prefix: '' };
}

/** Fact names starting with the prefix (case-insensitive), at most `limit`, the exact name excluded. */
export function factsMatching(facts, prefix, limit = 8) {
  if (!prefix) return [];
  const lower = prefix.toLowerCase();
  return (facts || [])
    .filter((fact) => fact.name.toLowerCase().startsWith(lower) && fact.name !== prefix)
    .slice(0, limit);
}
