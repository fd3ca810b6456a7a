/**
 * Player and ladder statistics, pure: computed from rows the repository read in one round trip.
 * Win rates count draws as half a win (the rating model's score), so a 1-1-1 record is 50%.
 */

export type GameResult = "win" | "loss" | "draw";

export interface Game {
  matchId: string;
  team: number;
  result: GameResult;
}

export interface CoPlayer {
  matchId: string;
  playerId: string;
  displayName: string;
  team: number;
}

export interface Record3 {
  games: number;
  wins: number;
  losses: number;
  draws: number;
  /** (wins + draws / 2) / games; null without games. */
  winRate: number | null;
}

export interface PairStats extends Record3 {
  playerId: string;
  displayName: string;
}

export interface PlayerStats extends Record3 {
  currentStreak: { result: GameResult; length: number } | null;
  longestWinStreak: number;
  longestLossStreak: number;
  /** The last (up to) ten results, newest first. */
  form: GameResult[];
  teammates: PairStats[];
  opponents: PairStats[];
  /** With `vs`: this player's record in games against that player, and with them. */
  headToHead?: { against: PairStats | null; together: PairStats | null };
}

function record(results: GameResult[]): Record3 {
  const wins = results.filter((r) => r === "win").length;
  const losses = results.filter((r) => r === "loss").length;
  const draws = results.length - wins - losses;
  return { games: results.length, wins, losses, draws, winRate: results.length ? (wins + draws / 2) / results.length : null };
}

function longest(results: GameResult[], kind: GameResult): number {
  let best = 0;
  let run = 0;
  for (const r of results) {
    run = r === kind ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}

/** `games` newest first; `others` are everyone else in those games. */
export function playerStats(games: Game[], others: CoPlayer[], options: { top?: number; vs?: string } = {}): PlayerStats {
  const top = options.top ?? 5;
  const results = games.map((g) => g.result);
  const first = results[0];
  let streak = 0;
  while (first && results[streak] === first) streak++;
  const byMatch = new Map(games.map((g) => [g.matchId, g]));
  const mates = new Map<string, { name: string; results: GameResult[] }>();
  const opps = new Map<string, { name: string; results: GameResult[] }>();
  for (const o of others) {
    const game = byMatch.get(o.matchId);
    if (!game) continue;
    const into = o.team === game.team ? mates : opps;
    const entry = into.get(o.playerId) ?? { name: o.displayName, results: [] };
    entry.results.push(game.result);
    into.set(o.playerId, entry);
  }
  const pairs = (from: Map<string, { name: string; results: GameResult[] }>) =>
    [...from.entries()].map(([playerId, e]) => ({ playerId, displayName: e.name, ...record(e.results) }));
  const rank = (list: PairStats[]) =>
    list.sort((a, b) => b.games - a.games || (b.winRate ?? 0) - (a.winRate ?? 0) || (a.playerId < b.playerId ? -1 : 1)).slice(0, top);
  const stats: PlayerStats = {
    ...record(results),
    currentStreak: first ? { result: first, length: streak } : null,
    longestWinStreak: longest(results, "win"),
    longestLossStreak: longest(results, "loss"),
    form: results.slice(0, 10),
    teammates: rank(pairs(mates)),
    opponents: rank(pairs(opps)),
  };
  if (options.vs) {
    const vs = options.vs;
    stats.headToHead = {
      against: pairs(opps).find((p) => p.playerId === vs) ?? null,
      together: pairs(mates).find((p) => p.playerId === vs) ?? null,
    };
  }
  return stats;
}

export interface LadderStats {
  days: number;
  matchesPerDay: Array<{ date: string; matches: number }>;
  activePlayers: { last7Days: number; last30Days: number; rated: number };
  ratingHistogram: { binWidth: number; bins: Array<{ from: number; to: number; players: number }> };
}

const DAY = 86_400_000;

/** Matches per UTC day over the last `days` days (zeros included), activity and a rating histogram. */
export function ladderStats(
  matchTimes: Date[],
  players: Array<{ rating: number; lastPlayedAt: Date | null }>,
  now: Date,
  options: { days?: number; binWidth?: number } = {},
): LadderStats {
  const days = options.days ?? 30;
  const binWidth = options.binWidth ?? 50;
  const today = Math.floor(now.getTime() / DAY);
  const counts = new Array<number>(days).fill(0);
  for (const t of matchTimes) {
    const index = days - 1 - (today - Math.floor(t.getTime() / DAY));
    if (index >= 0 && index < days) counts[index] = (counts[index] ?? 0) + 1;
  }
  const matchesPerDay = counts.map((matches, i) => ({ date: new Date((today - (days - 1) + i) * DAY).toISOString().slice(0, 10), matches }));
  const activeSince = (d: number) => players.filter((p) => p.lastPlayedAt && now.getTime() - p.lastPlayedAt.getTime() <= d * DAY).length;
  const bins = new Map<number, number>();
  for (const p of players) {
    const from = Math.floor(p.rating / binWidth) * binWidth;
    bins.set(from, (bins.get(from) ?? 0) + 1);
  }
  const keys = [...bins.keys()].sort((a, b) => a - b);
  const histogram: Array<{ from: number; to: number; players: number }> = [];
  const lo = keys[0];
  const hi = keys.at(-1);
  if (lo !== undefined && hi !== undefined) {
    for (let from = lo; from <= hi; from += binWidth) histogram.push({ from, to: from + binWidth, players: bins.get(from) ?? 0 });
  }
  return {
    days,
    matchesPerDay,
    activePlayers: { last7Days: activeSince(7), last30Days: activeSince(30), rated: players.length },
    ratingHistogram: { binWidth, bins: histogram },
  };
}
