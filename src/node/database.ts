/**
 * Node-side access to the same `connect()` the Worker uses, plus what only Node can do: embedded
 * libSQL files (`file:`, `:memory:`) through the native client. Never imported by the Worker.
 */
import { createClient } from "@libsql/client";
import { type Database, connect, transportOf } from "../db/connect";
import type { DatabaseConfig } from "../env";
import { UnavailableError } from "../errors";

export function openDatabase(config: DatabaseConfig): Database {
  if (transportOf(config) !== "libsql-embedded") return connect(config);
  let client: ReturnType<typeof createClient>;
  try {
    client = createClient({ url: config.url });
  } catch (error) {
    throw new UnavailableError(`Cannot open the embedded database ${config.url}`, error);
  }
  const database = connect(config, { libsqlClient: client as never });
  return { ...database, close: async () => client.close() };
}
