/**
 * One request id per request, the same for the API and Discord's endpoint: Cloudflare's ray id when
 * there is one (so a log line can be matched to Cloudflare's own), else a fresh UUID.
 */
export function requestIdFor(cfRay: string | undefined): string {
  return cfRay ?? crypto.randomUUID();
}
