/**
 * Request parsing with zod: a malformed body or parameter is a 400 with a machine-readable code and
 * the failing fields, never a 500.
 */
import type { Context } from "hono";
import type { z } from "zod";
import { AppError } from "../errors";

function fail(issues: z.core.$ZodIssue[], where: string): AppError {
  const fields = issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  const summary = fields.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join("; ");
  return new AppError("VALIDATION_FAILED", `Invalid ${where}: ${summary}`, { fields });
}

export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new AppError("BAD_REQUEST", "Request body must be valid JSON");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw fail(parsed.error.issues, "request body");
  return parsed.data;
}

export function queryParams<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw fail(parsed.error.issues, "query");
  return parsed.data;
}

export function pathParams<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const parsed = schema.safeParse(c.req.param());
  if (!parsed.success) throw fail(parsed.error.issues, "path");
  return parsed.data;
}
