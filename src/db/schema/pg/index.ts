/**
 * Postgres (Neon) schema. Must stay column-for-column equal to `sqlite/`: the repository is written
 * once and `parity.ts` fails the type check if the two drift apart.
 * Time is timestamptz with millisecond precision (JS reads milliseconds: microseconds would make
 * keyset cursors repeat rows), JSON is jsonb, our ids are uuid (made in the app), Discord ids are text.
 */
export * from "./ratings";
export * from "./operations";
export * from "./discord";
export * from "./tournaments";
