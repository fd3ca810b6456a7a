DROP INDEX `players_leaderboard_idx`;--> statement-breakpoint
ALTER TABLE `players` DROP COLUMN `rating`;--> statement-breakpoint
ALTER TABLE `players` DROP COLUMN `deviation`;--> statement-breakpoint
ALTER TABLE `players` DROP COLUMN `volatility`;--> statement-breakpoint
ALTER TABLE `players` DROP COLUMN `games`;--> statement-breakpoint
ALTER TABLE `players` DROP COLUMN `wins`;--> statement-breakpoint
ALTER TABLE `players` DROP COLUMN `losses`;--> statement-breakpoint
ALTER TABLE `players` DROP COLUMN `draws`;--> statement-breakpoint
ALTER TABLE `players` DROP COLUMN `last_played_at`;--> statement-breakpoint
ALTER TABLE `players` DROP COLUMN `rating_version`;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_rating_ledger` (
	`id` text PRIMARY KEY NOT NULL,
	`guild_id` text NOT NULL,
	`ladder_id` text NOT NULL,
	`season` integer NOT NULL,
	`result_seq` integer NOT NULL,
	`player_id` text NOT NULL,
	`match_id` text NOT NULL,
	`team` integer NOT NULL,
	`weight` real NOT NULL,
	`score` real NOT NULL,
	`expected` real NOT NULL,
	`result` text NOT NULL,
	`rating_before` real NOT NULL,
	`deviation_before` real NOT NULL,
	`volatility_before` real NOT NULL,
	`rating_after` real NOT NULL,
	`deviation_after` real NOT NULL,
	`volatility_after` real NOT NULL,
	`previous_played_at` integer,
	`applied_at` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text,
	`updated_by` text,
	FOREIGN KEY (`guild_id`) REFERENCES `guilds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ladder_id`) REFERENCES `ladders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`player_id`) REFERENCES `players`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`match_id`) REFERENCES `matches`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "rating_ledger_result_ck" CHECK(result in ('win', 'loss', 'draw'))
);
--> statement-breakpoint
INSERT INTO `__new_rating_ledger`("id", "guild_id", "ladder_id", "season", "result_seq", "player_id", "match_id", "team", "weight", "score", "expected", "result", "rating_before", "deviation_before", "volatility_before", "rating_after", "deviation_after", "volatility_after", "previous_played_at", "applied_at", "created_at", "updated_at", "created_by", "updated_by") SELECT "id", "guild_id", "ladder_id", "season", "result_seq", "player_id", "match_id", "team", "weight", "score", "expected", "result", "rating_before", "deviation_before", "volatility_before", "rating_after", "deviation_after", "volatility_after", "previous_played_at", "applied_at", "created_at", "updated_at", "created_by", "updated_by" FROM `rating_ledger`;--> statement-breakpoint
DROP TABLE `rating_ledger`;--> statement-breakpoint
ALTER TABLE `__new_rating_ledger` RENAME TO `rating_ledger`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `rating_ledger_match_player_uq` ON `rating_ledger` (`match_id`,`player_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `rating_ledger_ladder_player_seq_uq` ON `rating_ledger` (`ladder_id`,`player_id`,`result_seq`);--> statement-breakpoint
CREATE INDEX `rating_ledger_ladder_season_seq_idx` ON `rating_ledger` (`ladder_id`,`season`,`result_seq`);--> statement-breakpoint
CREATE TABLE `__new_matches` (
	`id` text PRIMARY KEY NOT NULL,
	`guild_id` text NOT NULL,
	`ladder_id` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`team_count` integer NOT NULL,
	`ranks` text,
	`winner_team` integer,
	`result_type` text,
	`idempotency_key` text,
	`version` integer DEFAULT 0 NOT NULL,
	`season` integer,
	`result_seq` integer,
	`completed_at` integer,
	`cancelled_at` integer,
	`voided_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text,
	`updated_by` text,
	FOREIGN KEY (`guild_id`) REFERENCES `guilds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ladder_id`) REFERENCES `ladders`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "matches_status_ck" CHECK(status in ('pending', 'completed', 'cancelled', 'voided')),
	CONSTRAINT "matches_result_type_ck" CHECK(result_type is null or result_type in ('win', 'draw', 'placement'))
);
--> statement-breakpoint
INSERT INTO `__new_matches`("id", "guild_id", "ladder_id", "status", "team_count", "ranks", "winner_team", "result_type", "idempotency_key", "version", "season", "result_seq", "completed_at", "cancelled_at", "voided_at", "created_at", "updated_at", "created_by", "updated_by") SELECT "id", "guild_id", "ladder_id", "status", "team_count", "ranks", "winner_team", "result_type", "idempotency_key", "version", "season", "result_seq", "completed_at", "cancelled_at", "voided_at", "created_at", "updated_at", "created_by", "updated_by" FROM `matches`;--> statement-breakpoint
DROP TABLE `matches`;--> statement-breakpoint
ALTER TABLE `__new_matches` RENAME TO `matches`;--> statement-breakpoint
CREATE UNIQUE INDEX `matches_guild_idem_uq` ON `matches` (`guild_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `matches_guild_created_idx` ON `matches` (`guild_id`,`created_at`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `matches_ladder_result_seq_uq` ON `matches` (`ladder_id`,`result_seq`);--> statement-breakpoint
CREATE TABLE `__new_match_players` (
	`match_id` text NOT NULL,
	`player_id` text NOT NULL,
	`team` integer NOT NULL,
	`weight` real DEFAULT 1 NOT NULL,
	`rating_before` real,
	`deviation_before` real,
	`rating_after` real,
	`deviation_after` real,
	`result` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text,
	`updated_by` text,
	PRIMARY KEY(`match_id`, `player_id`),
	FOREIGN KEY (`match_id`) REFERENCES `matches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`player_id`) REFERENCES `players`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "match_players_result_ck" CHECK(result is null or result in ('win', 'loss', 'draw'))
);
--> statement-breakpoint
INSERT INTO `__new_match_players`("match_id", "player_id", "team", "weight", "rating_before", "deviation_before", "rating_after", "deviation_after", "result", "created_at", "updated_at", "created_by", "updated_by") SELECT "match_id", "player_id", "team", "weight", "rating_before", "deviation_before", "rating_after", "deviation_after", "result", "created_at", "updated_at", "created_by", "updated_by" FROM `match_players`;--> statement-breakpoint
DROP TABLE `match_players`;--> statement-breakpoint
ALTER TABLE `__new_match_players` RENAME TO `match_players`;--> statement-breakpoint
CREATE INDEX `match_players_player_idx` ON `match_players` (`player_id`,`match_id`);