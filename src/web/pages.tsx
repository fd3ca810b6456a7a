/** The leaderboard and player pages, rendered on the server from the same reads the API uses. */
import type { Ladder, LeaderboardEntry } from "../db/repository";
import type { PlayerStats } from "../domain/stats";
import type { Profile } from "../routes/v1/profile";
import { RatingChart, Sparkline } from "./charts";
import { Layout } from "./layout";

const pct = (x: number | null) => (x === null ? "—" : `${Math.round(x * 100)}%`);

export interface BoardView {
  guildId: string;
  ladder: Ladder;
  ladders: Array<{ slug: string; name: string }>;
  entries: Array<LeaderboardEntry & { shownDeviation: number }>;
  recent: Map<string, number[]>;
  nextCursor: string | null;
  all: boolean;
}

export function LeaderboardPage(v: BoardView) {
  const base = `/g/${v.guildId}`;
  const q = (extra: string) => `?ladder=${encodeURIComponent(v.ladder.slug)}${v.all ? "&all=1" : ""}${extra}`;
  return (
    <Layout title={`${v.ladder.name} leaderboard`}>
      <h1>{v.ladder.name} leaderboard</h1>
      <p class="muted">
        Season {v.ladder.season} ·{" "}
        {v.all ? <a href={`${base}?ladder=${v.ladder.slug}`}>hide provisional players</a> : <a href={`${base}${q("&all=1")}`}>show provisional players</a>} ·{" "}
        <a href={`${base}/tournaments`}>Tournaments</a>
      </p>
      {v.ladders.length > 1 && (
        <nav class="ladders">
          {v.ladders.map((l) => (
            <a class={l.slug === v.ladder.slug ? "on" : ""} href={`${base}?ladder=${encodeURIComponent(l.slug)}`}>
              {l.name}
            </a>
          ))}
        </nav>
      )}
      {v.entries.length === 0 ? (
        <p class="muted">Nobody is ranked in this ladder yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th class="num">#</th>
              <th>Player</th>
              <th class="num">Rating</th>
              <th class="num hide-sm">W-L-D</th>
              <th>Trend</th>
            </tr>
          </thead>
          <tbody>
            {v.entries.map((e) => (
              <tr data-player={e.playerId}>
                <td class="num rank">{e.rank}</td>
                <td class="name">
                  <a href={`${base}/p/${e.playerId}?ladder=${encodeURIComponent(v.ladder.slug)}`}>{e.displayName}</a>
                </td>
                <td class="num rating">
                  {Math.round(e.rating)} <span class="muted">± {Math.round(e.shownDeviation)}</span>
                </td>
                <td class="num hide-sm">
                  {e.wins}-{e.losses}-{e.draws}
                </td>
                <td>
                  <Sparkline values={v.recent.get(e.playerId) ?? []} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {v.nextCursor && (
        <p>
          <a rel="next" href={`${base}${q(`&cursor=${encodeURIComponent(v.nextCursor)}`)}`}>
            Next page →
          </a>
        </p>
      )}
    </Layout>
  );
}

export function PlayerPage({ guildId, profile, stats }: { guildId: string; profile: Profile; stats: PlayerStats }) {
  const s = profile.standing;
  return (
    <Layout title={`${profile.player.displayName} · rating`}>
      <p>
        <a href={`/g/${guildId}?ladder=${encodeURIComponent(profile.ladder)}`}>← Leaderboard</a>
      </p>
      <h1>{profile.player.displayName}</h1>
      <div class="cards">
        <div class="card">
          <span class="muted">Rating</span>
          <b>{s ? `${Math.round(s.rating)} ± ${Math.round(s.deviation)}` : "unrated"}</b>
        </div>
        <div class="card">
          <span class="muted">Record</span>
          <b>{s ? `${s.wins}-${s.losses}-${s.draws}` : "—"}</b>
        </div>
        <div class="card">
          <span class="muted">Win rate</span>
          <b>{pct(stats.winRate)}</b>
        </div>
        <div class="card">
          <span class="muted">Streak</span>
          <b>{stats.currentStreak ? `${stats.currentStreak.length} ${stats.currentStreak.result}` : "—"}</b>
        </div>
      </div>
      <h2>Rating history</h2>
      <RatingChart points={profile.ratingHistory} />
      <h2>
        Form <span class="muted">(newest first)</span>
      </h2>
      <p class="form">{stats.form.length === 0 ? "—" : stats.form.map((r) => <span class={r}>{r[0]?.toUpperCase()}</span>)}</p>
      <p class="muted">Longest win streak {stats.longestWinStreak}</p>
      <Pairs title="Most frequent teammates" pairs={stats.teammates} />
      <Pairs title="Most frequent opponents" pairs={stats.opponents} />
    </Layout>
  );
}

function Pairs({ title, pairs }: { title: string; pairs: PlayerStats["teammates"] }) {
  if (pairs.length === 0) return null;
  return (
    <>
      <h2>{title}</h2>
      <table>
        <tbody>
          {pairs.map((p) => (
            <tr>
              <td class="name">{p.displayName}</td>
              <td class="num">{p.games} games</td>
              <td class="num">{pct(p.winRate)} won</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function ErrorPage({ status, message }: { status: number; message: string }) {
  return (
    <Layout title={`${status}`}>
      <h1>{status === 404 ? "Not found" : "Something went wrong"}</h1>
      <p class="muted">{message}</p>
    </Layout>
  );
}
