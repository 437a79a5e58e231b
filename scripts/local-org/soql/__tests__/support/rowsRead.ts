/**
 * Counts rows as better-sqlite3 hands them to the local org, to show how many a path holds at
 * once without timing it: every statement prepared from now on (spied on Database.prototype, so
 * install it before the org opens its connection) that selects from `table` counts the rows its
 * all, get or iterator gives, and `onRun` is called on each run of a statement whose text starts
 * with `runPrefix`.
 */
import Database from 'better-sqlite3';

type Args = unknown[];

export interface RowsRead {
  /** Rows read from the table so far (reset freely). */
  read: number;
  restore(): void;
}

export function countRowsRead(table: string, runPrefix?: string, onRun?: () => void): RowsRead {
  const counter: RowsRead = { read: 0, restore: () => spy.mockRestore() };
  const prepare = Database.prototype.prepare;
  const spy = jest.spyOn(Database.prototype, 'prepare').mockImplementation(function (
    this: Database.Database,
    source: string,
  ) {
    const statement = prepare.call(this, source);
    if (/^SELECT\b/.test(source) && source.includes(`FROM "${table}" t0`)) {
      const all = statement.all.bind(statement) as (...args: Args) => unknown[];
      statement.all = ((...args: Args) => {
        const rows = all(...args);
        counter.read += rows.length;
        return rows;
      }) as typeof statement.all;
      const get = statement.get.bind(statement) as (...args: Args) => unknown;
      statement.get = ((...args: Args) => {
        const row = get(...args);
        if (row !== undefined) counter.read++;
        return row;
      }) as typeof statement.get;
      const iterate = statement.iterate.bind(statement) as (...args: Args) => IterableIterator<unknown>;
      statement.iterate = ((...args: Args) => {
        const rows = iterate(...args);
        return {
          [Symbol.iterator]() {
            return this;
          },
          next() {
            const next = rows.next();
            if (!next.done) counter.read++;
            return next;
          },
          return(value?: unknown) {
            return rows.return ? rows.return(value) : { done: true as const, value };
          },
        };
      }) as typeof statement.iterate;
    }
    if (runPrefix && onRun && source.startsWith(runPrefix)) {
      const run = statement.run.bind(statement) as (...args: Args) => Database.RunResult;
      statement.run = ((...args: Args) => {
        onRun();
        return run(...args);
      }) as typeof statement.run;
    }
    return statement;
  } as typeof Database.prototype.prepare);
  return counter;
}
