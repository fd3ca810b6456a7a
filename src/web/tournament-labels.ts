/**
 * Words and styles the tournament pages share: how a status, a format, a tiebreak and a result
 * read to a person, and the few CSS rules the bracket and the tables add to the site's layout.
 */
import type { Tournament, TournamentFormat } from "../db/repository";
import type { Tiebreak } from "../domain/tournament";
import type { EntrantRef, PairingResult } from "../services/tournaments";

export const STATUS_LABELS: Record<Tournament["status"], string> = {
  draft: "Draft",
  registration: "Registration open",
  check_in: "Check-in open",
  running: "In progress",
  finished: "Finished",
};

export const KIND_LABELS: Record<TournamentFormat["kind"], string> = {
  swiss: "Swiss",
  round_robin: "Round robin",
  single_elimination: "Single elimination",
  double_elimination: "Double elimination",
};

export const TIEBREAK_LABELS: Record<Tiebreak, string> = {
  buchholz: "Buchholz",
  "median-buchholz": "Median Buchholz",
  "sonneborn-berger": "Sonneborn–Berger",
  "head-to-head": "Head-to-head",
};

export const isElimination = (kind: TournamentFormat["kind"]) => kind === "single_elimination" || kind === "double_elimination";

const FRACTIONS: Record<number, string> = { 0.25: "¼", 0.5: "½", 0.75: "¾" };

/** Points as people write them: 1.5 → "1½", 0.75 → "¾", 3 → "3" (Sonneborn–Berger has quarters). */
export function points(value: number): string {
  const whole = Math.trunc(value);
  const rest = Math.round((value - whole) * 100) / 100;
  if (rest === 0) return String(whole);
  const fraction = FRACTIONS[rest];
  if (fraction) return whole === 0 ? fraction : `${whole}${fraction}`;
  return value.toFixed(2).replace(/0+$/, "");
}

/** A finished game's score line from a's side. */
export function resultText(result: PairingResult | null): string {
  if (result === "a") return "1–0";
  if (result === "b") return "0–1";
  if (result === "draw") return "½–½";
  return "–";
}

/** Who won a game, if anyone did. */
export function winnerOf(result: PairingResult | null, a: EntrantRef, b: EntrantRef | null): EntrantRef | null {
  if (result === "a") return a;
  if (result === "b") return b;
  return null;
}

export const formatDate = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** Added to the layout's stylesheet on tournament pages only. */
export const TOURNAMENT_CSS = `
main{max-width:980px}main:has(.brackets){max-width:1180px}main:has(.brackets) section.standings{max-width:760px}
h3{font-size:1rem;margin:1.1rem 0 .4rem}
.facts{display:flex;flex-wrap:wrap;gap:.3rem .9rem;margin:.3rem 0 .8rem;padding:0;list-style:none}.facts b{font-weight:600}
.badge{display:inline-block;font-size:.72rem;padding:0 .4rem;border-radius:999px;border:1px solid var(--line);color:var(--muted);vertical-align:middle;margin-left:.3rem;white-space:nowrap}
.badge.on{border-color:var(--up);color:var(--up)}.badge.off{border-color:var(--down);color:var(--down)}
.scroll{overflow-x:auto;max-width:100%}table.pairings{table-layout:fixed}table.pairings col.n{width:3rem}table.pairings col.r{width:4.5rem}table.pairings td.name{overflow-wrap:anywhere}.scroll table{min-width:100%}.scroll td.name{word-break:normal;min-width:7rem}
tr.dropped td.name{text-decoration:line-through;text-decoration-color:var(--muted)}
td .won,td.won{font-weight:700}
.champion{display:inline-block;border:2px solid var(--accent);border-radius:10px;padding:.5rem .8rem;margin:.6rem 0}.champion b{font-size:1.2rem}
.bracket{display:flex;gap:14px;overflow-x:auto;max-width:100%;padding:4px 2px 10px}
.bracket .round{flex:0 0 190px;display:flex;flex-direction:column;gap:6px}
.bracket .col{flex:1;display:flex;flex-direction:column;justify-content:space-around;gap:10px;margin:0;padding:0;list-style:none}
.bracket h4{margin:0;font-size:.78rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.match{border:1px solid var(--line);border-radius:8px;overflow:hidden;font-size:.9rem}
.match .id{display:block;font-size:.72rem;color:var(--muted);padding:.1rem .45rem;border-bottom:1px solid var(--line)}
.match .slot{display:flex;justify-content:space-between;gap:6px;padding:.25rem .45rem;border-left:3px solid transparent}
.match .slot+.slot{border-top:1px solid var(--line)}
.match .slot .who{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.match .slot.tbd .who{color:var(--muted);font-style:italic}
.match .slot.won{font-weight:700;border-left-color:var(--accent);background:var(--band)}
.match .slot.lost .who{color:var(--muted)}
.match.skipped{opacity:.55;border-style:dashed}
@media (max-width:520px){.bracket .round{flex-basis:165px}.scroll td.name{min-width:5.5rem}}
`;
