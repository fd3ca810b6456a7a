/**
 * Discord reports racing a confirmation, on every transport. The interleaving is made deterministic
 * by running the contradicting report inside the confirmation's call, after its read and before its
 * commit (a hook on the real repository's commit; nothing is mocked). The contradicting report must
 * never be shown as disputed while the match ends up completed.
 */
import { describe, expect, it } from "vitest";
import type { Repository } from "../../src/db/repository";
import { ensureProposal, startProposal } from "../../src/services/lobbies";
import { type ReportInput, reportMatch } from "../../src/services/reports";
import { freshGuildId, TRANSPORTS, useBackend, withRequest } from "../support/backends";

const now = () => new Date();
const options = { now, budgetMs: 5_000 };

describe.each(TRANSPORTS)("Discord reports on %s", (transport) => {
  const s = useBackend(transport, "reports");

  /** A started 2v2 match from a `/balance` proposal; the Discord ids of each team. */
  async function startedMatch() {
    const guildId = freshGuildId();
    const people = Array.from({ length: 4 }, (_, i) => ({ discordUserId: `${BigInt(guildId) + BigInt(i + 1)}`, displayName: `p${i}` }));
    const [opener] = people;
    if (!opener) throw new Error("no players");
    const opened = await s.repo.lobbies.open(
      {
        guildId,
        kind: "balance",
        openedBy: opener,
        size: null,
        teamCount: null,
        interactionId: crypto.randomUUID(),
        channelId: null,
        expiresAt: new Date(Date.now() + 3_600_000),
        members: people.map((m) => ({ ...m, party: null })),
      },
      "test",
    );
    const proposed = await ensureProposal(s.repo, opened, "test");
    const matchId = await startProposal(s.repo, proposed, 0, 3_600_000, now(), "test");
    const discordOf = new Map(proposed.members.map((m) => [m.playerId, m.discordUserId]));
    const teams = (proposed.lobby.proposal?.splits[0]?.teams ?? []).map((team) => team.map((id) => discordOf.get(id) ?? ""));
    const [[x = "", z = ""] = [], [y = ""] = []] = teams;
    const report = (reporter: string, outcome: string): ReportInput => ({ guildId, matchId, reporter, outcome, staff: false });
    return { guildId, matchId, x, y, z, report };
  }

  /** The real repository, with `interloper` run once between the first read and the first commit. */
  function withInterloper(repo: Repository, interloper: () => Promise<unknown>): Repository {
    let ran = false;
    return {
      ...repo,
      results: {
        ...repo.results,
        commit: async (...args: Parameters<Repository["results"]["commit"]>) => {
          if (!ran) {
            ran = true;
            await interloper();
          }
          return repo.results.commit(...args);
        },
      },
    };
  }

  async function statuses(guildId: string, matchId: string) {
    const match = await s.repo.matches.get(guildId, matchId);
    const lobby = await s.repo.lobbies.byMatch(guildId, matchId);
    return { match: match?.status, lobby: lobby?.lobby.status };
  }

  it("a contradicting report between a confirmation's read and its commit: disputed for both, match not rated", async () => {
    const m = await startedMatch();
    expect((await withRequest(s.backend, (r) => reportMatch(r, m.report(m.x, "0"), "test", options))).kind).toBe("waiting");
    let contradicting = "";
    const confirmation = await withRequest(s.backend, (r) =>
      reportMatch(
        withInterloper(r, async () => {
          // The whole contradicting press (report batch, then the dispute), on its own connection.
          contradicting = (await withRequest(s.backend, (other) => reportMatch(other, m.report(m.z, "1"), "test", options))).kind;
        }),
        m.report(m.y, "0"),
        "test",
        options,
      ),
    );
    expect(contradicting).toBe("disputed");
    expect(confirmation.kind).toBe("awaiting-staff");
    expect(await statuses(m.guildId, m.matchId)).toEqual({ match: "pending", lobby: "disputed" });
  });

  it("a contradicting report recorded (not yet disputed) before the commit: the confirmation re-reads and disputes", async () => {
    const m = await startedMatch();
    await withRequest(s.backend, (r) => reportMatch(r, m.report(m.x, "0"), "test", options));
    const confirmation = await withRequest(s.backend, (r) =>
      reportMatch(
        withInterloper(r, () => withRequest(s.backend, (other) => other.lobbyMatches.report(m.guildId, m.matchId, m.z, "1"))),
        m.report(m.y, "0"),
        "test",
        options,
      ),
    );
    expect(confirmation.kind).toBe("disputed");
    expect(await statuses(m.guildId, m.matchId)).toEqual({ match: "pending", lobby: "disputed" });
    // The contradicting press, finishing late, agrees.
    expect((await withRequest(s.backend, (r) => reportMatch(r, m.report(m.z, "1"), "test", options))).kind).toBe("awaiting-staff");
  });

  it("a report after the confirmation committed sees the match settled, not disputed", async () => {
    const m = await startedMatch();
    await withRequest(s.backend, (r) => reportMatch(r, m.report(m.x, "0"), "test", options));
    expect((await withRequest(s.backend, (r) => reportMatch(r, m.report(m.y, "0"), "test", options))).kind).toBe("applied");
    const late = withRequest(s.backend, (r) => reportMatch(r, m.report(m.z, "1"), "test", options));
    await expect(late).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/already completed/) });
    expect(await statuses(m.guildId, m.matchId)).toEqual({ match: "completed", lobby: "completed" });
  });
});
