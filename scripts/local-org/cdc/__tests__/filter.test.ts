/**
 * The channel member filter expression: the documented subset parses and evaluates on a change
 * event's header as Salesforce does (text without regard to case, an empty origin as no value);
 * everything else is refused with what and where.
 */
import { FilterError, matches, parseFilter } from '../filter';

const event = (header: Record<string, unknown>) => ({
  ChangeEventHeader: { entityName: 'Account', changeType: 'UPDATE', commitNumber: 12, ...header },
});
const SIDECAR = 'com/salesforce/api/rest/62.0;client=stance-sidecar';

describe('channel member filter expressions', () => {
  it("lets everything but the sidecar's own writes through the package's filter", () => {
    const filter = parseFilter(`ChangeEventHeader.changeOrigin != '${SIDECAR}'`);
    expect(matches(filter, event({ changeOrigin: SIDECAR }))).toBe(false);
    expect(matches(filter, event({ changeOrigin: SIDECAR.toUpperCase() }))).toBe(false);
    expect(matches(filter, event({ changeOrigin: 'com/salesforce/api/rest/62.0;client=dataloader' }))).toBe(true);
    expect(matches(filter, event({ changeOrigin: 'com/salesforce/api/rest/61.0;client=stance-sidecar' }))).toBe(true);
    // A change no API made (a flow, the UI in some cases) has an empty origin: it passes.
    expect(matches(filter, event({ changeOrigin: '' }))).toBe(true);
  });

  it('evaluates AND, OR, parentheses, IN, NOT IN, LIKE and ordering', () => {
    const filter = parseFilter(
      "(ChangeEventHeader.changeType IN ('CREATE','update') AND ChangeEventHeader.commitNumber >= 10) OR ChangeEventHeader.changeOrigin LIKE '%client=loader%'",
    );
    expect(matches(filter, event({ changeOrigin: '' }))).toBe(true);
    expect(matches(filter, event({ changeOrigin: '', commitNumber: 9 }))).toBe(false);
    expect(matches(filter, event({ changeOrigin: 'x;client=LOADER;y', commitNumber: 9 }))).toBe(true);
    expect(matches(filter, event({ changeType: 'DELETE', changeOrigin: '' }))).toBe(false);
    const notIn = parseFilter("ChangeEventHeader.changeType NOT IN ('DELETE', 'UNDELETE')");
    expect(matches(notIn, event({}))).toBe(true);
    expect(matches(notIn, event({ changeType: 'DELETE' }))).toBe(false);
    expect(matches(parseFilter("ChangeEventHeader.commitUser = '005x'"), event({ commitUser: '005X' }))).toBe(true);
    expect(matches(parseFilter("ChangeEventHeader.changeOrigin = 'it\\'s'"), event({ changeOrigin: "it's" }))).toBe(
      true,
    );
  });

  it.each([
    ['', /empty/],
    ['ChangeEventHeader.changedFields = null', /changedFields is an array/],
    ["ChangeEventHeader.recordIds IN ('001')", /recordIds is an array/],
    ["Industry = 'Energy'", /Industry: the local org evaluates ChangeEventHeader fields only/],
    ["ChangeEventHeader.origin = 'x'", /ChangeEventHeader has no field origin/],
    ["ChangeEventHeader.changeOrigin <> 'x'", /expected a value .* at character 33, not >/],
    ["NOT ChangeEventHeader.changeOrigin = 'x'", /NOT is supported only as NOT IN at character 1/],
    ["ChangeEventHeader.changeOrigin != 'x' AND", /expected a field name at the end/],
    ["(ChangeEventHeader.changeOrigin != 'x'", /expected "\)" at the end/],
    ['ChangeEventHeader.changeOrigin != x', /expected a value .* at character 35, not x/],
    ["ChangeEventHeader.changeOrigin != 'x' ;", /unexpected ";" at character 39/],
    ["ChangeEventHeader.changeOrigin != 'a\\zb'", /invalid escape \\z/],
  ])('refuses %p', (source, message) => {
    expect(() => parseFilter(source)).toThrow(FilterError);
    expect(() => parseFilter(source)).toThrow(message);
  });
});
