/**
 * The web leaderboard: `GET /g/:guildId` (`?ladder=`, `?all=1`, `?cursor=`) and `/g/:guildId/p/:player`;
 * the tournaments: `/g/:guildId/tournaments` and `/g/:guildId/tournaments/:id`.
 * Server-rendered, one round trip per page (0 from the edge cache), rate limited like the API.
 */
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env";
import { playerStats } from "../domain/stats";
import { AppError, NotFoundError } from "../errors";
import { publicCache, rateLimit } from "../http/public";
import { flag, ladderSlug, playerRef, snowflake, uuid } from "../http/schemas";
import { profileOf } from "../routes/v1/profile";
import { shownDeviation } from "../routes/standing";
import { listTournaments, tournamentView } from "../services/tournaments";
import { ErrorPage, LeaderboardPage, PlayerPage } from "./pages";
import { TournamentListPage, TournamentPage } from "./tournament-pages";

const boardQuery = z.object({ ladder: ladderSlug.optional(), all: flag.optional(), cursor: z.string().max(512).optional() });

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError("NOT_FOUND", "This page does not exist");
  return parsed.data;
}

export const webRoutes = new Hono<AppEnv>()
  .use(rateLimit)
  .use(publicCache)
  .get("/:guildId", async (c) => {
    const guildId = parse(snowflake, c.req.param("guildId"));
    const query = parse(boardQuery, c.req.query());
    const repo = c.var.repo();
    const page = await repo.leaderboard.pageWithRecent(guildId, { limit: 50, ladder: query.ladder, all: query.all ?? false, cursor: query.cursor });
    const now = c.var.now();
    return c.html(
      <LeaderboardPage
        guildId={guildId}
        ladder={page.ladder}
        ladders={page.ladders}
        entries={page.items.map((e) => ({ ...e, shownDeviation: shownDeviation(e, page.ladder, now) }))}
        recent={page.recent}
        nextCursor={page.nextCursor}
        all={query.all ?? false}
      />,
    );
  })
  .get("/:guildId/p/:player", async (c) => {
    const guildId = parse(snowflake, c.req.param("guildId"));
    const player = parse(playerRef, c.req.param("player"));
    const { ladder } = parse(boardQuery, c.req.query());
    const read = await c.var.repo().analytics.player(guildId, player, ladder);
    return c.html(<PlayerPage guildId={guildId} profile={profileOf(read, c.var.now(), 100)} stats={playerStats(read.games, read.others)} />);
  })
  .get("/:guildId/tournaments", async (c) => {
    const guildId = parse(snowflake, c.req.param("guildId"));
    const repo = c.var.repo();
    // Drafts are the organiser's work in progress: listed once registration opens.
    const tournaments = (await listTournaments(repo, guildId)).filter((t) => t.status !== "draft");
    // An empty list may mean an unknown guild: only then is the guild looked up (a second round trip).
    if (tournaments.length === 0 && !(await repo.guilds.get(guildId))) throw new NotFoundError("guild", guildId);
    return c.html(<TournamentListPage guildId={guildId} tournaments={tournaments} />);
  })
  .get("/:guildId/tournaments/:tournamentId", async (c) => {
    const guildId = parse(snowflake, c.req.param("guildId"));
    const tournamentId = parse(uuid, c.req.param("tournamentId"));
    const view = await tournamentView(c.var.repo(), guildId, tournamentId);
    return c.html(<TournamentPage guildId={guildId} view={view} />);
  })
  .onError((error, c) => {
    const status = error instanceof AppError ? error.status : 500;
    if (status >= 500) console.error(`[${c.get("requestId")}] web`, error);
    const message = error instanceof AppError && status < 500 ? error.message : "Please try again in a moment.";
    return c.html(<ErrorPage status={status} message={message} />, status === 404 || status === 400 || status === 429 || status === 503 ? status : 500);
  });
