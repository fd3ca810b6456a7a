/**
 * The comparable shape of a schema (tables, columns with type and nullability, primary key,
 * indexes), the expected one read from drizzle-kit's newest snapshot, and the differences between
 * two shapes. The snapshot is the expected side because it is exactly what the committed
 * migrations build, and CI fails when it disagrees with src/db/schema/*.ts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Dialect } from "../db/connect";

export interface ColumnShape {
  /** Normalised per dialect (see normaliseType), so equal types compare equal as strings. */
  type: string;
  notNull: boolean;
}

export interface IndexShape {
  /** Column names, or the expression text for expression keys, in key order, with ` desc` when descending. */
  columns: string[];
  unique: boolean;
  /** Has a WHERE clause. */
  partial: boolean;
}

export interface TableShape {
  columns: Map<string, ColumnShape>;
  primaryKey: string[];
  /** By index name; the primary key's own index is not listed. */
  indexes: Map<string, IndexShape>;
}

export type SchemaShape = Map<string, TableShape>;

interface SnapshotColumn {
  name: string;
  type: string;
  primaryKey: boolean;
  notNull: boolean;
  isUnique?: boolean;
  uniqueName?: string;
}
type SnapshotIndexColumn = string | { expression: string; isExpression: boolean; asc: boolean; nulls: string };
interface SnapshotTable {
  name: string;
  schema?: string;
  columns: Record<string, SnapshotColumn>;
  indexes: Record<string, { name: string; columns: SnapshotIndexColumn[]; isUnique: boolean; where?: string }>;
  compositePrimaryKeys: Record<string, { columns: string[] }>;
  uniqueConstraints: Record<string, { name: string; columns: string[] }>;
}
interface Snapshot {
  tables: Record<string, SnapshotTable>;
}
export interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

export function readJournal(folder: string): JournalEntry[] {
  return (JSON.parse(readFileSync(join(folder, "meta", "_journal.json"), "utf8")) as { entries: JournalEntry[] }).entries;
}

/** The shape the newest migration in `folder` leaves, per drizzle-kit's snapshot of it. */
export function expectedShape(folder: string, dialect: Dialect): SchemaShape {
  const last = readJournal(folder).at(-1);
  if (!last) return new Map();
  const file = join(folder, "meta", `${String(last.idx).padStart(4, "0")}_snapshot.json`);
  const snapshot = JSON.parse(readFileSync(file, "utf8")) as Snapshot;
  const shape: SchemaShape = new Map();
  for (const table of Object.values(snapshot.tables)) {
    const columns = new Map<string, ColumnShape>();
    const indexes = new Map<string, IndexShape>();
    let primaryKey: string[] = [];
    for (const column of Object.values(table.columns)) {
      columns.set(column.name, { type: normaliseType(dialect, column.type), notNull: column.notNull });
      if (column.primaryKey) primaryKey.push(column.name);
      if (column.isUnique) {
        indexes.set(column.uniqueName ?? `${table.name}_${column.name}_unique`, { columns: [column.name], unique: true, partial: false });
      }
    }
    for (const pk of Object.values(table.compositePrimaryKeys)) primaryKey = [...pk.columns];
    for (const index of Object.values(table.indexes)) {
      const keys = index.columns.map((c) => (typeof c === "string" ? sqliteIndexKey(c) : pgIndexKey(c.expression, !c.asc, c.nulls === "first")));
      indexes.set(index.name, { columns: keys, unique: index.isUnique, partial: Boolean(index.where) });
    }
    // Postgres enforces a unique constraint with an index of the constraint's name; drizzle-kit
    // writes SQLite's as a unique index of that name too.
    for (const unique of Object.values(table.uniqueConstraints)) {
      indexes.set(unique.name, { columns: [...unique.columns], unique: true, partial: false });
    }
    shape.set(table.name, { columns, primaryKey, indexes });
  }
  return shape;
}

/** drizzle-kit's SQLite snapshot writes a sorted key as SQL (`"rating" desc`); ascending is the default. */
function sqliteIndexKey(text: string): string {
  return text
    .replace(/["`]/g, "")
    .replace(/\s+asc$/i, "")
    .replace(/\s+desc$/i, " desc");
}

/** One spelling of a Postgres index key: `x`, `x desc`, plus the nulls order only when it is not the direction's default. */
export function pgIndexKey(expression: string, desc: boolean, nullsFirst: boolean): string {
  return `${expression}${desc ? " desc" : ""}${nullsFirst === desc ? "" : nullsFirst ? " nulls first" : " nulls last"}`;
}

const PG_ALIASES: Record<string, string> = {
  int: "integer",
  int4: "integer",
  serial: "integer",
  serial4: "integer",
  int8: "bigint",
  bigserial: "bigint",
  serial8: "bigint",
  int2: "smallint",
  smallserial: "smallint",
  serial2: "smallint",
  float8: "double precision",
  float4: "real",
  bool: "boolean",
  decimal: "numeric",
  varchar: "character varying",
  char: "character",
  bpchar: "character",
  timestamptz: "timestamp with time zone",
  "timestamp without time zone": "timestamp",
  timetz: "time with time zone",
  "time without time zone": "time",
};

/**
 * One spelling per type: drizzle-kit writes `timestamp (3) with time zone`, information_schema says
 * `timestamp with time zone` plus datetime_precision 3, udt names say `int4`. Precision 6 is
 * Postgres's default for timestamps, so `(6)` and no precision are the same type.
 */
export function normaliseType(dialect: Dialect, raw: string): string {
  let type = raw
    .toLowerCase()
    .trim()
    .replace(/\s+/g, " ")
    .replace(/\s*\(\s*/g, "(")
    .replace(/\s*\)/g, ")")
    .replace(/\s*,\s*/g, ",");
  if (dialect === "sqlite") return type;
  let array = "";
  while (type.endsWith("[]")) {
    array += "[]";
    type = type.slice(0, -2);
  }
  const match = /^([a-z_ ]+?)(\(\d+(?:,\d+)?\))?( with(?:out)? time zone)?$/.exec(type);
  if (match) {
    const base = PG_ALIASES[`${match[1]}${match[3] ?? ""}`] ?? PG_ALIASES[match[1] ?? ""] ?? `${match[1]}${match[3] ?? ""}`;
    let args = match[2] ?? "";
    if (/^(timestamp|time)\b/.test(base) && args === "(6)") args = "";
    // The precision sits after the word timestamp/time, before "with time zone".
    type = args && / with time zone$/.test(base) ? base.replace(/ with time zone$/, `${args} with time zone`) : `${base}${args}`;
  }
  return `${type}${array}`;
}

const describeColumn = (c: ColumnShape) => `${c.type} ${c.notNull ? "not null" : "null"}`;
const describeIndex = (i: IndexShape) => `${i.unique ? "unique " : ""}(${i.columns.join(", ")})${i.partial ? " where ..." : ""}`;

/** Every way `actual` differs from `expected`, one line each, in table then column order. */
export function diffShapes(expected: SchemaShape, actual: SchemaShape): string[] {
  const out: string[] = [];
  const tables = [...new Set([...expected.keys(), ...actual.keys()])].sort();
  for (const name of tables) {
    const want = expected.get(name);
    const have = actual.get(name);
    if (!want) {
      out.push(`${name}: unexpected table`);
      continue;
    }
    if (!have) {
      out.push(`${name}: missing table`);
      continue;
    }
    for (const [column, w] of want.columns) {
      const h = have.columns.get(column);
      if (!h) out.push(`${name}.${column}: missing column (expected ${describeColumn(w)})`);
      else {
        if (h.type !== w.type) out.push(`${name}.${column}: type ${h.type}, expected ${w.type}`);
        if (h.notNull !== w.notNull) out.push(`${name}.${column}: ${h.notNull ? "not null" : "nullable"}, expected ${w.notNull ? "not null" : "nullable"}`);
      }
    }
    for (const [column, h] of have.columns) {
      if (!want.columns.has(column)) out.push(`${name}.${column}: unexpected column (${describeColumn(h)})`);
    }
    if (want.primaryKey.join() !== have.primaryKey.join()) {
      out.push(`${name}: primary key (${have.primaryKey.join(", ")}), expected (${want.primaryKey.join(", ")})`);
    }
    for (const [index, w] of want.indexes) {
      const h = have.indexes.get(index);
      if (!h) out.push(`${name}: missing index ${index} ${describeIndex(w)}`);
      else if (describeIndex(h) !== describeIndex(w)) out.push(`${name}: index ${index} is ${describeIndex(h)}, expected ${describeIndex(w)}`);
    }
    for (const [index, h] of have.indexes) {
      if (!want.indexes.has(index)) out.push(`${name}: unexpected index ${index} ${describeIndex(h)}`);
    }
  }
  return out;
}
