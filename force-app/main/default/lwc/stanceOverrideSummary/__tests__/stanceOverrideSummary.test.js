import { mount, removeAll, strong, summaryText } from './support/summary';

describe('c-stance-override-summary', () => {
  afterEach(removeAll);

  it('says the stance, its last day in the locale and the reason, with the spaces between them', async () => {
    const element = mount({ label: 'Fire', until: '2027-12-31', reason: 'Board decision' });
    await Promise.resolve();
    expect(summaryText(element)).toBe('Set by hand to Fire until Dec 31, 2027: "Board decision"');
    expect(strong(element)).toEqual(['Fire']);
    await expect(element).toBeAccessible();
  });

  it('leaves out the last day and the reason when there are none', async () => {
    const element = mount({ label: 'Attack' });
    await Promise.resolve();
    expect(summaryText(element)).toBe('Set by hand to Attack');
    await expect(element).toBeAccessible();
  });

  it('says the reason straight after the stance when it lasts until cleared', async () => {
    const element = mount({ label: 'Defend', reason: 'Key account' });
    await Promise.resolve();
    expect(summaryText(element)).toBe('Set by hand to Defend: "Key account"');
  });

  it('shows a reason as typed, even one that looks like a placeholder', async () => {
    const element = mount({ label: 'Fire', until: '2027-12-31', reason: 'see {1} and {0}' });
    await Promise.resolve();
    expect(summaryText(element)).toBe('Set by hand to Fire until Dec 31, 2027: "see {1} and {0}"');
    expect(strong(element)).toEqual(['Fire']);
  });
});
