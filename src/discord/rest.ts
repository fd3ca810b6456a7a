/**
 * The one Discord REST client: follow-ups after a deferred reply, and command registration. The
 * base URL and `fetch` are injectable (tests point it at a local recording server), every request
 * is bounded by a timeout (requests from Workers to Discord are known to hang now and then), and a
 * 429 is retried after Discord's `retry_after` when that fits in the remaining time.
 */
export const DISCORD_API = "https://discord.com/api/v10";

export interface RestOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Per request, and the budget for 429 retries too. */
  timeoutMs?: number;
  /** `Bot <token>` for registration; webhook follow-ups need none (the interaction token is in the URL). */
  botToken?: string;
  sleep?: (ms: number) => Promise<void>;
}

export class DiscordApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`Discord API answered ${status}: ${body.slice(0, 300)}`);
    this.name = "DiscordApiError";
  }
}

export function discordRest(options: RestOptions = {}) {
  const base = (options.baseUrl ?? DISCORD_API).replace(/\/$/, "");
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 5_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  async function request(method: string, path: string, body?: unknown): Promise<unknown> {
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 1; ; attempt++) {
      const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "teamrank (https://github.com/teamrank, 0.1)" };
      if (options.botToken) headers.authorization = `Bot ${options.botToken}`;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Discord API ${method} ${path} timed out`);
      const response = await doFetch(`${base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(left),
      });
      if (response.status === 429 && attempt < 5) {
        const text = await response.text();
        const waitMs = retryAfterMs(text, response.headers.get("retry-after"));
        if (Date.now() + waitMs < deadline) {
          await sleep(waitMs);
          continue;
        }
        throw new DiscordApiError(429, text);
      }
      const text = await response.text();
      if (!response.ok) throw new DiscordApiError(response.status, text);
      return text ? JSON.parse(text) : null;
    }
  }

  return {
    /** Edit the reply of an interaction (after a deferred response). */
    editOriginal: (applicationId: string, token: string, message: unknown) =>
      request("PATCH", `/webhooks/${applicationId}/${token}/messages/@original`, message),
    followUp: (applicationId: string, token: string, message: unknown) => request("POST", `/webhooks/${applicationId}/${token}`, message),
    /** Bulk-overwrite the commands, of one guild (instant) or global. */
    putCommands: (applicationId: string, commands: unknown, guildId?: string) =>
      request("PUT", guildId ? `/applications/${applicationId}/guilds/${guildId}/commands` : `/applications/${applicationId}/commands`, commands),
  };
}

export type DiscordRest = ReturnType<typeof discordRest>;

/** `retry_after` (seconds, float) from the JSON body, else the Retry-After header, else one second. */
function retryAfterMs(body: string, header: string | null): number {
  try {
    const parsed = JSON.parse(body) as { retry_after?: unknown };
    if (typeof parsed.retry_after === "number" && parsed.retry_after >= 0) return Math.ceil(parsed.retry_after * 1000);
  } catch {
    // not JSON: fall through to the header
  }
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds * 1000) : 1000;
}
