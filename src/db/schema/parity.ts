/**
 * Compile-time proof that both dialect schemas produce identical row types. The repository is
 * written once against the SQLite-typed tables (see `connect.ts`); this file is what makes that
 * sound: if a column differs in name, nullability or TS type, `npm run typecheck` fails here.
 */
import type { InferInsertModel, InferSelectModel } from "drizzle-orm";
import type * as pg from "./pg";
import type * as sqlite from "./sqlite";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Same<A, B> = Equal<A, B> extends true ? true : { mismatch: [A, B] };

type TableNames = keyof typeof sqlite & keyof typeof pg;
type SelectParity = { [K in TableNames]: Same<InferSelectModel<(typeof sqlite)[K]>, InferSelectModel<(typeof pg)[K]>> };
type InsertParity = { [K in TableNames]: Same<InferInsertModel<(typeof sqlite)[K]>, InferInsertModel<(typeof pg)[K]>> };
type AllTrue<T> = T[keyof T] extends true ? true : T;

/** Both must be `true`; a mismatch names the table and both row types in the error. */
export const selectParity: AllTrue<SelectParity> = true;
export const insertParity: AllTrue<InsertParity> = true;
/** Every table exists in both dialects. */
export const sameTables: Equal<keyof typeof sqlite, keyof typeof pg> = true;
