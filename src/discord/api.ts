/**
 * The few Discord wire values the Worker uses, as plain constants (the enums of discord-api-types
 * are a dev dependency, used for types only). Values from Discord's interactions documentation.
 */
import type { APIEmbed, APIInteractionResponse, APIActionRowComponent, APIComponentInMessageActionRow } from "discord-api-types/v10";

export const InteractionType = { Ping: 1, ApplicationCommand: 2, MessageComponent: 3, Autocomplete: 4, ModalSubmit: 5 } as const;
export const ResponseType = { Pong: 1, Message: 4, DeferredMessage: 5, DeferredUpdate: 6, UpdateMessage: 7, AutocompleteResult: 8 } as const;
export const EPHEMERAL = 64;
export const ButtonStyle = { Primary: 1, Secondary: 2, Success: 3, Danger: 4 } as const;
export const OptionType = { SubCommand: 1, String: 3, Integer: 4, Boolean: 5, User: 6, Role: 8, Number: 10 } as const;
/** Permission bits that make a member staff (Administrator, Manage Server). */
export const ADMINISTRATOR = 1n << 3n;
export const MANAGE_GUILD = 1n << 5n;

export type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

/** What a handler produces: message content, embeds and buttons, shown to all or only the presser. */
export interface Reply {
  content?: string;
  embeds?: APIEmbed[];
  components?: Row[];
  ephemeral?: boolean;
  /** For buttons: replace the message the button is on (type 7) instead of posting a new one. */
  update?: boolean;
}

/** The message body of a reply, as a response's `data` or a webhook edit. */
export function messageData(reply: Reply) {
  return {
    content: reply.content ?? "",
    embeds: reply.embeds ?? [],
    components: reply.components ?? [],
    allowed_mentions: { parse: [] },
    ...(reply.ephemeral ? { flags: EPHEMERAL } : {}),
  };
}

export function toResponse(reply: Reply): APIInteractionResponse {
  const data = messageData(reply);
  return { type: reply.update && !reply.ephemeral ? ResponseType.UpdateMessage : ResponseType.Message, data } as APIInteractionResponse;
}

/** A clear, private answer: used for every refusal (bad input, stale button, not staff). */
export function notice(content: string): Reply {
  return { content, ephemeral: true };
}
