/**
 * Compares the live database with the schema the committed migrations build (drizzle-kit's newest
 * snapshot for the dialect): tables, columns, types, nullability, primary keys and indexes. Prints
 * every difference and exits 1 on drift, 0 when they agree.
 *   npm run db:check            (DATABASE_URL / DATABASE_AUTH_TOKEN from the environment or .dev.vars)
 */
import { fileURLToPath } from "node:url";
import { runTool } from "./database";
import { type Row, type SqlReader, redactUrl, toolDatabaseConfig, withReader } from "./db-connection";
import { MIGRATIONS } from "./migrate";
import { type ColumnShape, diffShapes, expectedShape, type IndexShape, normaliseType, pgIndexKey, type SchemaShape, type TableShape } from "./schema-shape";

/** drizzle's bookkeeping table, and the engines' own tables, are not part of the schema. */
const SQLITE_INTERNAL = /^(sqlite_|libsql_|_litestream_|_cf_|__drizzle_migrations$)/;
/** drizzle-kit's tables live in `public` (its migrations table in the `drizzle` schema). */
const PG_SCHEMA = "public";

export interface SchemaCheck {
  dialect: "sqlite" | "pg";
  tables: number;
  differences: string[];
}

/** The differences between the database at `url` and the newest migration's schema (none when equal). */
export async function checkSchema(url: string, authToken?: string, folders: Record<"sqlite" | "pg", string> = MIGRATIONS): Promise<SchemaCheck> {
  return withReader(url, authToken, async (db) => {
    const actual = db.dialect === "pg" ? await pgShape(db) : await sqliteShape(db);
    const expected = expectedShape(folders[db.dialect], db.dialect);
    return { dialect: db.dialect, tables: actual.size, differences: diffShapes(expected, actual) };
  });
}

const emptyTable = (): TableShape => ({ columns: new Map(), primaryKey: [], indexes: new Map() });

async function sqliteShape(db: SqlReader): Promise<SchemaShape> {
  const shape: SchemaShape = new Map();
  const tables = await db.rows("select name from sqlite_master where type = 'table' order by name");
  for (const { name } of tables) {
    const table = String(name);
    if (SQLITE_INTERNAL.test(table)) continue;
    const shaped = emptyTable();
    const columns = await db.rows('select name, type, "notnull" as not_null, pk from pragma_table_info($1) order by cid', [table]);
    const pk: Array<[number, string]> = [];
    for (const c of columns) {
      shaped.columns.set(String(c.name), { type: normaliseType("sqlite", String(c.type)), notNull: Number(c.not_null) === 1 });
      if (Number(c.pk) > 0) pk.push([Number(c.pk), String(c.name)]);
    }
    shaped.primaryKey = pk.sort((a, b) => a[0] - b[0]).map(([, column]) => column);
    for (const index of await db.rows('select name, "unique" as is_unique, origin, partial from pragma_index_list($1)', [table])) {
      // The primary key's automatic index is covered by primaryKey.
      if (index.origin === "pk") continue;
      const keys = await db.rows('select name, "desc" as is_desc from pragma_index_xinfo($1) where key = 1 order by seqno', [String(index.name)]);
      shaped.indexes.set(String(index.name), {
        columns: keys.map((k) => `${k.name === null ? "<expression>" : String(k.name)}${Number(k.is_desc) === 1 ? " desc" : ""}`),
        unique: Number(index.is_unique) === 1,
        partial: Number(index.partial) === 1,
      });
    }
    shape.set(table, shaped);
  }
  return shape;
}

async function pgShape(db: SqlReader): Promise<SchemaShape> {
  const shape: SchemaShape = new Map();
  const tables = await db.rows("select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE'", [PG_SCHEMA]);
  for (const t of tables) shape.set(String(t.table_name), emptyTable());
  const columns = await db.rows(
    `select table_name, column_name, data_type, udt_name, is_nullable, character_maximum_length, numeric_precision, numeric_scale, datetime_precision
     from information_schema.columns where table_schema = $1 order by table_name, ordinal_position`,
    [PG_SCHEMA],
  );
  for (const c of columns) {
    shape.get(String(c.table_name))?.columns.set(String(c.column_name), pgColumn(c));
  }
  // pg_get_indexdef(index, n, true) is key n as written (the column name, or the expression) without
  // its order; indoption holds the order (bit 0: DESC, bit 1: NULLS FIRST).
  const indexes = await db.rows(
    `select t.relname as table_name, i.relname as index_name, x.indisunique as is_unique, x.indisprimary as is_primary,
            x.indpred is not null as is_partial,
            (select array_agg(pg_get_indexdef(x.indexrelid, k, true) order by k) from generate_series(1, x.indnkeyatts) as k) as keys,
            (select array_agg(x.indoption[k - 1] order by k) from generate_series(1, x.indnkeyatts) as k) as options
     from pg_index x
     join pg_class i on i.oid = x.indexrelid
     join pg_class t on t.oid = x.indrelid
     join pg_namespace n on n.oid = t.relnamespace
     where n.nspname = $1 order by t.relname, i.relname`,
    [PG_SCHEMA],
  );
  for (const index of indexes) {
    const table = shape.get(String(index.table_name));
    if (!table) continue;
    const options = index.options as number[];
    const keys = (index.keys as string[]).map((k, i) => pgIndexKey(k.replace(/^"(.*)"$/, "$1"), ((options[i] ?? 0) & 1) === 1, ((options[i] ?? 0) & 2) === 2));
    if (index.is_primary === true) table.primaryKey = keys;
    else
      table.indexes.set(String(index.index_name), { columns: keys, unique: index.is_unique === true, partial: index.is_partial === true } satisfies IndexShape);
  }
  return shape;
}

/** information_schema spells a type in pieces (name, length, precision); put it back together. */
function pgColumn(c: Row): ColumnShape {
  const dataType = String(c.data_type);
  const udt = String(c.udt_name);
  let type: string;
  if (dataType === "ARRAY") type = `${udt.replace(/^_/, "")}[]`;
  else if (dataType === "USER-DEFINED") type = udt;
  else if (/^character/.test(dataType) && c.character_maximum_length !== null) type = `${dataType}(${c.character_maximum_length})`;
  else if (dataType === "numeric" && c.numeric_precision !== null) type = `numeric(${c.numeric_precision},${c.numeric_scale ?? 0})`;
  else if (/^(timestamp|time)\b/.test(dataType) && c.datetime_precision !== null) {
    type = dataType.replace(/^(timestamp|time)/, `$1(${c.datetime_precision})`);
  } else type = dataType;
  return { type: normaliseType("pg", type), notNull: c.is_nullable === "NO" };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runTool(async () => {
    const { url, authToken } = toolDatabaseConfig();
    const result = await checkSchema(url, authToken);
    for (const line of result.differences) console.log(line);
    const where = `${redactUrl(url)} (${result.dialect === "pg" ? "PostgreSQL" : "SQLite"})`;
    if (result.differences.length === 0) {
      console.log(`${where}: ${result.tables} tables match the schema of the newest migration`);
      return;
    }
    console.log(
      `${where}: ${result.differences.length} difference${result.differences.length === 1 ? "" : "s"} from the schema of the newest migration (npm run db:status shows pending migrations)`,
    );
    process.exitCode = 1;
  });
}
