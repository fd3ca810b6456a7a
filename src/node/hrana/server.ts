// Wires the Hrana core to an HTTP listener. This is the full-option entry point; the public
// `startLibsqlServer` in ../libsql-server.ts fixes the tuning knobs to sqld-like defaults, and tests
// use this one to shorten timeouts.

import type { AddressInfo } from "node:net";
import type { ErrorCodeStyle } from "./errors";
import { createHranaHttpServer } from "./http";
import { HranaCore } from "./pipeline";

export interface HranaServerOptions {
  path: string;
  host?: string;
  port?: number;
  authToken?: string;
  log?: (line: string) => void;
  /** Idle stream expiry (sqld uses 10 s). */
  idleTimeoutMs?: number;
  /** Longest wait for another stream's open transaction before SQLITE_BUSY. */
  lockWaitMs?: number;
  maxBodyBytes?: number;
  errorCodes?: ErrorCodeStyle;
}

export interface RunningHranaServer {
  url: string;
  port: number;
  core: HranaCore;
  close(): Promise<void>;
}

export const DEFAULT_IDLE_TIMEOUT_MS = 10_000;
export const DEFAULT_LOCK_WAIT_MS = 30_000;
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

export async function startHranaServer(options: HranaServerOptions): Promise<RunningHranaServer> {
  const log = options.log ?? (() => undefined);
  const core = new HranaCore({
    path: options.path,
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    lockWaitMs: options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS,
    errorCodes: options.errorCodes ?? "extended",
    log,
  });
  const server = createHranaHttpServer(core, {
    authToken: options.authToken === "" ? undefined : options.authToken,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    log,
  });
  const host = options.host ?? "127.0.0.1";
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    core.close();
    throw error;
  }
  server.on("error", (error) => log(`hrana: server error: ${error.message}`));
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  log(`libSQL server (Hrana over HTTP v2) on ${url}, database ${options.path}`);

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    core,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        // Stop the core first: waiting pipelines give up and open transactions roll back.
        core.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
