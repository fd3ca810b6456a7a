/**
 * Described routes: every /v1 router is an OpenAPIHono made here, so every route validates with the
 * same hook and fails in the app's own error format (`{ error: { code, message, details, requestId } }`).
 */
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";

const WHERE: Record<string, string> = { json: "request body", query: "query", param: "path", header: "headers", form: "form", cookie: "cookies" };

/** A zod failure as the API reports it: 400 VALIDATION_FAILED with each failing field. */
export function validationError(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>, where: string): AppError {
  const fields = issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
  const summary = fields.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join("; ");
  return new AppError("VALIDATION_FAILED", `Invalid ${where}: ${summary}`, { fields });
}

export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error.issues, WHERE[result.target] ?? result.target);
    },
  });
}

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "NOT_FOUND" }),
      message: z.string(),
      details: z.unknown().optional(),
      requestId: z.string(),
    }),
  })
  .openapi("Error");

const errorContent = { "application/json": { schema: ErrorSchema } };

/** The error responses a route can give, described once. */
export const errors = {
  400: { content: errorContent, description: "Invalid input (VALIDATION_FAILED, BAD_REQUEST)" },
  401: { content: errorContent, description: "Missing or unknown key (UNAUTHORIZED)" },
  403: { content: errorContent, description: "The key lacks the scope or belongs to another guild (FORBIDDEN)" },
  404: { content: errorContent, description: "Unknown guild, ladder, player or match (NOT_FOUND)" },
  409: { content: errorContent, description: "Duplicate or conflicting state (DUPLICATE, CONFLICT)" },
  413: { content: errorContent, description: "Body too large (PAYLOAD_TOO_LARGE)" },
  422: { content: errorContent, description: "Idempotency-Key reused for another request" },
  429: { content: errorContent, description: "Rate limited; see Retry-After" },
} as const;

/** The error responses of one route, by status. */
export function pick<K extends keyof typeof errors>(...codes: K[]): Pick<typeof errors, K> {
  return Object.fromEntries(codes.map((k) => [k, errors[k]])) as Pick<typeof errors, K>;
}

export function json<S extends z.ZodType>(schema: S, description: string) {
  return { content: { "application/json": { schema } }, description };
}

/** A JSON request body, required (a missing or non-JSON body is a 400, not an empty object). */
export function body<S extends z.ZodType>(schema: S) {
  return { body: { content: { "application/json": { schema } }, required: true } };
}

export const bearer = [{ bearer: [] as string[] }];

/** Every key-protected route names its scope here and in the document. */
export const idempotencyHeader = z.object({
  "idempotency-key": z
    .string()
    .trim()
    .min(8)
    .max(200)
    .regex(/^[\x21-\x7e]+$/, "must be 8-200 visible ASCII characters")
    .optional()
    .openapi({ description: "Replays of the same key return the first response" }),
});
