/**
 * The one retry mechanism: transient failures are retried (reads always, writes only when marked
 * idempotent, or when the failure proves nothing committed), permanent ones never, and no retry
 * outlives the request's budget. The errors are shaped as the drivers raise them (see db-errors).
 */
import { describe, expect, it } from "vitest";
import { withBudget } from "../../src/db/budget";
import { guarded } from "../../src/db/repository/context";
import { ConflictError, UnavailableError } from "../../src/errors";
import { retryConflicts } from "../../src/services/retry";

const http503 = () => Object.assign(new Error("Server error (HTTP status 503): upstream"), { name: "NeonDbError" });
const serialization = () => Object.assign(new Error("could not serialize access"), { code: "40001" });
const unique = () => Object.assign(new Error("duplicate key"), { code: "23505" });

function failing(times: number, make: () => Error) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    op: async () => {
      calls++;
      if (calls <= times) throw make();
      return "ok";
    },
  };
}

describe("transient retry in guarded()", () => {
  it("retries a read after a 5xx and succeeds", async () => {
    const f = failing(2, http503);
    await expect(guarded(f.op)).resolves.toBe("ok");
    expect(f.calls).toBe(3);
  });

  it("gives up after three attempts with a 503", async () => {
    const f = failing(10, http503);
    await expect(guarded(f.op)).rejects.toBeInstanceOf(UnavailableError);
    expect(f.calls).toBe(3);
  });

  it("never retries a permanent error", async () => {
    const f = failing(1, unique);
    await expect(guarded(f.op)).rejects.toMatchObject({ code: "23505" });
    expect(f.calls).toBe(1);
  });

  it("retries an idempotent write, but a plain write only when nothing committed (40001)", async () => {
    const idem = failing(1, http503);
    await expect(guarded(idem.op, undefined, "idempotent")).resolves.toBe("ok");
    expect(idem.calls).toBe(2);
    const once = failing(1, http503);
    await expect(guarded(once.op, undefined, "once")).rejects.toBeInstanceOf(UnavailableError);
    expect(once.calls).toBe(1);
    const aborted = failing(1, serialization);
    await expect(guarded(aborted.op, undefined, "once")).resolves.toBe("ok");
    expect(aborted.calls).toBe(2);
  });

  it("does not retry past the request's budget", async () => {
    const f = failing(10, http503);
    // 25 ms windows cannot fit in a budget of 1 ms: the first failure is the last.
    await expect(withBudget(1, () => guarded(f.op))).rejects.toBeInstanceOf(UnavailableError);
    expect(f.calls).toBe(1);
  });
});

describe("retryConflicts shares the budget", () => {
  it("stops at the request's budget even when its own is larger", async () => {
    let calls = 0;
    const started = Date.now();
    const attempt = async () => {
      calls++;
      throw new ConflictError("raced", { retryable: true });
    };
    await expect(withBudget(100, () => retryConflicts({ budgetMs: 10_000, maxAttempts: 1000 }, attempt))).rejects.toMatchObject({
      details: { retryable: false },
    });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(calls).toBeGreaterThan(1);
  });
});
