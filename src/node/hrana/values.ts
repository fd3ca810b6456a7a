// Value codec between Hrana JSON values and the engine.
// The engine runs in safeIntegers mode, so every SQLite INTEGER comes back as a bigint and every
// REAL as a number: the storage class survives the trip, and 64-bit ids (Discord snowflakes) keep
// all their digits because integers travel as decimal strings on the wire.

import { ProtocolError } from "./errors";
import type { SqlValue, ValueJson } from "./proto";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const INTEGER_TEXT = /^-?\d{1,20}$/;
// Standard or URL-safe alphabet, padding optional (hrana-client sends standard with padding).
const BASE64_TEXT = /^[A-Za-z0-9+/\-_]*={0,2}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Decodes one wire value; anything malformed is a protocol error (HTTP 400), never a crash. */
export function decodeValue(json: unknown, where: string): SqlValue {
  if (!isRecord(json)) throw new ProtocolError(`${where}: expected a value object`, "PROTOCOL_ERROR");
  switch (json.type) {
    case "null":
      return null;
    case "integer": {
      const text = json.value;
      // hrana-client always sends a string; accept a safe JSON integer too, as sqld's serde does.
      if (typeof text === "number" && Number.isSafeInteger(text)) return BigInt(text);
      if (typeof text !== "string" || !INTEGER_TEXT.test(text)) {
        throw new ProtocolError(`${where}: integer value must be a decimal string`, "PROTOCOL_ERROR");
      }
      const value = BigInt(text);
      if (value < INT64_MIN || value > INT64_MAX) {
        throw new ProtocolError(`${where}: integer value out of 64-bit range`, "PROTOCOL_ERROR");
      }
      return value;
    }
    case "float": {
      const value = json.value;
      if (typeof value !== "number" || !Number.isFinite(value)) {
        throw new ProtocolError(`${where}: float value must be a finite number`, "PROTOCOL_ERROR");
      }
      return value;
    }
    case "text": {
      const value = json.value;
      if (typeof value !== "string") throw new ProtocolError(`${where}: text value must be a string`, "PROTOCOL_ERROR");
      return value;
    }
    case "blob": {
      const base64 = json.base64;
      if (typeof base64 !== "string" || !BASE64_TEXT.test(base64)) {
        throw new ProtocolError(`${where}: blob value must carry base64`, "PROTOCOL_ERROR");
      }
      return Buffer.from(base64, base64.includes("-") || base64.includes("_") ? "base64url" : "base64");
    }
    default:
      throw new ProtocolError(`${where}: unknown value type`, "PROTOCOL_ERROR");
  }
}

/** Encodes one engine result value. */
export function encodeValue(value: unknown): ValueJson {
  if (value === null || value === undefined) return { type: "null" };
  if (typeof value === "bigint") return { type: "integer", value: value.toString() };
  if (typeof value === "number") {
    // SQLite cannot store NaN; ±Infinity has no JSON form, so it degrades to null like the engine does.
    return Number.isFinite(value) ? { type: "float", value } : { type: "null" };
  }
  if (typeof value === "string") return { type: "text", value };
  if (value instanceof Uint8Array) {
    return { type: "blob", base64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64") };
  }
  throw new Error(`engine returned an unsupported value of type ${typeof value}`);
}
