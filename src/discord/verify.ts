/**
 * Discord signs every interaction with Ed25519 over `timestamp + raw body`. Verified with WebCrypto
 * before anything else looks at the request: Discord sends bad signatures on purpose and expects a
 * 401. A timestamp far from now is refused too, so a captured request cannot be replayed later.
 */

/** How far the signed timestamp may be from our clock (either way). */
export const MAX_SKEW_SECONDS = 5 * 60;

const HEX = /^(?:[0-9a-f]{2})+$/i;

function hexBytes(hex: string, length: number): Uint8Array | null {
  if (hex.length !== length * 2 || !HEX.test(hex)) return null;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Imported keys by hex: importing is the slow part, and a key is not a per-request resource. */
const keys = new Map<string, Promise<CryptoKey>>();

function importKey(publicKeyHex: string): Promise<CryptoKey> | null {
  const bytes = hexBytes(publicKeyHex.trim(), 32);
  if (!bytes) return null;
  let key = keys.get(publicKeyHex);
  if (!key) {
    key = crypto.subtle.importKey("raw", bytes, { name: "Ed25519" }, false, ["verify"]);
    keys.set(publicKeyHex, key);
  }
  return key;
}

export function isValidPublicKey(publicKeyHex: string): boolean {
  return hexBytes(publicKeyHex.trim(), 32) !== null;
}

export interface SignedRequest {
  signature: string | null | undefined;
  timestamp: string | null | undefined;
  body: Uint8Array;
}

/** True only for a well-formed, valid, fresh signature. Never throws. */
export async function verifyInteraction(publicKeyHex: string, req: SignedRequest, nowMs: number): Promise<boolean> {
  const signature = req.signature ? hexBytes(req.signature, 64) : null;
  if (!signature || !req.timestamp || !/^\d{1,12}$/.test(req.timestamp)) return false;
  if (Math.abs(nowMs / 1000 - Number(req.timestamp)) > MAX_SKEW_SECONDS) return false;
  const key = importKey(publicKeyHex);
  if (!key) return false;
  const stamp = new TextEncoder().encode(req.timestamp);
  const message = new Uint8Array(stamp.length + req.body.length);
  message.set(stamp, 0);
  message.set(req.body, stamp.length);
  try {
    return await crypto.subtle.verify("Ed25519", await key, signature, message);
  } catch {
    return false;
  }
}
