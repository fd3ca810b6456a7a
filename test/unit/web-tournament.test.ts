/**
 * The tournament page rendered from hand-made views (no database, no service): what each phase
 * shows — the entrant list with numbers and check-in, the bracket with labels, the winner and the
 * reset, the Swiss tables with a bye, a dropped entrant and the tiebreaks in the format's order.
 */
import { describe, expect, it } from "vitest";
import type { Tournament, TournamentFormat } from "../../src/db/repository";
import type { BracketMatchView, EntrantRef, EntrantView, PairingResult, TournamentView } from "../../src/services/tournaments";
import { TournamentPage } from "../../src/web/tournament-pages";

const at = new Date("2026-11-01T18:00:00Z");
const audit = { createdAt: at, updatedAt: at, createdBy: null, updatedBy: null };
const names = ["Ada", "Bo", "Cy", "Di"];
const ref = (i: number, seeded = true): EntrantRef => ({ registrationId: `r${i}`, seq: i, seed: seeded ? i : null, name: names[i - 1] ?? `P${i}` });
const entrant = (i: number, status: EntrantView["status"], seeded = true): EntrantView => ({
  ...ref(i, seeded),
  playerId: `p${i}`,
  discordUserId: `${1000 + i}`,
  teamName: null,
  roster: [{ playerId: `p${i}`, discordUserId: `${1000 + i}`, name: names[i - 1] ?? `P${i}` }],
  status,
  late: false,
});

function view(kind: TournamentFormat["kind"], status: Tournament["status"], parts: Partial<TournamentView>): TournamentView {
  return {
    tournament: {
      id: "00000000-0000-4000-8000-000000000001",
      guildId: "1",
      ladderId: "l",
      formatId: "f",
      venueId: null,
      name: "Friday Cup",
      rated: true,
      status,
      startsAt: at,
      nextSeq: 5,
      topCut: null,
      teamSize: null,
      ...audit,
    },
    format: {
      id: "f",
      guildId: "1",
      name: "fmt",
      kind,
      rounds: 3,
      bestOf: 1,
      pointsWin: 1,
      pointsDraw: 0.5,
      pointsLoss: 0,
      pointsBye: 1,
      tiebreaks: ["buchholz"],
      ...audit,
    },
    venue: null,
    entrants: [1, 2, 3, 4].map((i) => entrant(i, "checked_in")),
    stages: [],
    rounds: [],
    standings: [],
    ...parts,
  };
}

/** The markup of the first element carrying `attr` up to its closing tag (`tr`, `li`). */
function element(html: string, attr: string, tag: string): string {
  const start = html.indexOf(attr);
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf(`</${tag}>`, start));
}

async function render(v: TournamentView): Promise<string> {
  return String(await TournamentPage({ guildId: "1", view: v }).toString());
}

/** A 4-entrant double elimination; `results` fills matches in order (A = slot 0 wins). */
function doubleBracket(results: Record<string, PairingResult>, resetSkipped: boolean): BracketMatchView[] {
  const [a, b, c, d] = [ref(1), ref(2), ref(3), ref(4)];
  const m = (
    id: string,
    side: BracketMatchView["side"],
    round: number,
    s0: EntrantRef | string,
    s1: EntrantRef | string,
    extra: Partial<BracketMatchView> = {},
  ): BracketMatchView => {
    const slot = (s: EntrantRef | string) => (typeof s === "string" ? { label: s, entrant: null } : { label: `Seed ${s.seed}`, entrant: s });
    const result = results[id] ?? null;
    const winner = result === "a" && typeof s0 !== "string" ? s0 : result === "b" && typeof s1 !== "string" ? s1 : null;
    return { id, side, round, slots: [slot(s0), slot(s1)], result, winner, pairingId: null, onlyIfReset: false, skipped: false, ...extra };
  };
  const done = results.GF1 !== undefined;
  return [
    m("W1-1", "winners", 1, a, d),
    m("W1-2", "winners", 1, b, c),
    m("W2-1", "winners", 2, results["W1-1"] ? a : "Winner of W1-1", results["W1-2"] ? b : "Winner of W1-2"),
    m("L1-1", "losers", 1, results["W1-1"] ? d : "Loser of W1-1", results["W1-2"] ? c : "Loser of W1-2"),
    m("L2-1", "losers", 2, results["L1-1"] ? c : "Winner of L1-1", results["W2-1"] ? b : "Loser of W2-1"),
    m("GF1", "final", 1, results["W2-1"] ? a : "Winner of W2-1", results["L2-1"] ? b : "Winner of L2-1"),
    m("GF2", "final", 2, done ? a : "Winner of GF1", done ? b : "Loser of GF1", { onlyIfReset: true, skipped: resetSkipped }),
  ];
}

describe("tournament page", () => {
  it("lists entrants by registration number with their check-in state before the start", async () => {
    const entrants = [entrant(2, "registered", false), entrant(1, "checked_in", false), entrant(3, "dropped", false)];
    const html = await render(view("swiss", "check_in", { entrants }));
    expect(html).toContain("<h1>Friday Cup</h1>");
    expect(html).toContain("Check-in open");
    // Rows in registration order, whatever order the view had.
    const seqs = [...html.matchAll(/<td class="num seq">(\d+)<\/td>/g)].map((x) => Number(x[1]));
    expect(seqs).toEqual([1, 2, 3]);
    expect(element(html, 'data-registration="r1"', "tr")).toContain(">Checked in<");
    expect(element(html, 'data-registration="r2"', "tr")).toContain(">Not checked in<");
    expect(element(html, 'data-registration="r3" class="dropped"', "tr")).toContain(">Dropped<");
    // 2 of 3 still in the field.
    expect(html).toMatch(/Entrants<\/span> <b>2<\/b>/);
    expect(html).not.toContain('class="bracket"');
  });

  it("shows the champion, the winner highlighted and a reset that was not needed", async () => {
    const results: Record<string, PairingResult> = { "W1-1": "a", "W1-2": "a", "W2-1": "a", "L1-1": "b", "L2-1": "b", GF1: "a" };
    const bracket = doubleBracket(results, true);
    const stage = { number: 1, kind: "double_elimination" as const, status: "finished" as const, plannedRounds: null, bracket, standings: [] };
    const html = await render(view("double_elimination", "finished", { stages: [stage] }));
    expect(element(html, 'class="champion" data-champion="r1"', "p")).toContain("<b>Ada</b>");
    expect(html).toContain("Reset not needed");
    expect(html).toMatch(/<li class="match skipped" data-match="GF2"/);
    // In W1-2 Bo beat Cy: Bo's slot is the winner's, Cy's the loser's.
    const w12 = element(html, 'data-match="W1-2"', "li");
    expect(w12).toMatch(/class="slot won" data-registration="r2"/);
    expect(w12).toMatch(/class="slot lost" data-registration="r3"/);
    expect(w12).toContain('aria-label="W1-2: Bo vs Cy, Bo won"');
    for (const side of ["Winners bracket", "Losers bracket", "Grand final"]) expect(html).toContain(`<h3>${side}</h3>`);
  });

  it("labels the slots still to be filled and names no champion while the final is open", async () => {
    const bracket = doubleBracket({ "W1-1": "a" }, false);
    const stage = { number: 1, kind: "double_elimination" as const, status: "running" as const, plannedRounds: null, bracket, standings: [] };
    const html = await render(view("double_elimination", "running", { stages: [stage] }));
    expect(html).not.toContain('class="champion"');
    expect(html).toMatch(/class="slot tbd"><span class="who" title="Winner of W1-2">Winner of W1-2/);
    expect(html).toContain("A reset game is played if the losers-bracket champion wins");
  });

  it("shows a played reset and its winner as champion", async () => {
    const results: Record<string, PairingResult> = { "W1-1": "a", "W1-2": "a", "W2-1": "a", "L1-1": "b", "L2-1": "b", GF1: "b", GF2: "b" };
    const stage = {
      number: 1,
      kind: "double_elimination" as const,
      status: "finished" as const,
      plannedRounds: null,
      bracket: doubleBracket(results, false),
      standings: [],
    };
    const html = await render(view("double_elimination", "finished", { stages: [stage] }));
    expect(html).toMatch(/data-champion="r2"/);
    expect(html).toContain("The grand final was reset");
  });

  it("shows Swiss standings with the tiebreaks in the format's order, a bye and a dropped entrant", async () => {
    const base = view("swiss", "running", {});
    const format = { ...base.format, tiebreaks: ["sonneborn-berger", "buchholz"] as TournamentFormat["tiebreaks"] };
    const entrants = [entrant(1, "checked_in"), entrant(2, "checked_in"), entrant(3, "dropped")];
    const round = {
      stage: 1,
      number: 1,
      status: "finished" as const,
      pairings: [
        { id: "g1", station: 1, table: null, slot: null, a: ref(1), b: ref(3), result: "b" as const, matchId: null },
        { id: "g2", station: 2, table: null, slot: null, a: ref(2), b: null, result: "a" as const, matchId: null },
      ],
    };
    const row = (i: number, rank: number, pts: number, w: number, l: number, byes: number, dropped: boolean) => ({
      rank,
      entrant: ref(i),
      points: pts,
      played: 1,
      wins: w,
      draws: 0,
      losses: l,
      byes,
      tiebreaks: { buchholz: 0.5 * i, "sonneborn-berger": i },
      dropped,
    });
    const standings = [row(3, 1, 1, 1, 0, 0, true), row(2, 2, 1, 0, 0, 1, false), row(1, 3, 0, 0, 1, 0, false)];
    const stages = [{ number: 1, kind: "swiss" as const, status: "running" as const, plannedRounds: 3, bracket: null, standings }];
    const html = await render({ ...base, format, entrants, rounds: [round], stages, standings });
    const heads = [...html.matchAll(/data-tiebreak="([a-z-]+)"/g)].map((x) => x[1]);
    expect(heads).toEqual(["sonneborn-berger", "buchholz"]);
    expect(html).toContain("Ties are broken by Sonneborn–Berger, then Buchholz, then seed.");
    expect(html).toMatch(/<tr data-registration="r3" class="dropped"><td class="num rank">1<\/td>/);
    expect(element(html, 'data-pairing="g2"', "tr")).toContain('<td class="result">bye</td>');
    // The service stores a bye as a win for a; the page shows it as a bye, not a win over nobody.
    expect(element(html, 'data-pairing="g2"', "tr")).not.toContain('class="won"');
    expect(element(html, 'data-pairing="g1"', "tr")).toContain('<td class="result">0–1</td><td class="name b"><span class="won">Cy');
    expect(html).toContain("round 1 of 3");
    // Cy's tiebreaks: Sonneborn–Berger 3, Buchholz 1½, in that order.
    expect(element(html, '<tr data-registration="r3"', "tr")).toContain('<td class="num tiebreak">3</td><td class="num tiebreak">1½</td>');
  });

  it("shows a top cut as both: the playoff bracket first, then the Swiss standings and rounds", async () => {
    const base = view("swiss", "running", {});
    const semis = (id: string, a: EntrantRef, b: EntrantRef): BracketMatchView => ({
      id,
      side: "winners",
      round: 1,
      slots: [
        { label: `Seed ${a.seed}`, entrant: a },
        { label: `Seed ${b.seed}`, entrant: b },
      ],
      result: "a",
      winner: a,
      pairingId: null,
      onlyIfReset: false,
      skipped: false,
    });
    const final: BracketMatchView = {
      id: "W2-1",
      side: "winners",
      round: 2,
      slots: [
        { label: "Winner of W1-1", entrant: ref(1) },
        { label: "Winner of W1-2", entrant: ref(2) },
      ],
      result: null,
      winner: null,
      pairingId: null,
      onlyIfReset: false,
      skipped: false,
    };
    const row = (i: number, rank: number, points: number, wins: number, buchholz: number | null) => ({
      rank,
      entrant: ref(i),
      points,
      played: 1,
      wins,
      draws: 0,
      losses: 1 - wins,
      byes: 0,
      tiebreaks: buchholz === null ? {} : { buchholz },
      dropped: false,
    });
    // Swiss round 1 (the rounds below): Di beats Ada, Cy beats Bo. Cy and Di tie on points and
    // Buchholz (0 each): Cy by seed; Ada and Bo (Buchholz 1 each) likewise.
    const swissTable = [row(3, 1, 1, 1, 0), row(4, 2, 1, 1, 0), row(1, 3, 0, 0, 1), row(2, 4, 0, 0, 1)];
    // The playoff's placements (both semi-final winners still in): the view's own standings.
    const standings = [row(1, 1, 1, 1, null), row(2, 2, 1, 1, null), row(4, 3, 0, 0, null), row(3, 3, 0, 0, null)];
    const stages = [
      { number: 1, kind: "swiss" as const, status: "finished" as const, plannedRounds: 3, bracket: null, standings: swissTable },
      {
        number: 2,
        kind: "single_elimination" as const,
        status: "running" as const,
        plannedRounds: null,
        bracket: [semis("W1-1", ref(1), ref(4)), semis("W1-2", ref(2), ref(3)), final],
        standings,
      },
    ];
    const game = (id: string, a: number, b: number, result: "a" | "b") => ({
      id,
      station: a,
      table: null,
      slot: null,
      a: ref(a),
      b: ref(b),
      result,
      matchId: null,
    });
    const rounds = [{ stage: 1, number: 1, status: "finished" as const, pairings: [game("s1", 1, 4, "b"), game("s2", 2, 3, "b")] }];
    const html = await render({ ...base, stages, standings, rounds });
    const playoff = html.indexOf("<h2>Stage 2: Single elimination</h2>");
    const swiss = html.indexOf("<h2>Stage 1: Swiss</h2>");
    expect(playoff).toBeGreaterThan(-1);
    expect(swiss).toBeGreaterThan(playoff);
    const table = html.slice(html.indexOf('<section class="standings"'));
    expect(html.indexOf('<section class="standings"')).toBeGreaterThan(swiss);
    const order = [...table.matchAll(/<tr data-registration="(r\d)"/g)].map((m) => m[1]);
    expect(order.slice(0, 4)).toEqual(["r3", "r4", "r1", "r2"]);
    expect(element(table, '<tr data-registration="r3"', "tr")).toContain('<td class="num points">1</td>');
    expect(html).toContain("<h4>Semifinals</h4>");
    expect(html).toContain("<h4>Final</h4>");
    expect(html).not.toContain('class="champion"');
    expect(html).toContain("then single elimination");
  });
});
