/**
 * Text that both dialects can store and a person can read. Postgres refuses `\u0000` in text and
 * jsonb ("invalid byte sequence"), and lone UTF-16 surrogates cannot be encoded as UTF-8 at all;
 * SQLite stores both silently. Checked here, before any driver, so both answer 400 alike.
 */
import { z } from "zod";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Control characters (NUL included). Tab/newline are refused too: no field here is multi-line.
const CONTROL = /\p{Cc}/u;
// Something visible: not only format (zero-width, direction marks), separators or combining marks.
const VISIBLE = /[^\p{Cf}\p{Z}\p{M}\p{Cc}\s]/u;

/** True for text either database stores as given. */
export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && !LONE_SURROGATE.test(value);
}

/** A single-line, storable string with at least one visible character (names, labels). */
export function visibleText(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => isStorableText(s) && !CONTROL.test(s), { message: "must not contain control characters or unpaired surrogates" })
    .refine((s) => VISIBLE.test(s), { message: "must contain a visible character (not only zero-width or direction marks)" });
}

/** Any storable single-line string (ids given by clients, keys). */
export function plainText(min: number, max: number) {
  return z
    .string()
    .min(min)
    .max(max)
    .refine((s) => isStorableText(s) && !CONTROL.test(s), { message: "must not contain control characters or unpaired surrogates" });
}
