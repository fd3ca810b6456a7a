/**
 * The shared command list against Discord's documented limits for application commands (a payload
 * outside them is refused by `PUT /applications/{id}/commands` as a whole, so every command would
 * be lost): names, descriptions, option counts and order, choices, and the 4000-character total per
 * command. Plus the shape of `/tournament` the handlers rely on.
 */
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/discord/commands";
import { SUGGESTED } from "../../src/discord/handlers/tournament-autocomplete";
import { parseCommand } from "../../src/node/discord-client";

interface Choice {
  name: string;
  value: string | number;
}
interface Opt {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  autocomplete?: boolean;
  choices?: Choice[];
  options?: Opt[];
}

// Discord: 1-32 characters, lowercase, letters, digits, - and _ (CHAT_INPUT naming rule).
const NAME = /^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u;
const SUB = 1;
const GROUP = 2;

/** Every problem found in one level of options (and below), as readable strings. */
function problems(path: string, options: Opt[]): string[] {
  const out: string[] = [];
  if (options.length > 25) out.push(`${path}: ${options.length} options (max 25)`);
  const names = options.map((o) => o.name);
  if (new Set(names).size !== names.length) out.push(`${path}: repeated option names`);
  const subs = options.filter((o) => o.type === SUB || o.type === GROUP);
  if (subs.length > 0 && subs.length !== options.length) out.push(`${path}: sub-commands mixed with plain options`);
  const firstOptional = options.findIndex((o) => !o.required);
  if (firstOptional >= 0 && options.slice(firstOptional).some((o) => o.required)) out.push(`${path}: a required option after an optional one`);
  for (const o of options) {
    const here = `${path} ${o.name}`;
    if (!NAME.test(o.name)) out.push(`${here}: bad name`);
    if (o.description.length < 1 || o.description.length > 100) out.push(`${here}: description of ${o.description.length} characters`);
    if (o.choices) {
      if (o.choices.length > 25) out.push(`${here}: ${o.choices.length} choices (max 25)`);
      for (const c of o.choices) {
        if (c.name.length < 1 || c.name.length > 100) out.push(`${here}: choice name "${c.name}"`);
        if (o.type === 3 && (typeof c.value !== "string" || c.value.length > 100)) out.push(`${here}: choice value ${String(c.value)}`);
      }
    }
    // Discord: only string, integer and number options autocomplete, and never with fixed choices.
    if (o.autocomplete && ![3, 4, 10].includes(o.type)) out.push(`${here}: autocomplete on option type ${o.type}`);
    if (o.autocomplete && o.choices) out.push(`${here}: autocomplete with choices`);
    if (o.options) out.push(...problems(here, o.options));
  }
  return out;
}

/** Discord counts name, description and choice names and values of a command and all its options. */
function characters(options: Opt[]): number {
  return options.reduce(
    (sum, o) =>
      sum +
      o.name.length +
      o.description.length +
      (o.choices ?? []).reduce((s, c) => s + c.name.length + String(c.value).length, 0) +
      characters(o.options ?? []),
    0,
  );
}

const commands = COMMANDS as unknown as Array<{ name: string; description: string; options?: Opt[] }>;

describe("command definitions", () => {
  it("stay within Discord's limits, so registration accepts the whole list", () => {
    expect(commands.length).toBeLessThanOrEqual(100);
    expect(new Set(commands.map((c) => c.name)).size).toBe(commands.length);
    const found = commands.flatMap((c) => [
      ...(NAME.test(c.name) ? [] : [`/${c.name}: bad name`]),
      ...(c.description.length >= 1 && c.description.length <= 100 ? [] : [`/${c.name}: description`]),
      ...problems(`/${c.name}`, c.options ?? []),
      ...(c.name.length + c.description.length + characters(c.options ?? []) <= 4000 ? [] : [`/${c.name}: over 4000 characters`]),
    ]);
    expect(found).toEqual([]);
  });

  it("finds a required option after an optional one, and too many options (the check can fail)", () => {
    const opt = (name: string, required = false): Opt => ({ type: 3, name, description: "d", required });
    expect(problems("/x", [opt("a"), opt("b", true)])).toEqual(["/x: a required option after an optional one"]);
    expect(
      problems(
        "/x",
        Array.from({ length: 26 }, (_, i) => opt(`o${i}`)),
      ),
    ).toEqual(["/x: 26 options (max 25)"]);
    expect(problems("/x", [opt("Upper")])).toEqual(["/x Upper: bad name"]);
    expect(problems("/x", [{ ...opt("a"), autocomplete: true, choices: [{ name: "A", value: "a" }] }])).toEqual(["/x a: autocomplete with choices"]);
    expect(problems("/x", [{ ...opt("u"), type: 6, autocomplete: true }])).toEqual(["/x u: autocomplete on option type 6"]);
  });

  it("defines /tournament with the sub-commands the bot handles", () => {
    const tournament = commands.find((c) => c.name === "tournament");
    const subs = new Map((tournament?.options ?? []).map((o) => [o.name, o]));
    expect([...subs.keys()]).toEqual(["join", "leave", "checkin", "pairings", "standings", "report", "start", "next", "finish"]);
    for (const sub of subs.values()) {
      expect(sub.type).toBe(SUB);
      // Suggested as the member types (answered by the autocomplete handler), never required.
      expect(sub.options?.find((o) => o.name === "tournament")).toMatchObject({ type: 3, autocomplete: true });
      expect(sub.options?.find((o) => o.name === "tournament")?.required).toBeFalsy();
    }
    // Every sub-command has its own autocomplete rule (a new one must decide what it suggests).
    expect(Object.keys(SUGGESTED).sort()).toEqual([...subs.keys()].sort());
    const result = subs.get("report")?.options?.[0];
    expect(result).toMatchObject({ name: "result", type: 3, required: true });
    expect(result?.choices?.map((c) => c.value)).toEqual(["win", "loss", "draw"]);
    const join = subs.get("join")?.options ?? [];
    const teammates = join.filter((o) => o.name.startsWith("teammate-"));
    // Teams have 2..16 players: 15 teammates besides the captain, as USER options.
    expect(teammates).toHaveLength(15);
    expect(new Set(teammates.map((o) => o.type))).toEqual(new Set([6]));
  });

  it("lets the local client send /tournament with USER options as ids", () => {
    expect(parseCommand("/tournament join team-name:Rooks teammate-1:<@111111111111111111>")).toEqual({
      name: "tournament",
      options: [
        {
          name: "join",
          type: 1,
          options: [
            { name: "team-name", type: 3, value: "Rooks" },
            { name: "teammate-1", type: 6, value: "111111111111111111" },
          ],
        },
      ],
    });
  });
});
