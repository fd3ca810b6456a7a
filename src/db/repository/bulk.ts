/**
 * Bulk statements for many rows at once, portable to SQLite ≥ 3.33 and Postgres: a VALUES list
 * whose parameters are cast to the column kinds (Postgres would otherwise type them as text), and
 * chunking so one statement stays under both dialects' parameter limits (32,766 and 65,535).
 */
import { type SQL, sql } from "drizzle-orm";
import type { Database, SqlKind } from "../connect";

/** Rows per statement: 2,000 rows of up to 16 columns stay under SQLite's 32,766 parameters. */
export const BULK_CHUNK = 2_000;

export function chunks<T>(items: readonly T[], size = BULK_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `(values (cast(? as k1), …), …)`: columns are named column1, column2, … on both dialects. */
export function valuesList(database: Database, kinds: readonly SqlKind[], rows: ReadonlyArray<ReadonlyArray<string | number | Date | null>>): SQL {
  const tuples = rows.map(
    (row) =>
      sql`(${sql.join(
        kinds.map((kind, i) => database.param(kind, row[i] ?? null)),
        sql`, `,
      )})`,
  );
  return sql`(values ${sql.join(tuples, sql`, `)})`;
}

/**
 * `select cast(v.column1 as k1), … from (values (?, …), …) as v`: rows bound as bare parameters and
 * cast once per column, which keeps a large batch small (Hrana and Neon requests are capped near
 * 10 MB). Float parameters are bound, never sent as text SQLite would parse: SQLite's text-to-real
 * conversion is not exact to the last bit, and a replay must be.
 */
export function selectValues(database: Database, kinds: readonly SqlKind[], rows: ReadonlyArray<ReadonlyArray<string | number | Date | null>>): SQL {
  const tuples = rows.map(
    (row) =>
      sql`(${sql.join(
        kinds.map((_, i) => database.bind(row[i] ?? null)),
        sql`,`,
      )})`,
  );
  const columns = kinds.map((kind, i) => sql`cast(${sql.raw(`v.column${i + 1}`)} as ${database.typeName(kind)}) as ${sql.raw(`c${i + 1}`)}`);
  return sql`select ${sql.join(columns, sql`, `)} from (values ${sql.join(tuples, sql`,`)}) as v`;
}
