/**
 * SQLite / libSQL (Turso) schema. Must stay column-for-column equal to `pg/`: the repository is
 * written once and `parity.ts` fails the type check if the two drift apart.
 * Time is integer milliseconds, JSON is text, booleans are 0/1, our ids are app-made UUID text.
 */
export * from "./ratings";
export * from "./operations";
export * from "./discord";
export * from "./tournaments";
