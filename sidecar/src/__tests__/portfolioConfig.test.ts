import { ConfigError, loadConfig } from '../config';

describe('the portfolio settings', () => {
  it('run the snapshots and digest at 00:05 UTC, looking every minute, unless set', () => {
    expect(loadConfig({})).toMatchObject({ snapshotAt: '00:05', portfolioTickMs: 60_000 });
    expect(loadConfig({ STANCE_SNAPSHOT_AT: '23:30', STANCE_PORTFOLIO_TICK_S: '5' })).toMatchObject({
      snapshotAt: '23:30',
      portfolioTickMs: 5_000,
    });
  });

  it('refuse a time of day that is not HH:MM, naming the setting', () => {
    for (const value of ['24:00', '7:05', '00:60', 'midnight']) {
      let problems: readonly string[] = [];
      try {
        loadConfig({ STANCE_SNAPSHOT_AT: value });
      } catch (error) {
        problems = (error as ConfigError).problems;
      }
      expect([value, problems]).toEqual([value, ['STANCE_SNAPSHOT_AT: must be a UTC time of day such as 00:05']]);
    }
  });
});
