/**
 * Structured logs: one JSON object per line, which Workers Logs (`observability` in wrangler.toml)
 * indexes field by field. Only what is passed in is written; callers never pass URLs, secrets or
 * query parameters.
 */
export function logLine(fields: Record<string, unknown>): void {
  console.log(JSON.stringify({ at: new Date().toISOString(), ...fields }));
}
