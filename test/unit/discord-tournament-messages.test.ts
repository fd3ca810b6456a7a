/**
 * Tournament messages as Discord will show them: boards with tables, byes and scores, markdown in
 * names shown as typed, Discord's 4096-character embed limit on a 300-board Swiss round, and the
 * member's own standings row below the top.
 */
import { describe, expect, it } from "vitest";
import type { EntrantView, PairingView, RoundView, StandingView, TournamentView } from "../../src/services/tournaments";
import { pairingsMessage, standingsMessage } from "../../src/discord/tournament-messages";

/** 18-digit snowflakes as text (as numbers they would lose digits). */
const uid = (i: number) => `10000000000000${String(i).padStart(4, "0")}`;

const entrant = (i: number, name = `player${i}`): EntrantView => ({
  registrationId: `r${i}`,
  seq: i,
  seed: i,
  name,
  playerId: `p${i}`,
  discordUserId: uid(i),
  teamName: null,
  roster: [{ playerId: `p${i}`, discordUserId: uid(i), name }],
  status: "registered",
  late: false,
});

const ref = (e: EntrantView) => ({ registrationId: e.registrationId, seq: e.seq, seed: e.seed, name: e.name });

function viewOf(entrants: EntrantView[], pairings: PairingView[], standings: StandingView[] = []): { view: TournamentView; round: RoundView } {
  const round: RoundView = { stage: 1, number: 1, status: "running", pairings };
  const view = {
    tournament: { name: "Open", status: "running" },
    entrants,
    stages: [{ number: 1, kind: "swiss", status: "running", plannedRounds: 5, bracket: null }],
    rounds: [round],
    standings,
  } as unknown as TournamentView;
  return { view, round };
}

const game = (station: number, a: EntrantView, b: EntrantView | null, result: PairingView["result"], table: number | null = null): PairingView => ({
  id: `g${station}`,
  station,
  table,
  slot: null,
  a: ref(a),
  b: b ? ref(b) : null,
  result,
  matchId: null,
});

describe("pairings message", () => {
  it("shows boards, tables, scores, byes and the member's own game first", () => {
    const [e1, e2, e3, e4, e5] = [1, 2, 3, 4, 5].map((i) => entrant(i, i === 2 ? "*star*_x" : `player${i}`)) as [
      EntrantView,
      EntrantView,
      EntrantView,
      EntrantView,
      EntrantView,
    ];
    const { view, round } = viewOf([e1, e2, e3, e4, e5], [game(1, e1, e2, "b", 7), game(2, e3, e4, null), game(3, e5, null, "a")]);
    const embed = pairingsMessage(view, round, { own: "r4" }).embeds?.[0];
    expect(embed?.title).toBe("Open · round 1");
    expect(embed?.description).toBe(
      [
        "Your game: Board 2: **player3** <@100000000000000003> **vs** **player4** <@100000000000000004> · *to play*",
        "",
        "Board 1 · table 7: **player1** <@100000000000000001> **0–1** **\\*star\\*\\_x** <@100000000000000002>",
        "Board 2: **player3** <@100000000000000003> **vs** **player4** <@100000000000000004> · *to play*",
        "Board 3: **player5** <@100000000000000005> has a bye",
      ].join("\n"),
    );
    expect(embed?.footer?.text).toBe("2/3 results in · round running");
  });

  it("keeps a 300-board round within Discord's embed limit and says how many boards are left out", () => {
    const entrants = Array.from({ length: 600 }, (_, i) => entrant(i + 1));
    const pairings = Array.from({ length: 300 }, (_, i) => game(i + 1, entrants[2 * i] as EntrantView, entrants[2 * i + 1] as EntrantView, "draw"));
    const { view, round } = viewOf(entrants, pairings);
    const description = pairingsMessage(view, round).embeds?.[0]?.description ?? "";
    expect(description.length).toBeLessThanOrEqual(4096);
    const shown = description.split("\n").filter((l) => l.startsWith("Board ")).length;
    expect(shown).toBeGreaterThan(20);
    expect(description.endsWith(`… and ${300 - shown} more boards`)).toBe(true);
  });
});

describe("standings message", () => {
  const row = (e: EntrantView, rank: number, points: number): StandingView => ({
    rank,
    entrant: ref(e),
    points,
    played: 2,
    wins: 1,
    draws: 0,
    losses: 1,
    byes: rank === 1 ? 1 : 0,
    tiebreaks: { buchholz: 2.5 },
    dropped: rank === 20,
  });

  it("shows the top 15 and the member's own row below them", () => {
    const entrants = Array.from({ length: 20 }, (_, i) => entrant(i + 1));
    const standings = entrants.map((e, i) => row(e, i + 1, (20 - i) / 2));
    const { view } = viewOf(entrants, [], standings);
    const lines = (standingsMessage(view, "r20").embeds?.[0]?.description ?? "").split("\n");
    expect(lines).toHaveLength(17);
    expect(lines[0]).toBe("**1.** **player1** <@100000000000000001> — 10 pts · 1W 0D 1L (1 bye) · Bh 2.5");
    expect(lines[15]).toBe("…");
    expect(lines[16]).toBe("**20.** **player20** <@100000000000000020> — 0.5 pts · 1W 0D 1L · Bh 2.5 · *dropped*");
    // A member within the top sees no extra row.
    expect((standingsMessage(view, "r3").embeds?.[0]?.description ?? "").split("\n")).toHaveLength(15);
  });
});
