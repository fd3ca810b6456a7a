import { isIP } from "node:net";

/**
 * The local Neon proxy connects wherever a request tells it to (a connection-string header, a
 * `?address=` parameter). Limiting targets to this machine keeps it from becoming an open relay
 * to anything reachable from the developer's network.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  const lower = bare.toLowerCase();
  if (lower === "localhost") return true;
  const family = isIP(lower);
  if (family === 4) return lower.startsWith("127.");
  if (family === 6) return lower === "::1" || lower === "0:0:0:0:0:0:0:1" || lower.startsWith("::ffff:127.");
  return false;
}

export interface HostPort {
  host: string;
  port: number;
}

/** Parses "host:port", "[v6]:port" or a bare "v6:port" (the last colon splits) as wsproxy accepts. */
export function parseHostPort(address: string): HostPort | null {
  const bracketed = /^\[([^\]]+)\]:(\d{1,5})$/.exec(address);
  const plain = bracketed ? null : /^(.+):(\d{1,5})$/.exec(address);
  const match = bracketed ?? plain;
  if (!match) return null;
  const host = match[1];
  const port = Number(match[2]);
  if (host === undefined || host === "" || !Number.isInteger(port) || port < 1 || port > 65535) return null;
  return { host, port };
}

/** Formats host and port for URLs and `?address=` values, bracketing IPv6 literals. */
export function formatHostPort(host: string, port: number | string): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]:${port}` : `${host}:${port}`;
}
