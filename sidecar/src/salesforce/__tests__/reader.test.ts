import { startLocalOrg } from '../../../../scripts/local-org/server';
import type { RunningOrg } from '../../../../scripts/local-org/server';
import { loadConfig } from '../../config';
import { connect } from '../connection';
import { readAll } from '../reader';
import { createAccounts } from './support/seed';

jest.setTimeout(60_000);

describe('reading every record of a query', () => {
  let running: RunningOrg;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'none', bulkPageSize: 1_000 });
    await createAccounts(
      running,
      Array.from({ length: 2_500 }, (_, i) => ({
        Name: `Read, "${i}"`,
        AnnualRevenue: i,
        Strategic_Account__c: i % 2 === 0,
      })),
    );
  });

  afterAll(() => running.close());

  const soql = 'SELECT Id, Name, AnnualRevenue, Strategic_Account__c, Owner.Name FROM Account';

  it('pages through REST below the threshold, with progress', async () => {
    const conn = await connect(loadConfig({ SF_LOGIN_URL: running.url }));
    const before = running.org.accounting.used;
    const progress: number[] = [];
    const result = await readAll(conn, soql, {
      apiVersion: '62.0',
      bulkThreshold: 10_000,
      onProgress: (read) => progress.push(read),
    });
    expect(result.via).toBe('rest');
    expect(result.records).toHaveLength(2_500);
    expect(result.records[3]).toEqual({
      Id: expect.any(String),
      Name: 'Read, "3"',
      AnnualRevenue: 3,
      Strategic_Account__c: false,
      Owner: { Name: 'Stance Admin' },
    });
    expect(progress).toEqual([2_000, 2_500]);
    expect(running.org.accounting.used - before).toBe(2);
  });

  it('switches to Bulk API 2.0 above the threshold and reads every page without stray header rows', async () => {
    const conn = await connect(loadConfig({ SF_LOGIN_URL: running.url }));
    const result = await readAll(conn, soql, {
      apiVersion: '62.0',
      bulkThreshold: 1_000,
      pollIntervalMs: 20,
      kinds: { AnnualRevenue: 'number', Strategic_Account__c: 'boolean' },
    });
    expect(result.via).toBe('bulk');
    expect(result.records).toHaveLength(2_500);
    expect(result.records.some((record) => record.Id === 'Id')).toBe(false);
    const third = result.records.find((record) => record.Name === 'Read, "3"');
    expect(third).toEqual({
      Id: expect.any(String),
      Name: 'Read, "3"',
      AnnualRevenue: 3,
      Strategic_Account__c: false,
      Owner: { Name: 'Stance Admin' },
    });
  });

  it.each([
    ['REST', 10_000, [2_000, 500]],
    ['Bulk API 2.0', 1_000, [1_000, 1_000, 500]],
  ])('hands %s pages over one by one and keeps none of them', async (_via, bulkThreshold, sizes) => {
    const conn = await connect(loadConfig({ SF_LOGIN_URL: running.url }));
    const pages: Array<Array<Record<string, unknown>>> = [];
    const progress: number[] = [];
    const result = await readAll(conn, soql, {
      apiVersion: '62.0',
      bulkThreshold,
      bulkPageRecords: 1_000,
      pollIntervalMs: 20,
      kinds: { AnnualRevenue: 'number', Strategic_Account__c: 'boolean' },
      onPage: (records) => pages.push(records),
      onProgress: (read) => progress.push(read),
    });
    expect(result.records).toEqual([]);
    expect(pages.map((page) => page.length)).toEqual(sizes);
    expect(progress).toEqual(sizes.map((_, i) => sizes.slice(0, i + 1).reduce((a, b) => a + b, 0)));
    const ids = new Set(pages.flat().map((record) => record.Id));
    expect(ids.size).toBe(2_500);
    expect(pages.flat().find((record) => record.Name === 'Read, "3"')).toMatchObject({ AnnualRevenue: 3 });
  });

  it('asks Bulk API 2.0 for pages of bulkPageRecords at most (maxRecords), smaller than the org would send', async () => {
    const conn = await connect(loadConfig({ SF_LOGIN_URL: running.url }));
    const pages: number[] = [];
    await readAll(conn, soql, {
      apiVersion: '62.0',
      bulkThreshold: 1_000,
      bulkPageRecords: 600,
      pollIntervalMs: 20,
      onPage: (records) => pages.push(records.length),
    });
    // The org's own page is 1,000 here.
    expect(pages).toEqual([600, 600, 600, 600, 100]);
  });
});
