/**
 * An elimination bracket without script: one row of columns per side (winners, losers, grand
 * final), a column per round, each match a small card with both slots. The row scrolls sideways
 * inside itself, so a phone shows the page at its width and the bracket under a finger.
 */
import type { BracketMatchView, BracketSlotView, EntrantRef, PairingView } from "../services/tournaments";

const SIDE_ORDER: Record<BracketMatchView["side"], number> = { winners: 0, losers: 1, final: 2 };
const SIDE_NAMES: Record<BracketMatchView["side"], string> = { winners: "Winners bracket", losers: "Losers bracket", final: "Grand final" };

/** Matches in play order: winners, losers, final, each by round (the stored order breaks ties). */
function inPlayOrder(bracket: BracketMatchView[]): BracketMatchView[] {
  return bracket
    .map((m, i) => ({ m, i }))
    .sort((x, y) => SIDE_ORDER[x.m.side] - SIDE_ORDER[y.m.side] || x.m.round - y.m.round || x.i - y.i)
    .map(({ m }) => m);
}

/** The winner of the bracket's last match still to be played (a skipped reset does not count). */
export function championOf(bracket: BracketMatchView[]): EntrantRef | null {
  const live = inPlayOrder(bracket).filter((m) => !m.skipped);
  return live[live.length - 1]?.winner ?? null;
}

function roundTitle(side: BracketMatchView["side"], round: number, last: number, double: boolean): string {
  if (side === "final") return round === 1 ? "Game 1" : "Reset";
  const prefix = side === "losers" ? "Losers " : double ? "Winners " : "";
  if (round === last) return `${prefix}final`.replace(/^f/, "F");
  if (side === "winners" && round === last - 1 && !double) return "Semifinals";
  return `${prefix}round ${round}`.replace(/^r/, "R");
}

const nameOf = (slot: BracketSlotView) => slot.entrant?.name ?? slot.label;

function describe(m: BracketMatchView): string {
  const vs = `${m.id}: ${nameOf(m.slots[0])} vs ${nameOf(m.slots[1])}`;
  if (m.skipped) return `${vs}, not needed`;
  if (m.winner) return `${vs}, ${m.winner.name} won`;
  if (m.result === "draw") return `${vs}, drawn`;
  return `${vs}, not played yet`;
}

function Slot({ slot, match, seeds }: { slot: BracketSlotView; match: BracketMatchView; seeds: boolean }) {
  const e = slot.entrant;
  const decided = match.winner !== null;
  const won = decided && e !== null && match.winner?.registrationId === e.registrationId;
  const state = e === null ? "tbd" : won ? "won" : decided ? "lost" : "";
  return (
    <div class={`slot ${state}`.trim()} data-registration={e?.registrationId}>
      <span class="who" title={e ? `${e.name}${seeds && e.seed ? ` (seed ${e.seed})` : ""}` : slot.label}>
        {e ? e.name : slot.label}
        {seeds && e?.seed ? <span class="muted"> ({e.seed})</span> : null}
      </span>
      <span class="mark">{won ? "W" : decided && e ? "L" : match.result === "draw" ? "D" : ""}</span>
    </div>
  );
}

function MatchCard({ match, pairing, seeds }: { match: BracketMatchView; pairing: PairingView | undefined; seeds: boolean }) {
  const where = pairing && match.result === null && pairing.table !== null ? ` · table ${pairing.table}` : "";
  const note = match.skipped ? " · not needed" : match.onlyIfReset && !match.winner ? " · if needed" : "";
  return (
    <li class={`match${match.skipped ? " skipped" : ""}`} data-match={match.id} aria-label={describe(match)}>
      <span class="id">
        {match.id}
        {where}
        {note}
      </span>
      <Slot slot={match.slots[0]} match={match} seeds={seeds} />
      <Slot slot={match.slots[1]} match={match} seeds={seeds} />
    </li>
  );
}

/** Why the grand final did or did not go to a second game. */
function resetNote(finals: BracketMatchView[]): string {
  const reset = finals.find((m) => m.onlyIfReset);
  if (!reset) return "This bracket has no grand-final reset.";
  if (reset.skipped) return "Reset not needed: the winners-bracket champion won the grand final.";
  if (reset.winner) return "The grand final was reset: the losers-bracket champion won the first game.";
  if (finals.some((m) => !m.onlyIfReset && m.winner)) return "The grand final goes to a reset game.";
  return "A reset game is played if the losers-bracket champion wins the grand final.";
}

/** `seeds`: show the tournament seeds beside names (a playoff is seeded by the stage before it, so not there). */
export function Bracket({ bracket, pairings, label, seeds }: { bracket: BracketMatchView[]; pairings: PairingView[]; label: string; seeds: boolean }) {
  const ordered = inPlayOrder(bracket);
  const byPairing = new Map(pairings.map((p) => [p.id, p]));
  const double = ordered.some((m) => m.side !== "winners");
  const sides = (["winners", "losers", "final"] as const).filter((s) => ordered.some((m) => m.side === s));
  const champion = championOf(bracket);
  return (
    <div class="brackets">
      {champion && (
        <p class="champion" data-champion={champion.registrationId}>
          <span class="muted">Champion</span> <b>{champion.name}</b>
        </p>
      )}
      {sides.map((side) => {
        const matches = ordered.filter((m) => m.side === side);
        const rounds = [...new Set(matches.map((m) => m.round))];
        const last = rounds[rounds.length - 1] ?? 1;
        const title = double ? SIDE_NAMES[side] : "Bracket";
        return (
          <div class={`side ${side}`}>
            {double && <h3>{title}</h3>}
            {/* Focusable, so a keyboard can scroll it too. */}
            <section class="bracket" tabindex={0} aria-label={`${label}: ${title}, ${rounds.length} ${rounds.length === 1 ? "round" : "rounds"}`}>
              {rounds.map((round) => {
                const heading = roundTitle(side, round, last, double);
                return (
                  <div class="round">
                    <h4>{heading}</h4>
                    <ol class="col" aria-label={heading}>
                      {matches
                        .filter((m) => m.round === round)
                        .map((m) => (
                          <MatchCard match={m} pairing={m.pairingId ? byPairing.get(m.pairingId) : undefined} seeds={seeds} />
                        ))}
                    </ol>
                  </div>
                );
              })}
            </section>
            {side === "final" && <p class="muted reset-note">{resetNote(matches)}</p>}
          </div>
        );
      })}
    </div>
  );
}
