CREATE TABLE "tournament_formats" (
	"id" uuid PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"rounds" integer,
	"best_of" integer DEFAULT 1 NOT NULL,
	"points_win" double precision NOT NULL,
	"points_draw" double precision NOT NULL,
	"points_loss" double precision NOT NULL,
	"points_bye" double precision NOT NULL,
	"tiebreaks" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	CONSTRAINT "tournament_formats_kind_ck" CHECK (kind in ('swiss', 'round_robin', 'single_elimination', 'double_elimination')),
	CONSTRAINT "tournament_formats_length_ck" CHECK ((rounds is null or rounds >= 1) and best_of >= 1)
);
--> statement-breakpoint
CREATE TABLE "tournament_pairings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"round_id" uuid NOT NULL,
	"station" integer NOT NULL,
	"entrant_a" uuid NOT NULL,
	"entrant_b" uuid,
	"result" text,
	"match_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	CONSTRAINT "tournament_pairings_result_ck" CHECK (result in ('a', 'b', 'draw')),
	CONSTRAINT "tournament_pairings_self_ck" CHECK (entrant_b is null or entrant_b <> entrant_a)
);
--> statement-breakpoint
CREATE TABLE "tournament_registrations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tournament_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"player_id" uuid NOT NULL,
	"team_name" text,
	"status" text DEFAULT 'registered' NOT NULL,
	"late" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	CONSTRAINT "tournament_registrations_status_ck" CHECK (status in ('registered', 'checked_in', 'dropped')),
	CONSTRAINT "tournament_registrations_seq_ck" CHECK (seq >= 1)
);
--> statement-breakpoint
CREATE TABLE "tournament_rounds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"stage_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	CONSTRAINT "tournament_rounds_status_ck" CHECK (status in ('pending', 'running', 'finished'))
);
--> statement-breakpoint
CREATE TABLE "tournament_stages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tournament_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	CONSTRAINT "tournament_stages_kind_ck" CHECK (kind in ('swiss', 'round_robin', 'single_elimination', 'double_elimination')),
	CONSTRAINT "tournament_stages_status_ck" CHECK (status in ('pending', 'running', 'finished'))
);
--> statement-breakpoint
CREATE TABLE "tournaments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"ladder_id" uuid NOT NULL,
	"format_id" uuid NOT NULL,
	"venue_id" uuid,
	"name" text NOT NULL,
	"rated" boolean DEFAULT true NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"starts_at" timestamp (3) with time zone,
	"next_seq" integer DEFAULT 1 NOT NULL,
	"token" text DEFAULT '' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	CONSTRAINT "tournaments_status_ck" CHECK (status in ('draft', 'registration', 'check_in', 'running', 'finished')),
	CONSTRAINT "tournaments_next_seq_ck" CHECK (next_seq >= 1)
);
--> statement-breakpoint
CREATE TABLE "venues" (
	"id" uuid PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"name" text NOT NULL,
	"stations" integer NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	CONSTRAINT "venues_stations_ck" CHECK (stations >= 1)
);
--> statement-breakpoint
ALTER TABLE "tournament_formats" ADD CONSTRAINT "tournament_formats_guild_id_guilds_id_fk" FOREIGN KEY ("guild_id") REFERENCES "public"."guilds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tournament_pairings" ADD CONSTRAINT "tournament_pairings_round_id_tournament_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."tournament_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tournament_pairings" ADD CONSTRAINT "tournament_pairings_entrant_a_tournament_registrations_id_fk" FOREIGN KEY ("entrant_a") REFERENCES "public"."tournament_registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tournament_pairings" ADD CONSTRAINT "tournament_pairings_entrant_b_tournament_registrations_id_fk" FOREIGN KEY ("entrant_b") REFERENCES "public"."tournament_registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tournament_pairings" ADD CONSTRAINT "tournament_pairings_match_id_matches_id_fk" FOREIGN KEY ("match_id") REFERENCES "public"."matches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tournament_registrations" ADD CONSTRAINT "tournament_registrations_tournament_id_tournaments_id_fk" FOREIGN KEY ("tournament_id") REFERENCES "public"."tournaments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tournament_registrations" ADD CONSTRAINT "tournament_registrations_player_id_players_id_fk" FOREIGN KEY ("player_id") REFERENCES "public"."players"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tournament_rounds" ADD CONSTRAINT "tournament_rounds_stage_id_tournament_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."tournament_stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tournament_stages" ADD CONSTRAINT "tournament_stages_tournament_id_tournaments_id_fk" FOREIGN KEY ("tournament_id") REFERENCES "public"."tournaments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tournaments" ADD CONSTRAINT "tournaments_guild_id_guilds_id_fk" FOREIGN KEY ("guild_id") REFERENCES "public"."guilds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tournaments" ADD CONSTRAINT "tournaments_ladder_id_ladders_id_fk" FOREIGN KEY ("ladder_id") REFERENCES "public"."ladders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tournaments" ADD CONSTRAINT "tournaments_format_id_tournament_formats_id_fk" FOREIGN KEY ("format_id") REFERENCES "public"."tournament_formats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tournaments" ADD CONSTRAINT "tournaments_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venues" ADD CONSTRAINT "venues_guild_id_guilds_id_fk" FOREIGN KEY ("guild_id") REFERENCES "public"."guilds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tournament_formats_guild_name_uq" ON "tournament_formats" USING btree ("guild_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "tournament_pairings_station_uq" ON "tournament_pairings" USING btree ("round_id","station");--> statement-breakpoint
CREATE INDEX "tournament_pairings_a_idx" ON "tournament_pairings" USING btree ("entrant_a");--> statement-breakpoint
CREATE INDEX "tournament_pairings_b_idx" ON "tournament_pairings" USING btree ("entrant_b");--> statement-breakpoint
CREATE UNIQUE INDEX "tournament_registrations_seq_uq" ON "tournament_registrations" USING btree ("tournament_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "tournament_registrations_player_uq" ON "tournament_registrations" USING btree ("tournament_id","player_id");--> statement-breakpoint
CREATE INDEX "tournament_registrations_player_idx" ON "tournament_registrations" USING btree ("player_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tournament_rounds_number_uq" ON "tournament_rounds" USING btree ("stage_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "tournament_stages_number_uq" ON "tournament_stages" USING btree ("tournament_id","number");--> statement-breakpoint
CREATE INDEX "tournaments_guild_status_idx" ON "tournaments" USING btree ("guild_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "venues_guild_name_uq" ON "venues" USING btree ("guild_id","name");