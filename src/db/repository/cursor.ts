/**
 * Keyset cursors: opaque to clients, validated on the way in so that a tampered cursor is a 400,
 * never a database error.
 */
import { AppError } from "../../errors";

export function encodeCursor(values: Record<string, string | number>): string {
  return btoa(JSON.stringify(values)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

export function decodeCursor<K extends string>(cursor: string, shape: Record<K, "string" | "number">): Record<K, string | number> {
  const invalid = () => new AppError("BAD_REQUEST", "cursor is not valid; use the nextCursor of a previous page", { field: "cursor" });
  let parsed: unknown;
  try {
    parsed = JSON.parse(atob(cursor.replaceAll("-", "+").replaceAll("_", "/")));
  } catch {
    throw invalid();
  }
  if (!parsed || typeof parsed !== "object") throw invalid();
  const out = {} as Record<K, string | number>;
  for (const key of Object.keys(shape) as K[]) {
    const value = (parsed as Record<string, unknown>)[key];
    if (shape[key] === "number" ? typeof value !== "number" || !Number.isFinite(value) : typeof value !== "string") throw invalid();
    out[key] = value as string | number;
  }
  return out;
}
