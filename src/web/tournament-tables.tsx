/**
 * The tournament page's tables: entrants (registration and check-in), one round's pairings, and
 * the standings with the tiebreaks in the format's order. Each table scrolls inside itself on a
 * narrow screen instead of widening the page.
 */
import type { Tiebreak } from "../domain/tournament";
import type { EntrantRef, EntrantView, PairingView, RoundView, StandingView } from "../services/tournaments";
import { points, resultText, TIEBREAK_LABELS, winnerOf } from "./tournament-labels";

const PHASE_LABELS: Record<RoundView["status"], string> = { pending: "not started", running: "in progress", finished: "finished" };

const ENTRANT_STATUS: Record<EntrantView["status"], { text: string; class: string }> = {
  registered: { text: "Registered", class: "badge" },
  checked_in: { text: "Checked in", class: "badge on" },
  dropped: { text: "Dropped", class: "badge off" },
};

function Dropped({ on }: { on: boolean }) {
  return on ? <span class="badge off">dropped</span> : null;
}

export function EntrantsTable({ entrants, checkIn, seeded }: { entrants: EntrantView[]; checkIn: boolean; seeded: boolean }) {
  if (entrants.length === 0) return <p class="muted">Nobody has registered yet.</p>;
  const sorted = [...entrants].sort((a, b) => a.seq - b.seq);
  const teams = entrants.some((e) => e.teamName !== null);
  return (
    <div class="scroll">
      <table class="entrants">
        <caption class="muted" style="text-align:left">
          {entrants.filter((e) => e.status !== "dropped").length} registered
          {checkIn ? `, ${entrants.filter((e) => e.status === "checked_in").length} checked in` : ""}
        </caption>
        <thead>
          <tr>
            <th class="num" scope="col">
              <abbr title="Registration number">No.</abbr>
            </th>
            <th scope="col">{teams ? "Team" : "Player"}</th>
            {seeded && (
              <th class="num" scope="col">
                Seed
              </th>
            )}
            <th scope="col">{checkIn ? "Check-in" : "Status"}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((e) => {
            const status = ENTRANT_STATUS[e.status];
            return (
              <tr data-registration={e.registrationId} class={e.status === "dropped" ? "dropped" : undefined}>
                <td class="num seq">{e.seq}</td>
                <td class="name">
                  {e.name}
                  {e.late && <span class="badge">late entry</span>}
                  {teams && e.roster.length > 0 && <div class="muted">{e.roster.map((m) => m.name).join(", ")}</div>}
                </td>
                {seeded && <td class="num">{e.seed ?? "–"}</td>}
                <td class="state">
                  <span class={status.class}>{checkIn && e.status === "registered" ? "Not checked in" : status.text}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Name({ who, won, dropped }: { who: EntrantRef; won: boolean; dropped: Set<string> }) {
  return (
    <span class={won ? "won" : undefined}>
      {who.name}
      <Dropped on={dropped.has(who.registrationId)} />
    </span>
  );
}

function PairingRow({ p, tables, dropped }: { p: PairingView; tables: boolean; dropped: Set<string> }) {
  // A bye is nobody's win over anybody, and is played at no table.
  const winner = p.b === null ? null : winnerOf(p.result, p.a, p.b);
  return (
    <tr data-pairing={p.id}>
      <td class="num board">{p.station}</td>
      {tables && <td class="num">{p.b === null ? "–" : (p.table ?? "–")}</td>}
      <td class="name a">
        <Name who={p.a} won={winner !== null && winner === p.a} dropped={dropped} />
      </td>
      <td class="result">{p.b === null ? "bye" : resultText(p.result)}</td>
      <td class="name b">{p.b === null ? <span class="muted">—</span> : <Name who={p.b} won={winner !== null && winner === p.b} dropped={dropped} />}</td>
    </tr>
  );
}

/** One round: board, table (with a venue), both entrants and the result; a bye has no opponent. */
export function RoundPairings({ round, tables, dropped, stageLabel }: { round: RoundView; tables: boolean; dropped: Set<string>; stageLabel: string }) {
  const heading = `${stageLabel}Round ${round.number}`;
  const byStation = [...round.pairings].sort((a, b) => a.station - b.station);
  return (
    <section class="round-pairings" data-round={round.number} data-stage={round.stage} aria-label={heading}>
      <h3>
        {heading} <span class="muted">· {PHASE_LABELS[round.status]}</span>
      </h3>
      <div class="scroll">
        <table class="pairings">
          <colgroup>
            <col class="n" />
            {tables && <col class="n" />}
            <col />
            <col class="r" />
            <col />
          </colgroup>
          <thead>
            <tr>
              <th class="num" scope="col">
                <abbr title="Board">Bd</abbr>
              </th>
              {tables && (
                <th class="num" scope="col">
                  <abbr title="Table">Tbl</abbr>
                </th>
              )}
              <th scope="col">Player</th>
              <th scope="col">Result</th>
              <th scope="col">Opponent</th>
            </tr>
          </thead>
          <tbody>
            {byStation.map((p) => (
              <PairingRow p={p} tables={tables} dropped={dropped} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Points, the record and each tiebreak in the order the format applies them. */
export function StandingsTable({
  standings,
  tiebreaks,
  title,
  sub,
}: {
  standings: StandingView[];
  tiebreaks: readonly Tiebreak[];
  title: string;
  sub?: boolean;
}) {
  // A tiebreak without a number (head-to-head only orders a tied group) is named, not given a column.
  const columns = tiebreaks.filter((t) => standings.some((s) => s.tiebreaks[t] !== undefined));
  return (
    <section class="standings" aria-label={title}>
      {sub ? <h3>{title}</h3> : <h2>{title}</h2>}
      {tiebreaks.length > 0 && <p class="muted">Ties are broken by {tiebreaks.map((t) => TIEBREAK_LABELS[t]).join(", then ")}, then seed.</p>}
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th class="num" scope="col">
                #
              </th>
              <th scope="col">Name</th>
              <th class="num" scope="col">
                <abbr title="Points">Pts</abbr>
              </th>
              <th class="num" scope="col">
                <abbr title="Wins, draws, losses">W-D-L</abbr>
              </th>
              {columns.map((t) => (
                <th class="num" scope="col" data-tiebreak={t}>
                  {TIEBREAK_LABELS[t]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {standings.map((s) => {
              const value = (t: Tiebreak) => s.tiebreaks[t];
              return (
                <tr data-registration={s.entrant.registrationId} class={s.dropped ? "dropped" : undefined}>
                  <td class="num rank">{s.rank}</td>
                  <td class="name">
                    {s.entrant.name}
                    <Dropped on={s.dropped} />
                  </td>
                  <td class="num points">{points(s.points)}</td>
                  <td class="num record">
                    {s.wins}-{s.draws}-{s.losses}
                    {s.byes > 0 && (
                      <span class="muted">
                        {" "}
                        ({s.byes} bye{s.byes > 1 ? "s" : ""})
                      </span>
                    )}
                  </td>
                  {columns.map((t) => {
                    const v = value(t);
                    return <td class="num tiebreak">{v === undefined ? "–" : points(v)}</td>;
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
