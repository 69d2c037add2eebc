import { FormatRegistry } from '@sinclair/typebox';

/**
 * TypeBox checks `format` only against formats it has been taught, and refuses every value of an unknown one. Event
 * schemas stamp times as `format: 'date-time'` (RFC 3339, what `isoTimestamp` writes), so the format is registered
 * once, here, by the event files that use it.
 */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;

if (!FormatRegistry.Has('date-time')) {
  FormatRegistry.Set('date-time', (value) => RFC3339.test(value) && !Number.isNaN(Date.parse(value)));
}
