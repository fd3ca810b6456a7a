CREATE TABLE "tournament_rosters" (
	"tournament_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	"player_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	CONSTRAINT "tournament_rosters_tournament_id_player_id_pk" PRIMARY KEY("tournament_id","player_id"),
	CONSTRAINT "tournament_rosters_position_ck" CHECK (position >= 0)
);
--> statement-breakpoint
ALTER TABLE "tournament_pairings" ADD COLUMN "slot" text;--> statement-breakpoint
ALTER TABLE "tournament_pairings" ADD COLUMN "forfeit" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tournament_registrations" ADD COLUMN "seed" integer;--> statement-breakpoint
ALTER TABLE "tournament_stages" ADD COLUMN "rounds" integer;--> statement-breakpoint
ALTER TABLE "tournament_stages" ADD COLUMN "entrants" jsonb;--> statement-breakpoint
ALTER TABLE "tournaments" ADD COLUMN "top_cut" integer;--> statement-breakpoint
ALTER TABLE "tournaments" ADD COLUMN "team_size" integer;--> statement-breakpoint
ALTER TABLE "tournaments" ADD COLUMN "play_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tournament_rosters" ADD CONSTRAINT "tournament_rosters_tournament_id_tournaments_id_fk" FOREIGN KEY ("tournament_id") REFERENCES "public"."tournaments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tournament_rosters" ADD CONSTRAINT "tournament_rosters_registration_id_tournament_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."tournament_registrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tournament_rosters" ADD CONSTRAINT "tournament_rosters_player_id_players_id_fk" FOREIGN KEY ("player_id") REFERENCES "public"."players"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tournament_rosters_position_uq" ON "tournament_rosters" USING btree ("registration_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "tournament_pairings_slot_uq" ON "tournament_pairings" USING btree ("round_id","slot");