DROP INDEX "players_leaderboard_idx";--> statement-breakpoint
DROP INDEX "rating_ledger_player_seq_uq";--> statement-breakpoint
ALTER TABLE "matches" ALTER COLUMN "ladder_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "rating_ledger" ALTER COLUMN "ladder_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "rating_ledger" ALTER COLUMN "season" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "rating_ledger" ALTER COLUMN "result_seq" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "rating_ledger" ALTER COLUMN "result" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "rating_ledger" ADD CONSTRAINT "rating_ledger_guild_id_guilds_id_fk" FOREIGN KEY ("guild_id") REFERENCES "public"."guilds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "players" DROP COLUMN "rating";--> statement-breakpoint
ALTER TABLE "players" DROP COLUMN "deviation";--> statement-breakpoint
ALTER TABLE "players" DROP COLUMN "volatility";--> statement-breakpoint
ALTER TABLE "players" DROP COLUMN "games";--> statement-breakpoint
ALTER TABLE "players" DROP COLUMN "wins";--> statement-breakpoint
ALTER TABLE "players" DROP COLUMN "losses";--> statement-breakpoint
ALTER TABLE "players" DROP COLUMN "draws";--> statement-breakpoint
ALTER TABLE "players" DROP COLUMN "last_played_at";--> statement-breakpoint
ALTER TABLE "players" DROP COLUMN "rating_version";--> statement-breakpoint
ALTER TABLE "rating_ledger" DROP COLUMN "seq";--> statement-breakpoint
ALTER TABLE "match_players" ADD CONSTRAINT "match_players_result_ck" CHECK (result is null or result in ('win', 'loss', 'draw'));--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_status_ck" CHECK (status in ('pending', 'completed', 'cancelled', 'voided'));--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_result_type_ck" CHECK (result_type is null or result_type in ('win', 'draw', 'placement'));--> statement-breakpoint
ALTER TABLE "rating_ledger" ADD CONSTRAINT "rating_ledger_result_ck" CHECK (result in ('win', 'loss', 'draw'));