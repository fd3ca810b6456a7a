/**
 * One error type for the whole service. Everything that should reach a client as something other
 * than a generic 500 is an AppError with a machine-readable code; `onError` renders it.
 */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  DUPLICATE: 409,
  CONFLICT: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  REPLAY_TOO_LARGE: 422,
  CONFIG_INVALID: 500,
  UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AppError";
  }

  get status(): (typeof ERROR_STATUS)[ErrorCode] {
    return ERROR_STATUS[this.code];
  }
}

/** The thing asked for does not exist (in this guild). */
export class NotFoundError extends AppError {
  constructor(what: string, id: string) {
    super("NOT_FOUND", `${what} ${id} was not found`, { what, id });
  }
}

/** A unique rule was broken: the thing already exists. */
export class DuplicateError extends AppError {
  constructor(message: string, details?: unknown, cause?: unknown) {
    super("DUPLICATE", message, details, { cause });
  }
}

/** The state changed underneath the request (stale version, already applied, concurrent writer). */
export class ConflictError extends AppError {
  constructor(message: string, details?: unknown, cause?: unknown) {
    super("CONFLICT", message, details, { cause });
  }
}

/** The database could not be reached or gave up transiently; safe to retry later (503). */
export class UnavailableError extends AppError {
  constructor(message: string, cause?: unknown) {
    super("UNAVAILABLE", message, undefined, { cause });
  }
}
