CREATE TABLE "interaction_receipts" (
	"id" text PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text
);
--> statement-breakpoint
CREATE TABLE "lobbies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"ladder_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"channel_id" text,
	"opened_by" text NOT NULL,
	"size" integer NOT NULL,
	"team_count" integer NOT NULL,
	"interaction_id" text NOT NULL,
	"proposal" jsonb,
	"split_index" integer DEFAULT 0 NOT NULL,
	"match_id" uuid,
	"token" text DEFAULT '' NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	CONSTRAINT "lobbies_status_ck" CHECK (status in ('open', 'proposed', 'started', 'disputed', 'completed', 'cancelled', 'expired')),
	CONSTRAINT "lobbies_kind_ck" CHECK (kind in ('lobby', 'balance'))
);
--> statement-breakpoint
CREATE TABLE "lobby_members" (
	"lobby_id" uuid NOT NULL,
	"slot" integer NOT NULL,
	"player_id" uuid NOT NULL,
	"party" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	CONSTRAINT "lobby_members_lobby_id_slot_pk" PRIMARY KEY("lobby_id","slot")
);
--> statement-breakpoint
CREATE TABLE "match_reports" (
	"match_id" uuid NOT NULL,
	"discord_user_id" text NOT NULL,
	"team" integer NOT NULL,
	"outcome" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	CONSTRAINT "match_reports_match_id_discord_user_id_pk" PRIMARY KEY("match_id","discord_user_id")
);
--> statement-breakpoint
ALTER TABLE "lobbies" ADD CONSTRAINT "lobbies_guild_id_guilds_id_fk" FOREIGN KEY ("guild_id") REFERENCES "public"."guilds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lobbies" ADD CONSTRAINT "lobbies_ladder_id_ladders_id_fk" FOREIGN KEY ("ladder_id") REFERENCES "public"."ladders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lobbies" ADD CONSTRAINT "lobbies_match_id_matches_id_fk" FOREIGN KEY ("match_id") REFERENCES "public"."matches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lobby_members" ADD CONSTRAINT "lobby_members_lobby_id_lobbies_id_fk" FOREIGN KEY ("lobby_id") REFERENCES "public"."lobbies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lobby_members" ADD CONSTRAINT "lobby_members_player_id_players_id_fk" FOREIGN KEY ("player_id") REFERENCES "public"."players"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_reports" ADD CONSTRAINT "match_reports_match_id_matches_id_fk" FOREIGN KEY ("match_id") REFERENCES "public"."matches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "lobbies_interaction_uq" ON "lobbies" USING btree ("interaction_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lobbies_match_uq" ON "lobbies" USING btree ("match_id");--> statement-breakpoint
CREATE INDEX "lobbies_status_expires_idx" ON "lobbies" USING btree ("status","expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "lobby_members_player_uq" ON "lobby_members" USING btree ("lobby_id","player_id");