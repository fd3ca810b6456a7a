/**
 * The request id of Discord's endpoint, made as the app middleware makes the API's (src/app.ts):
 * Cloudflare's ray id when there is one (so a log line can be matched to Cloudflare's own), else a
 * fresh UUID.
 */
export function requestIdFor(cfRay: string | undefined): string {
  return cfRay ?? crypto.randomUUID();
}
