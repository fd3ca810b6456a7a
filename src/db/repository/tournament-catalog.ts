/**
 * A guild's venues, tournament formats and tournaments, listed for the public API: keyset pages on
 * (created_at, id) (the same on both dialects, unlike text collation), venues and formats in
 * creation order, tournaments newest first; the guild is read in the same batch so an unknown guild
 * is a 404 rather than an empty page. One round trip per page.
 */
import { and, asc, desc, eq, gt, lt, or } from "drizzle-orm";
import { NotFoundError } from "../../errors";
import { decodeCursor, encodeCursor } from "./cursor";
import { type RepoContext, guarded } from "./context";
import { type Tournament, type TournamentFormat, tournamentColumns, type Venue } from "./tournaments";
import type { Page, PageQuery } from "./types";

export function tournamentCatalogRepository({ database }: RepoContext) {
  const { t } = database;
  const { venues: v, tournamentFormats: f, tournaments: tr, guilds: g } = t;

  /** Past the cursor's (createdAt, id): the next rows in creation order, or in reverse (`newest`). */
  function after(table: typeof v | typeof f | typeof tr, cursor: string | undefined, newest = false) {
    if (!cursor) return undefined;
    const last = decodeCursor(cursor, { at: "time", id: "uuid" });
    const at = new Date(last.at);
    const beyond = newest ? lt : gt;
    return or(beyond(table.createdAt, at), and(eq(table.createdAt, at), beyond(table.id, last.id)));
  }

  function pageOf<T extends { createdAt: Date; id: string }>(guilds: unknown[], rows: T[], guildId: string, limit: number): Page<T> {
    if (!guilds[0]) throw new NotFoundError("guild", guildId);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? encodeCursor({ at: last.createdAt.getTime(), id: last.id }) : null };
  }

  return {
    async venues(guildId: string, query: PageQuery): Promise<Page<Venue>> {
      const [guilds, rows] = await guarded(() =>
        database.batch((tx) => [
          tx.select({ id: g.id }).from(g).where(eq(g.id, guildId)).limit(1),
          tx
            .select()
            .from(v)
            .where(and(eq(v.guildId, guildId), after(v, query.cursor)))
            .orderBy(asc(v.createdAt), asc(v.id))
            .limit(query.limit + 1),
        ]),
      );
      return pageOf(guilds, rows, guildId, query.limit);
    },

    async formats(guildId: string, query: PageQuery): Promise<Page<TournamentFormat>> {
      const [guilds, rows] = await guarded(() =>
        database.batch((tx) => [
          tx.select({ id: g.id }).from(g).where(eq(g.id, guildId)).limit(1),
          tx
            .select()
            .from(f)
            .where(and(eq(f.guildId, guildId), after(f, query.cursor)))
            .orderBy(asc(f.createdAt), asc(f.id))
            .limit(query.limit + 1),
        ]),
      );
      return pageOf(guilds, rows, guildId, query.limit);
    },

    /** The guild's tournaments, newest first, optionally with one status. */
    async tournaments(guildId: string, query: PageQuery & { status?: Tournament["status"] }): Promise<Page<Tournament>> {
      const [guilds, rows] = await guarded(() =>
        database.batch((tx) => [
          tx.select({ id: g.id }).from(g).where(eq(g.id, guildId)).limit(1),
          tx
            .select(tournamentColumns(tr))
            .from(tr)
            .where(and(eq(tr.guildId, guildId), query.status ? eq(tr.status, query.status) : undefined, after(tr, query.cursor, true)))
            .orderBy(desc(tr.createdAt), desc(tr.id))
            .limit(query.limit + 1),
        ]),
      );
      return pageOf(guilds, rows, guildId, query.limit);
    },
  };
}
