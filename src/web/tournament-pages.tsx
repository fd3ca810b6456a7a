/**
 * The public tournament pages: a guild's tournaments, and one tournament — entrants while people
 * register and check in; then, stage by stage (the latest first, as that is where play is), the
 * bracket of an elimination stage or the standings and round-by-round pairings of a Swiss or
 * round-robin stage.
 */
import type { Tournament } from "../db/repository";
import type { StageView, TournamentView } from "../services/tournaments";
import { Layout } from "./layout";
import { Bracket } from "./tournament-bracket";
import { formatDate, isElimination, KIND_LABELS, points, STATUS_LABELS, TOURNAMENT_CSS } from "./tournament-labels";
import { EntrantsTable, RoundPairings, StandingsTable } from "./tournament-tables";

const BEFORE_START: ReadonlySet<Tournament["status"]> = new Set(["draft", "registration", "check_in"]);

function Nav({ guildId, list }: { guildId: string; list: boolean }) {
  return (
    <nav class="ladders" aria-label="Site">
      <a href={`/g/${guildId}`}>Leaderboard</a>
      <a href={`/g/${guildId}/tournaments`} class={list ? "on" : undefined} aria-current={list ? "page" : undefined}>
        Tournaments
      </a>
    </nav>
  );
}

export function TournamentListPage({ guildId, tournaments }: { guildId: string; tournaments: Tournament[] }) {
  return (
    <Layout title="Tournaments" css={TOURNAMENT_CSS}>
      <Nav guildId={guildId} list={true} />
      <h1>Tournaments</h1>
      {tournaments.length === 0 ? (
        <p class="muted">No tournaments yet.</p>
      ) : (
        <div class="scroll">
          <table class="tournaments">
            <thead>
              <tr>
                <th scope="col">Tournament</th>
                <th scope="col">Status</th>
                <th scope="col" class="hide-sm">
                  Starts
                </th>
              </tr>
            </thead>
            <tbody>
              {tournaments.map((t) => (
                <tr data-tournament={t.id}>
                  <td class="name">
                    <a href={`/g/${guildId}/tournaments/${t.id}`}>{t.name}</a>
                  </td>
                  <td class="status">{STATUS_LABELS[t.status]}</td>
                  <td class="hide-sm muted">{t.startsAt ? formatDate(t.startsAt) : "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

/** "Swiss, 3 rounds", "Double elimination, best of 3". */
function formatLine(v: TournamentView): string {
  const f = v.format;
  const parts = [KIND_LABELS[f.kind]];
  const planned = v.stages[0]?.plannedRounds ?? f.rounds;
  if (!isElimination(f.kind) && planned) parts.push(`${planned} rounds`);
  if (f.bestOf > 1) parts.push(`best of ${f.bestOf}`);
  return parts.join(", ");
}

/** Where play stands: "round 2 of 3" while a Swiss or round-robin stage runs. */
function progress(v: TournamentView): string | null {
  if (v.tournament.status !== "running") return null;
  const stage = [...v.stages].reverse().find((s) => s.status !== "pending");
  if (!stage || isElimination(stage.kind)) return null;
  const played = v.rounds.filter((r) => r.stage === stage.number);
  const current = played[played.length - 1];
  if (!current) return null;
  return `round ${current.number}${stage.plannedRounds ? ` of ${stage.plannedRounds}` : ""}`;
}

function Facts({ v }: { v: TournamentView }) {
  const f = v.format;
  const inField = v.entrants.filter((e) => e.status !== "dropped").length;
  const now = progress(v);
  return (
    <ul class="facts" aria-label="About this tournament">
      <li class="status">
        <span class="muted">Status</span> <b>{STATUS_LABELS[v.tournament.status]}</b>
        {now && <span class="muted"> · {now}</span>}
      </li>
      <li class="format">
        <span class="muted">Format</span> <b>{formatLine(v)}</b>
        {v.stages.length > 1 && (
          <span class="muted">
            {" "}
            then{" "}
            {v.stages
              .slice(1)
              .map((s) => KIND_LABELS[s.kind].toLowerCase())
              .join(", ")}
          </span>
        )}
      </li>
      <li class="entrant-count">
        <span class="muted">{v.tournament.teamSize ? "Teams" : "Entrants"}</span> <b>{inField}</b>
        {v.tournament.teamSize && <span class="muted"> of {v.tournament.teamSize} players</span>}
      </li>
      {v.tournament.topCut && (
        <li class="top-cut">
          <span class="muted">Playoff</span> <b>top {v.tournament.topCut}</b>
        </li>
      )}
      {v.venue && (
        <li class="venue">
          <span class="muted">Venue</span> <b>{v.venue.name}</b> <span class="muted">({v.venue.stations} tables)</span>
        </li>
      )}
      {!isElimination(f.kind) && (
        <li class="scoring">
          <span class="muted">Points</span> win {points(f.pointsWin)} · draw {points(f.pointsDraw)} · loss {points(f.pointsLoss)} · bye {points(f.pointsBye)}
        </li>
      )}
      {v.tournament.startsAt && (
        <li>
          <span class="muted">Starts</span> {formatDate(v.tournament.startsAt)}
        </li>
      )}
      <li class="muted">{v.tournament.rated ? "Rated" : "Unrated"}</li>
    </ul>
  );
}

function Stage({ v, stage, dropped }: { v: TournamentView; stage: StageView; dropped: Set<string> }) {
  // One stage needs no stage heading (its standings and rounds are the page's sections); several get one each.
  const several = v.stages.length > 1;
  const title = several ? `Stage ${stage.number}: ${KIND_LABELS[stage.kind]}` : isElimination(stage.kind) ? "Bracket" : "Rounds";
  const rounds = v.rounds.filter((r) => r.stage === stage.number);
  // Each stage is ranked from its own games: a Swiss table before a top cut stays as it ended.
  const table = stage.standings;
  const last = v.stages[v.stages.length - 1]?.number === stage.number;
  const placings = last && v.tournament.status === "finished" && table.length > 0;
  return (
    <section class={`stage ${stage.kind}`} data-stage={stage.number} aria-label={title}>
      {(several || stage.bracket) && <h2>{title}</h2>}
      {stage.status === "pending" && <p class="muted">Not started yet.</p>}
      {stage.bracket ? (
        <>
          <Bracket bracket={stage.bracket} pairings={rounds.flatMap((r) => r.pairings)} label={title} seeds={stage.number === 1} />
          {placings && <StandingsTable standings={table} tiebreaks={[]} title="Placings" sub={several} />}
        </>
      ) : (
        <>
          {table.length > 0 && <StandingsTable standings={table} tiebreaks={v.format.tiebreaks} title="Standings" sub={several} />}
          {!several && rounds.length > 0 && <h2>Rounds</h2>}
          {[...rounds].reverse().map((r) => (
            <RoundPairings round={r} tables={v.venue !== null} dropped={dropped} stageLabel="" />
          ))}
        </>
      )}
    </section>
  );
}

export function TournamentPage({ guildId, view: v }: { guildId: string; view: TournamentView }) {
  const t = v.tournament;
  const before = BEFORE_START.has(t.status);
  const dropped = new Set(v.entrants.filter((e) => e.status === "dropped").map((e) => e.registrationId));
  const checkIn = t.status === "check_in" || v.entrants.some((e) => e.status === "checked_in");
  return (
    <Layout title={`${t.name} · tournament`} css={TOURNAMENT_CSS}>
      <Nav guildId={guildId} list={false} />
      <h1>{t.name}</h1>
      <Facts v={v} />
      {before ? (
        <section aria-label="Entrants">
          <h2>Entrants</h2>
          {t.status === "check_in" && <p class="muted">Check-in is open: entrants who do not check in are left out when play starts.</p>}
          <EntrantsTable entrants={v.entrants} checkIn={checkIn} seeded={false} />
        </section>
      ) : (
        <>
          {[...v.stages].reverse().map((s) => (
            <Stage v={v} stage={s} dropped={dropped} />
          ))}
          <details class="entrant-list">
            <summary>
              <h2 style="display:inline">Entrants</h2>
            </summary>
            <EntrantsTable entrants={v.entrants} checkIn={checkIn} seeded={true} />
          </details>
        </>
      )}
    </Layout>
  );
}
