/**
 * Shared by the `/tournament` suites: signed interactions as Discord builds them (sub-command
 * options with USER options resolved, like Discord sends them), and tournaments made directly in
 * the repository, as an organiser would through the admin API.
 */
import { expect } from "vitest";
import { connect } from "../../src/db/connect";
import { createRepository, type Repository, type Tournament } from "../../src/db/repository";
import { CHESS_POINTS } from "../../src/domain/tournament";
import { parseConfig } from "../../src/env";
import { discordBindings, type KeyPair, type Member, postInteraction, type ReplyBody, snowflake, text } from "../support/discord";
import { body, type Dialect } from "../support/worker";

export const EPHEMERAL = 64;

export type Option = string | number | { user: Member };

let counter = 0;
const nextId = () => `${BigInt(Date.now()) * 4194304n + BigInt(++counter)}`;

/** `/tournament <sub>` with typed options; `{ user }` values are USER options with `resolved` filled in. */
export function tournamentPayload(guildId: string, member: Member, sub: string, options: Record<string, Option> = {}) {
  const users: Record<string, unknown> = {};
  const members: Record<string, unknown> = {};
  const opts = Object.entries(options).map(([name, value]) => {
    if (typeof value === "object") {
      const u = value.user;
      users[u.id] = { id: u.id, username: u.name ?? `user${u.id.slice(-4)}`, global_name: u.name ?? null, discriminator: "0" };
      members[u.id] = { nick: null, roles: [], permissions: "0" };
      return { name, type: 6, value: u.id };
    }
    return { name, type: typeof value === "number" ? 4 : 3, value };
  });
  const user = { id: member.id, username: member.name ?? `user${member.id.slice(-4)}`, global_name: member.name ?? null, discriminator: "0" };
  return {
    id: nextId(),
    application_id: "100000000000000001",
    token: `token-${nextId()}`,
    version: 1,
    type: 2,
    channel_id: "200000000000000001",
    guild_id: guildId,
    member: { user, nick: null, roles: member.roles ?? [], permissions: member.permissions ?? "0" },
    data: {
      id: "300000000000000002",
      name: "tournament",
      type: 1,
      options: [{ name: sub, type: 1, options: opts }],
      ...(Object.keys(users).length ? { resolved: { users, members } } : {}),
    },
  };
}

export interface Sent extends ReplyBody {
  text: string;
  ephemeral: boolean;
  /** Database round trips the Worker counted for this interaction (`x-db-round-trips`). */
  roundTrips: number;
}

export function harness(dialect: Dialect, key: () => KeyPair) {
  const env = () => discordBindings(dialect, key());

  async function send(guildId: string, member: Member, sub: string, options: Record<string, Option> = {}): Promise<Sent> {
    const res = await postInteraction(env(), key(), tournamentPayload(guildId, member, sub, options));
    expect(res.status).toBe(200);
    const reply = await body<ReplyBody>(res);
    // Every answer is a message now (type 4): nothing in /tournament defers.
    expect(reply.type).toBe(4);
    const roundTrips = Number(res.headers.get("x-db-round-trips"));
    return { ...reply, text: text(reply), ephemeral: ((reply.data?.flags ?? 0) & EPHEMERAL) !== 0, roundTrips };
  }

  async function withRepo<T>(fn: (repo: Repository) => Promise<T>): Promise<T> {
    const database = connect(parseConfig(env()).database);
    try {
      return await fn(createRepository(database));
    } finally {
      await database.close();
    }
  }

  /** A guild (with its default ladder) and a tournament (Swiss unless `kind`), opened for registration unless `draft`. */
  async function tournament(
    input: {
      guildId?: string;
      name?: string;
      draft?: boolean;
      teamSize?: number;
      rounds?: number;
      topCut?: number;
      kind?: "swiss" | "single_elimination" | "double_elimination" | "round_robin";
      rated?: boolean;
    } = {},
  ) {
    const guildId = input.guildId ?? snowflake();
    return withRepo(async (repo) => {
      await repo.guilds.upsert({ id: guildId, name: "Tournament guild" }, "test");
      const ladder = await repo.ladders.resolve(guildId);
      const format = await repo.tournaments.createFormat(
        guildId,
        {
          name: `Format ${snowflake()}`,
          kind: input.kind ?? "swiss",
          rounds: (input.kind ?? "swiss") === "swiss" ? (input.rounds ?? 3) : null,
          points: CHESS_POINTS,
        },
        "test",
      );
      let t: Tournament = await repo.tournaments.create(
        guildId,
        {
          ladderId: ladder.id,
          formatId: format.id,
          name: input.name ?? "Spring Swiss",
          rated: input.rated ?? false,
          teamSize: input.teamSize ?? null,
          topCut: input.topCut ?? null,
        },
        "test",
      );
      if (!input.draft) t = await repo.tournaments.advance(guildId, t.id, "openRegistration", "test");
      return { guildId, tournament: t };
    });
  }

  return { env, send, withRepo, tournament };
}

export const people = (n: number, prefix = "player"): Member[] => Array.from({ length: n }, (_, i) => ({ id: snowflake(), name: `${prefix}${i + 1}` }));
export const staffMember = (): Member => ({ id: snowflake(), name: "organiser", permissions: "32" });
