/**
 * Button ids: `action:id[:arg]`, well under Discord's 100 characters. They name what to do and to
 * what, never state: state is in the database. A proposal's Start and Reshuffle carry the split
 * index shown, so a press on an outdated message is recognised as stale.
 */
export type ButtonAction =
  | { kind: "lobby.join"; lobbyId: string }
  | { kind: "lobby.leave"; lobbyId: string }
  | { kind: "lobby.start"; lobbyId: string }
  | { kind: "lobby.close"; lobbyId: string }
  | { kind: "proposal.start"; lobbyId: string; split: number }
  | { kind: "proposal.shuffle"; lobbyId: string; split: number }
  | { kind: "proposal.cancel"; lobbyId: string }
  | { kind: "match.report"; matchId: string; outcome: string }
  | { kind: "match.cancel"; matchId: string };

const ID = "[0-9a-f-]{36}";
const PATTERNS: Array<[RegExp, (m: RegExpMatchArray) => ButtonAction]> = [
  [new RegExp(`^lj:(${ID})$`), (m) => ({ kind: "lobby.join", lobbyId: m[1] ?? "" })],
  [new RegExp(`^ll:(${ID})$`), (m) => ({ kind: "lobby.leave", lobbyId: m[1] ?? "" })],
  [new RegExp(`^ls:(${ID})$`), (m) => ({ kind: "lobby.start", lobbyId: m[1] ?? "" })],
  [new RegExp(`^lc:(${ID})$`), (m) => ({ kind: "lobby.close", lobbyId: m[1] ?? "" })],
  [new RegExp(`^ps:(${ID}):(\\d{1,2})$`), (m) => ({ kind: "proposal.start", lobbyId: m[1] ?? "", split: Number(m[2]) })],
  [new RegExp(`^pr:(${ID}):(\\d{1,2})$`), (m) => ({ kind: "proposal.shuffle", lobbyId: m[1] ?? "", split: Number(m[2]) })],
  [new RegExp(`^pc:(${ID})$`), (m) => ({ kind: "proposal.cancel", lobbyId: m[1] ?? "" })],
  [new RegExp(`^mr:(${ID}):(\\d{1,2}|draw)$`), (m) => ({ kind: "match.report", matchId: m[1] ?? "", outcome: m[2] ?? "" })],
  [new RegExp(`^mc:(${ID})$`), (m) => ({ kind: "match.cancel", matchId: m[1] ?? "" })],
];

export function parseButton(customId: string): ButtonAction | null {
  for (const [pattern, build] of PATTERNS) {
    const m = customId.match(pattern);
    if (m) return build(m);
  }
  return null;
}

export const buttonId = {
  join: (id: string) => `lj:${id}`,
  leave: (id: string) => `ll:${id}`,
  startLobby: (id: string) => `ls:${id}`,
  close: (id: string) => `lc:${id}`,
  startMatch: (id: string, split: number) => `ps:${id}:${split}`,
  shuffle: (id: string, split: number) => `pr:${id}:${split}`,
  cancelProposal: (id: string) => `pc:${id}`,
  report: (matchId: string, outcome: number | "draw") => `mr:${matchId}:${outcome}`,
  cancelMatch: (matchId: string) => `mc:${matchId}`,
};
