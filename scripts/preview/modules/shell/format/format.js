/** How the preview's standard components show values: dates as a person reads them, not ISO. */
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DATETIME_FORMAT = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

export function formatValue(raw, display) {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'boolean') return raw ? 'Yes' : 'No';
  if (typeof raw === 'string' && ISO_DATETIME.test(raw)) return DATETIME_FORMAT.format(new Date(raw));
  return display ?? String(raw);
}
