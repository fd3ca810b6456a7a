/**
 * Bulk import for a community moving from another bot: JSON `{ rows }` or CSV with a header line
 * (discordUserId, displayName, rating, deviation, wins, losses, draws). Every row is checked first;
 * one bad row means nothing is written and the answer lists every bad row.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { ImportRow } from "../../db/repository/imports";
import { AppError } from "../../errors";
import { requireScope } from "../../http/auth";
import { parseCsv } from "../../http/csv";
import { idempotent } from "../../http/idempotency";
import { bearer, createRouter, idempotencyHeader, json, pick } from "../../http/openapi";
import { guildParams, ladderQuery, snowflake } from "../../http/schemas";
import { visibleText } from "../../http/text";

export const MAX_IMPORT_ROWS = 5_000;

const count = z.coerce.number().int().min(0).max(1_000_000).optional();
const rowSchema = z.strictObject({
  discordUserId: snowflake,
  displayName: visibleText(1, 64),
  rating: z.coerce.number().finite().min(0).max(10_000).optional(),
  deviation: z.coerce.number().finite().min(1).max(1_000).optional(),
  wins: count,
  losses: count,
  draws: count,
});
const COLUMNS = ["discordUserId", "displayName", "rating", "deviation", "wins", "losses", "draws"] as const;

const importRoute = createRoute({
  method: "post",
  path: "/guilds/{guildId}/players/import",
  summary: `Import up to ${MAX_IMPORT_ROWS} players (JSON or CSV) atomically (write)`,
  middleware: [requireScope("write"), idempotent],
  security: bearer,
  request: {
    params: guildParams,
    query: ladderQuery,
    headers: idempotencyHeader,
    body: {
      content: {
        // Rows are checked one by one in the handler (to report every bad row), so the body schema only says "an array".
        "application/json": { schema: z.object({ rows: z.array(z.unknown()).openapi({ maxItems: MAX_IMPORT_ROWS, description: "ImportRow objects" }) }) },
        "text/csv": {
          schema: z.string().openapi({ example: "discordUserId,displayName,rating,deviation,wins,losses,draws\n1000000000000000002,Ada,1620,80,12,5,1" }),
        },
      },
    },
  },
  responses: {
    201: json(z.object({ ladder: z.string(), players: z.number().int(), ratings: z.number().int(), ratingsKept: z.number().int() }), "Imported"),
    ...pick(400, 401, 403, 404, 413, 422),
  },
});

/** The raw rows of either format, as objects keyed by column name. */
async function rawRows(req: { header(name: string): string | undefined; text(): Promise<string> }): Promise<unknown[]> {
  const type = req.header("content-type") ?? "";
  const text = await req.text();
  if (/text\/csv/i.test(type)) {
    const [header, ...lines] = parseCsv(text);
    const names = (header ?? []).map((h) => h.trim());
    const unknown = names.filter((n) => !(COLUMNS as readonly string[]).includes(n));
    if (unknown.length || !names.includes("discordUserId") || !names.includes("displayName")) {
      throw new AppError("VALIDATION_FAILED", `CSV header must name discordUserId and displayName, and only ${COLUMNS.join(", ")}`, { unknown });
    }
    return lines.map((cells) => Object.fromEntries(names.flatMap((n, i) => (cells[i]?.trim() ? [[n, cells[i]?.trim()]] : []))));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "Request body must be valid JSON, or CSV with Content-Type: text/csv");
  }
  const rows = (parsed as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows)) throw new AppError("VALIDATION_FAILED", "Body must be { rows: [...] }", { field: "rows" });
  return rows;
}

export const importRoutes = createRouter().openapi(importRoute, async (c) => {
  const { guildId } = c.req.valid("param");
  const { ladder: slug } = c.req.valid("query");
  const raw = await rawRows(c.req);
  if (raw.length === 0 || raw.length > MAX_IMPORT_ROWS) {
    throw new AppError("VALIDATION_FAILED", `An import has 1 to ${MAX_IMPORT_ROWS} rows, got ${raw.length}`, { field: "rows" });
  }
  const repo = c.var.repo();
  const ladder = await repo.ladders.resolve(guildId, slug);
  const problems: Array<{ row: number; field: string; message: string }> = [];
  const rows: ImportRow[] = [];
  const seen = new Map<string, number>();
  raw.forEach((value, index) => {
    const parsed = rowSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ row: index + 1, field: issue.path.join("."), message: issue.message });
      return;
    }
    const r = parsed.data;
    const first = seen.get(r.discordUserId);
    if (first) problems.push({ row: index + 1, field: "discordUserId", message: `repeats row ${first}` });
    seen.set(r.discordUserId, index + 1);
    const s = ladder.settings;
    if (r.deviation !== undefined && (r.deviation < s.minDeviation || r.deviation > s.maxDeviation)) {
      problems.push({ row: index + 1, field: "deviation", message: `must be within the ladder's ${s.minDeviation}..${s.maxDeviation}` });
    }
    rows.push(r);
  });
  if (problems.length > 0) {
    throw new AppError("VALIDATION_FAILED", `${new Set(problems.map((p) => p.row)).size} of ${raw.length} rows are invalid; nothing was imported`, {
      rows: problems.slice(0, 500),
    });
  }
  const result = await repo.imports.players(guildId, ladder, rows, c.var.actor);
  return c.json({ ladder: ladder.slug, ...result }, 201);
});
