/**
 * Keyset cursors: opaque to clients, validated on the way in so that a tampered cursor is a 400,
 * never a database error (a non-UUID id is a 22P02 on Postgres; a time beyond JS dates is 22009).
 */
import { AppError } from "../../errors";
import { isUuid, normalizeUuid } from "../../ids";

/** number: any finite; int: a safe integer; time: epoch ms a JS Date can hold; uuid: one of our ids. */
export type CursorField = "string" | "number" | "int" | "time" | "uuid";
type Value<F extends CursorField> = F extends "string" | "uuid" ? string : number;

export function encodeCursor(values: Record<string, string | number>): string {
  return btoa(JSON.stringify(values)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

const MAX_TIME = 8_640_000_000_000_000;

function valid(kind: CursorField, value: unknown): boolean {
  switch (kind) {
    case "string":
      return typeof value === "string" && value.length <= 200 && !value.includes("\u0000");
    case "uuid":
      return typeof value === "string" && isUuid(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "int":
      return typeof value === "number" && Number.isSafeInteger(value) && Math.abs(value) <= 2_147_483_647;
    case "time":
      // Postgres timestamptz ends at year 294276, JS dates at ±8.64e15 ms: stay inside both.
      return (
        typeof value === "number" &&
        Number.isInteger(value) &&
        Math.abs(value) < MAX_TIME &&
        value > -210_866_803_200_000 &&
        value < 9_224_318_016_000_000 / 1000
      );
  }
}

export function decodeCursor<S extends Record<string, CursorField>>(cursor: string, shape: S): { [K in keyof S]: Value<S[K]> } {
  const invalid = () => new AppError("BAD_REQUEST", "cursor is not valid; use the nextCursor of a previous page", { field: "cursor" });
  let parsed: unknown;
  try {
    parsed = JSON.parse(atob(cursor.replaceAll("-", "+").replaceAll("_", "/")));
  } catch {
    throw invalid();
  }
  if (!parsed || typeof parsed !== "object") throw invalid();
  const out: Record<string, string | number> = {};
  for (const [key, kind] of Object.entries(shape)) {
    const value = (parsed as Record<string, unknown>)[key];
    if (!valid(kind, value)) throw invalid();
    out[key] = kind === "uuid" ? normalizeUuid(value as string) : (value as string | number);
  }
  return out as { [K in keyof S]: Value<S[K]> };
}
