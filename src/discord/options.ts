/** Reading a slash command's options (flattening one sub-command level) without trusting their types. */
import type { APIApplicationCommandInteractionDataOption } from "discord-api-types/v10";

export interface Options {
  sub: string | null;
  string(name: string): string | undefined;
  integer(name: string): number | undefined;
  boolean(name: string): boolean | undefined;
}

export function readOptions(options: APIApplicationCommandInteractionDataOption[] | undefined): Options {
  let list: unknown[] = options ?? [];
  let sub: string | null = null;
  const first = list[0] as { type?: number; name?: string; options?: unknown[] } | undefined;
  if (first && (first.type === 1 || first.type === 2)) {
    sub = first.name ?? null;
    list = first.options ?? [];
  }
  const values = new Map<string, unknown>();
  for (const o of list) {
    const opt = o as { name?: unknown; value?: unknown };
    if (typeof opt.name === "string") values.set(opt.name, opt.value);
  }
  return {
    sub,
    string: (name) => {
      const v = values.get(name);
      return typeof v === "string" ? v.trim() || undefined : undefined;
    },
    integer: (name) => {
      const v = values.get(name);
      return typeof v === "number" && Number.isInteger(v) ? v : undefined;
    },
    boolean: (name) => {
      const v = values.get(name);
      return typeof v === "boolean" ? v : undefined;
    },
  };
}
