/**
 * Which PostgreSQL servers the local Neon proxy may connect to. Being on loopback is not enough:
 * any local port (a trust-auth PostgreSQL, Redis, a debugger) would otherwise be one request away
 * for whatever can talk to the proxy. So the proxy only relays to servers it was told about: the
 * `targets` option, or else every backend this process chose with startPostgresBackend (dev.ts and
 * the test suites start the backend and the proxy side by side).
 */
import { type HostPort, isLoopbackHost, parseHostPort } from "./loopback";

/** "host:port" → how many running backends registered it. */
const registered = new Map<string, number>();

/** Called by startPostgresBackend; returns the matching unregister. */
export function registerPostgresTarget(url: string): () => void {
  const key = postgresAddress(url);
  registered.set(key, (registered.get(key) ?? 0) + 1);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    const left = (registered.get(key) ?? 1) - 1;
    if (left > 0) registered.set(key, left);
    else registered.delete(key);
  };
}

/** The backends of this process, as "host:port". */
export function registeredPostgresTargets(): string[] {
  return [...registered.keys()];
}

/** Where the proxy may connect: a fixed list, or a function read on every request. */
export type TargetList = readonly string[] | (() => readonly string[]);

export type TargetCheck = { ok: true; target: HostPort } | { ok: false; reason: string };

/**
 * Allows `requested` when it names a configured server. Loopback names are interchangeable
 * (localhost, 127.0.0.1, ::1 all mean this machine), so the port decides; the connection then goes
 * to the configured host, never to a name taken from the request.
 */
export function checkTarget(requested: HostPort, targets: TargetList): TargetCheck {
  const list = typeof targets === "function" ? targets() : targets;
  for (const entry of list) {
    const allowed = parseHostPort(entry);
    if (allowed === null) continue;
    if (allowed.port === requested.port && isLoopbackHost(allowed.host) && isLoopbackHost(requested.host)) return { ok: true, target: allowed };
  }
  const known = list.length === 0 ? "none" : list.join(", ");
  return { ok: false, reason: `${requested.host}:${requested.port} is not a PostgreSQL server this proxy serves (configured: ${known})` };
}

/** "host:port" of a postgres:// URL (5432 when the URL names no port). */
export function postgresAddress(url: string): string {
  const parsed = new URL(url.replace(/^postgres(ql)?:/i, "http:"));
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  const port = parsed.port === "" ? 5432 : Number(parsed.port);
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}
