/**
 * The PostgreSQL database a suite uses for `tag`: `teamrank_<tag>`, or `<TEST_PG_DATABASE>_<tag>`
 * so that parallel checkouts on one server (each with its own TEST_PG_DATABASE) never share one.
 * Suites start their database with `fresh: true`, so sharing would drop another run's tables.
 */
export function pgDatabaseName(tag: string): string {
  return `${process.env.TEST_PG_DATABASE ?? "teamrank"}_${tag}`;
}
