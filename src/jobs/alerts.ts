/**
 * Where the health check keeps its memory between runs and how it speaks to Discord. The memory
 * cannot live only in the database (it is what may be down), so it goes to the Cache API, which
 * needs no binding; a lost entry (eviction, another data center) costs at most a delayed alert,
 * never a storm (see `decideAlert`).
 */
import type { Alert, HealthStatus, Memory, Problem } from "./health-status";
import { PROBLEM_TEXT } from "./health-status";

export interface MemoryStore {
  get(): Promise<Memory | null>;
  put(memory: Memory): Promise<void>;
}

export const MEMORY_KEY = "https://teamrank.internal/health-check/memory";

/** The Worker's store: one cached JSON document, kept for a day (the memory is useless after that). */
export function cacheMemoryStore(cache: Cache): MemoryStore {
  return {
    async get() {
      const hit = await cache.match(MEMORY_KEY);
      if (!hit) return null;
      try {
        return (await hit.json()) as Memory;
      } catch {
        return null;
      }
    },
    async put(memory) {
      await cache.put(MEMORY_KEY, new Response(JSON.stringify(memory), { headers: { "cache-control": "max-age=86400" } }));
    },
  };
}

/** For tests and Node: memory in a variable. */
export function memoryStore(initial: Memory | null = null): MemoryStore & { value: Memory | null } {
  const store = {
    value: initial,
    get: async () => store.value,
    put: async (memory: Memory) => {
      store.value = memory;
    },
  };
  return store;
}

const ICON: Record<HealthStatus, string> = { healthy: "🟢", degraded: "🟠", down: "🔴" };

/** The message text: status, backend and a safe reason; never the database URL or driver text. */
export function alertMessage(alert: Alert, context: { backend: string; problem: Problem | null; at: number }): string {
  const reason = context.problem ? `: ${PROBLEM_TEXT[context.problem]}` : "";
  const when = `<t:${Math.floor(context.at / 1000)}:f>`;
  if (alert.kind === "reminder") {
    const minutes = Math.round((context.at - alert.since) / 60_000);
    return `${ICON.down} teamrank database (${context.backend}) still down after ${minutes} min${reason} (${when})`;
  }
  const skipped = alert.suppressed > 0 ? ` (${alert.suppressed} earlier change${alert.suppressed === 1 ? "" : "s"} not announced: flapping)` : "";
  return `${ICON[alert.to]} teamrank database (${context.backend}) ${alert.from} → ${alert.to}${reason} (${when})${skipped}`;
}

/**
 * Post one message to a Discord webhook, bounded in time (a hanging request must not hold the
 * cron) and without mentions. Returns whether Discord took it; failures are reported, not thrown.
 */
export async function postWebhook(
  url: string,
  content: string,
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
): Promise<{ ok: boolean; status: number | null }> {
  const send = options.fetch ?? fetch;
  try {
    const res = await send(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ content, allowed_mentions: { parse: [] } }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
    });
    await res.body?.cancel();
    return { ok: res.ok, status: res.status };
  } catch {
    return { ok: false, status: null };
  }
}
