CREATE TABLE "ladder_players" (
	"ladder_id" uuid NOT NULL,
	"player_id" uuid NOT NULL,
	"guild_id" text NOT NULL,
	"rating" double precision NOT NULL,
	"deviation" double precision NOT NULL,
	"volatility" double precision NOT NULL,
	"games" integer DEFAULT 0 NOT NULL,
	"wins" integer DEFAULT 0 NOT NULL,
	"losses" integer DEFAULT 0 NOT NULL,
	"draws" integer DEFAULT 0 NOT NULL,
	"last_played_at" timestamp (3) with time zone,
	"rating_version" integer DEFAULT 0 NOT NULL,
	"write_token" text DEFAULT '' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	CONSTRAINT "ladder_players_ladder_id_player_id_pk" PRIMARY KEY("ladder_id","player_id")
);
--> statement-breakpoint
CREATE TABLE "ladders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"guild_id" text NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"team_count" integer NOT NULL,
	"team_size" integer NOT NULL,
	"tau" double precision NOT NULL,
	"initial_rating" double precision NOT NULL,
	"initial_deviation" double precision NOT NULL,
	"initial_volatility" double precision NOT NULL,
	"min_deviation" double precision NOT NULL,
	"max_deviation" double precision NOT NULL,
	"rating_period_ms" bigint NOT NULL,
	"idle_deviation_per_day" double precision NOT NULL,
	"provisional_max_deviation" double precision NOT NULL,
	"provisional_min_games" integer NOT NULL,
	"require_confirmation" boolean NOT NULL,
	"season_reset_mode" text NOT NULL,
	"soft_reset_fraction" double precision NOT NULL,
	"soft_reset_min_deviation" double precision NOT NULL,
	"season" integer DEFAULT 1 NOT NULL,
	"season_started_at" timestamp (3) with time zone NOT NULL,
	"result_seq" integer DEFAULT 0 NOT NULL,
	"write_token" text DEFAULT '' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	CONSTRAINT "ladders_reset_mode_ck" CHECK (season_reset_mode in ('full', 'soft'))
);
--> statement-breakpoint
CREATE TABLE "rating_corrections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ladder_id" uuid NOT NULL,
	"match_id" uuid NOT NULL,
	"season" integer NOT NULL,
	"kind" text NOT NULL,
	"ranks_before" jsonb NOT NULL,
	"ranks_after" jsonb,
	"replayed_matches" integer NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	CONSTRAINT "rating_corrections_kind_ck" CHECK (kind in ('correct', 'void'))
);
--> statement-breakpoint
CREATE TABLE "season_standings" (
	"season_id" uuid NOT NULL,
	"player_id" uuid NOT NULL,
	"rank" integer,
	"rating" double precision NOT NULL,
	"deviation" double precision NOT NULL,
	"games" integer NOT NULL,
	"wins" integer NOT NULL,
	"losses" integer NOT NULL,
	"draws" integer NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	CONSTRAINT "season_standings_season_id_player_id_pk" PRIMARY KEY("season_id","player_id")
);
--> statement-breakpoint
CREATE TABLE "seasons" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ladder_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"ended_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text
);
--> statement-breakpoint
ALTER TABLE "api_keys" ALTER COLUMN "last_used_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "api_keys" ALTER COLUMN "revoked_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "api_keys" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "api_keys" ALTER COLUMN "created_at" SET DEFAULT now();--> statement-breakpoint
ALTER TABLE "api_keys" ALTER COLUMN "updated_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "api_keys" ALTER COLUMN "updated_at" SET DEFAULT now();--> statement-breakpoint
ALTER TABLE "guilds" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "guilds" ALTER COLUMN "created_at" SET DEFAULT now();--> statement-breakpoint
ALTER TABLE "guilds" ALTER COLUMN "updated_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "guilds" ALTER COLUMN "updated_at" SET DEFAULT now();--> statement-breakpoint
ALTER TABLE "health_checks" ALTER COLUMN "checked_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "health_checks" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "health_checks" ALTER COLUMN "created_at" SET DEFAULT now();--> statement-breakpoint
ALTER TABLE "health_checks" ALTER COLUMN "updated_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "health_checks" ALTER COLUMN "updated_at" SET DEFAULT now();--> statement-breakpoint
ALTER TABLE "match_players" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "match_players" ALTER COLUMN "created_at" SET DEFAULT now();--> statement-breakpoint
ALTER TABLE "match_players" ALTER COLUMN "updated_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "match_players" ALTER COLUMN "updated_at" SET DEFAULT now();--> statement-breakpoint
ALTER TABLE "matches" ALTER COLUMN "completed_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "matches" ALTER COLUMN "cancelled_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "matches" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "matches" ALTER COLUMN "created_at" SET DEFAULT now();--> statement-breakpoint
ALTER TABLE "matches" ALTER COLUMN "updated_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "matches" ALTER COLUMN "updated_at" SET DEFAULT now();--> statement-breakpoint
ALTER TABLE "players" ALTER COLUMN "last_played_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "players" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "players" ALTER COLUMN "created_at" SET DEFAULT now();--> statement-breakpoint
ALTER TABLE "players" ALTER COLUMN "updated_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "players" ALTER COLUMN "updated_at" SET DEFAULT now();--> statement-breakpoint
ALTER TABLE "rating_ledger" ALTER COLUMN "applied_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "rating_ledger" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "rating_ledger" ALTER COLUMN "created_at" SET DEFAULT now();--> statement-breakpoint
ALTER TABLE "rating_ledger" ALTER COLUMN "updated_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "rating_ledger" ALTER COLUMN "updated_at" SET DEFAULT now();--> statement-breakpoint
ALTER TABLE "matches" ADD COLUMN "ladder_id" uuid;--> statement-breakpoint
ALTER TABLE "matches" ADD COLUMN "season" integer;--> statement-breakpoint
ALTER TABLE "matches" ADD COLUMN "result_seq" integer;--> statement-breakpoint
ALTER TABLE "matches" ADD COLUMN "voided_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "rating_ledger" ADD COLUMN "ladder_id" uuid;--> statement-breakpoint
ALTER TABLE "rating_ledger" ADD COLUMN "season" integer;--> statement-breakpoint
ALTER TABLE "rating_ledger" ADD COLUMN "result_seq" integer;--> statement-breakpoint
ALTER TABLE "rating_ledger" ADD COLUMN "result" text;--> statement-breakpoint
ALTER TABLE "rating_ledger" ADD COLUMN "previous_played_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "ladder_players" ADD CONSTRAINT "ladder_players_ladder_id_ladders_id_fk" FOREIGN KEY ("ladder_id") REFERENCES "public"."ladders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ladder_players" ADD CONSTRAINT "ladder_players_player_id_players_id_fk" FOREIGN KEY ("player_id") REFERENCES "public"."players"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ladder_players" ADD CONSTRAINT "ladder_players_guild_id_guilds_id_fk" FOREIGN KEY ("guild_id") REFERENCES "public"."guilds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ladders" ADD CONSTRAINT "ladders_guild_id_guilds_id_fk" FOREIGN KEY ("guild_id") REFERENCES "public"."guilds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_corrections" ADD CONSTRAINT "rating_corrections_ladder_id_ladders_id_fk" FOREIGN KEY ("ladder_id") REFERENCES "public"."ladders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_corrections" ADD CONSTRAINT "rating_corrections_match_id_matches_id_fk" FOREIGN KEY ("match_id") REFERENCES "public"."matches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "season_standings" ADD CONSTRAINT "season_standings_season_id_seasons_id_fk" FOREIGN KEY ("season_id") REFERENCES "public"."seasons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "season_standings" ADD CONSTRAINT "season_standings_player_id_players_id_fk" FOREIGN KEY ("player_id") REFERENCES "public"."players"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seasons" ADD CONSTRAINT "seasons_ladder_id_ladders_id_fk" FOREIGN KEY ("ladder_id") REFERENCES "public"."ladders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ladder_players_leaderboard_idx" ON "ladder_players" USING btree ("ladder_id","rating" DESC NULLS LAST,"player_id");--> statement-breakpoint
CREATE INDEX "ladder_players_player_idx" ON "ladder_players" USING btree ("player_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ladders_guild_slug_uq" ON "ladders" USING btree ("guild_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "ladders_guild_default_uq" ON "ladders" USING btree ("guild_id") WHERE is_default;--> statement-breakpoint
CREATE INDEX "rating_corrections_ladder_idx" ON "rating_corrections" USING btree ("ladder_id","created_at");--> statement-breakpoint
CREATE INDEX "season_standings_rank_idx" ON "season_standings" USING btree ("season_id","rank");--> statement-breakpoint
CREATE UNIQUE INDEX "seasons_ladder_number_uq" ON "seasons" USING btree ("ladder_id","number");--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_ladder_id_ladders_id_fk" FOREIGN KEY ("ladder_id") REFERENCES "public"."ladders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_ledger" ADD CONSTRAINT "rating_ledger_ladder_id_ladders_id_fk" FOREIGN KEY ("ladder_id") REFERENCES "public"."ladders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "matches_ladder_result_seq_uq" ON "matches" USING btree ("ladder_id","result_seq");--> statement-breakpoint
CREATE UNIQUE INDEX "rating_ledger_ladder_player_seq_uq" ON "rating_ledger" USING btree ("ladder_id","player_id","result_seq");--> statement-breakpoint
CREATE INDEX "rating_ledger_ladder_season_seq_idx" ON "rating_ledger" USING btree ("ladder_id","season","result_seq");