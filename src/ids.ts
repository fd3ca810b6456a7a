/** Our own ids are UUIDs made in the app; one rule for routes (400) and the repository (not found). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

/**
 * UUIDs are stored lower case. Postgres compares the uuid type case-insensitively while SQLite
 * compares text exactly, so an upper-case id would be found on one dialect and not the other:
 * every id is lower-cased before it reaches either.
 */
export function normalizeUuid(value: string): string {
  return value.toLowerCase();
}
