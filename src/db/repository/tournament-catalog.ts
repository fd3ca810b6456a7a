/**
 * A guild's venues and tournament formats, listed for the public API: keyset pages in creation
 * order (the same on both dialects, unlike text collation), the guild read in the same batch so an
 * unknown guild is a 404 rather than an empty page. One round trip per page.
 */
import { and, asc, eq, gt, or } from "drizzle-orm";
import { NotFoundError } from "../../errors";
import { decodeCursor, encodeCursor } from "./cursor";
import { type RepoContext, guarded } from "./context";
import type { TournamentFormat, Venue } from "./tournaments";
import type { Page, PageQuery } from "./types";

export function tournamentCatalogRepository({ database }: RepoContext) {
  const { t } = database;
  const { venues: v, tournamentFormats: f, guilds: g } = t;

  /** After the cursor's (createdAt, id): the next rows in creation order. */
  function after(table: typeof v | typeof f, cursor: string | undefined) {
    if (!cursor) return undefined;
    const last = decodeCursor(cursor, { at: "time", id: "uuid" });
    const at = new Date(last.at);
    return or(gt(table.createdAt, at), and(eq(table.createdAt, at), gt(table.id, last.id)));
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
  };
}
