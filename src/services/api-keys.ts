/**
 * API key secrets: `trk_<prefix>_<secret>`. The prefix (8 characters) is stored and shown so people
 * can tell keys apart; only the SHA-256 of the whole key is stored. WebCrypto, so the Worker and the
 * Node CLI (`npm run api-key`) make and check keys identically.
 */
export const SCOPES = ["read", "write", "admin"] as const;
export type Scope = (typeof SCOPES)[number];

/** admin ⊇ write ⊇ read. */
export function grants(held: readonly string[], wanted: Scope): boolean {
  const rank = (s: string) => SCOPES.indexOf(s as Scope);
  return held.some((s) => rank(s) >= rank(wanted));
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export const KEY_PATTERN = /^trk_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/;

/** A new secret key, its hash and its visible prefix. */
export async function newApiKey(): Promise<{ key: string; keyHash: string; prefix: string }> {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  const prefix = [...crypto.getRandomValues(new Uint8Array(8))].map((b) => alphabet[b % alphabet.length]).join("");
  const key = `trk_${prefix}_${base64url(crypto.getRandomValues(new Uint8Array(32)))}`;
  return { key, keyHash: await sha256Hex(key), prefix: `trk_${prefix}` };
}
