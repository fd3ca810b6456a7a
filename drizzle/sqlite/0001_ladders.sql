CREATE TABLE `ladder_players` (
	`ladder_id` text NOT NULL,
	`player_id` text NOT NULL,
	`guild_id` text NOT NULL,
	`rating` real NOT NULL,
	`deviation` real NOT NULL,
	`volatility` real NOT NULL,
	`games` integer DEFAULT 0 NOT NULL,
	`wins` integer DEFAULT 0 NOT NULL,
	`losses` integer DEFAULT 0 NOT NULL,
	`draws` integer DEFAULT 0 NOT NULL,
	`last_played_at` integer,
	`rating_version` integer DEFAULT 0 NOT NULL,
	`write_token` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text,
	`updated_by` text,
	PRIMARY KEY(`ladder_id`, `player_id`),
	FOREIGN KEY (`ladder_id`) REFERENCES `ladders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`player_id`) REFERENCES `players`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`guild_id`) REFERENCES `guilds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ladder_players_leaderboard_idx` ON `ladder_players` (`ladder_id`,"rating" desc,`player_id`);--> statement-breakpoint
CREATE INDEX `ladder_players_player_idx` ON `ladder_players` (`player_id`);--> statement-breakpoint
CREATE TABLE `ladders` (
	`id` text PRIMARY KEY NOT NULL,
	`guild_id` text NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`team_count` integer NOT NULL,
	`team_size` integer NOT NULL,
	`tau` real NOT NULL,
	`initial_rating` real NOT NULL,
	`initial_deviation` real NOT NULL,
	`initial_volatility` real NOT NULL,
	`min_deviation` real NOT NULL,
	`max_deviation` real NOT NULL,
	`rating_period_ms` integer NOT NULL,
	`idle_deviation_per_day` real NOT NULL,
	`provisional_max_deviation` real NOT NULL,
	`provisional_min_games` integer NOT NULL,
	`require_confirmation` integer NOT NULL,
	`season_reset_mode` text NOT NULL,
	`soft_reset_fraction` real NOT NULL,
	`soft_reset_min_deviation` real NOT NULL,
	`season` integer DEFAULT 1 NOT NULL,
	`season_started_at` integer NOT NULL,
	`result_seq` integer DEFAULT 0 NOT NULL,
	`write_token` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text,
	`updated_by` text,
	FOREIGN KEY (`guild_id`) REFERENCES `guilds`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ladders_reset_mode_ck" CHECK(season_reset_mode in ('full', 'soft'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ladders_guild_slug_uq` ON `ladders` (`guild_id`,`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `ladders_guild_default_uq` ON `ladders` (`guild_id`) WHERE is_default = 1;--> statement-breakpoint
CREATE TABLE `rating_corrections` (
	`id` text PRIMARY KEY NOT NULL,
	`ladder_id` text NOT NULL,
	`match_id` text NOT NULL,
	`season` integer NOT NULL,
	`kind` text NOT NULL,
	`ranks_before` text NOT NULL,
	`ranks_after` text,
	`replayed_matches` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text,
	`updated_by` text,
	FOREIGN KEY (`ladder_id`) REFERENCES `ladders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`match_id`) REFERENCES `matches`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "rating_corrections_kind_ck" CHECK(kind in ('correct', 'void'))
);
--> statement-breakpoint
CREATE INDEX `rating_corrections_ladder_idx` ON `rating_corrections` (`ladder_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `season_standings` (
	`season_id` text NOT NULL,
	`player_id` text NOT NULL,
	`rank` integer,
	`rating` real NOT NULL,
	`deviation` real NOT NULL,
	`games` integer NOT NULL,
	`wins` integer NOT NULL,
	`losses` integer NOT NULL,
	`draws` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text,
	`updated_by` text,
	PRIMARY KEY(`season_id`, `player_id`),
	FOREIGN KEY (`season_id`) REFERENCES `seasons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`player_id`) REFERENCES `players`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `season_standings_rank_idx` ON `season_standings` (`season_id`,`rank`);--> statement-breakpoint
CREATE TABLE `seasons` (
	`id` text PRIMARY KEY NOT NULL,
	`ladder_id` text NOT NULL,
	`number` integer NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text,
	`updated_by` text,
	FOREIGN KEY (`ladder_id`) REFERENCES `ladders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `seasons_ladder_number_uq` ON `seasons` (`ladder_id`,`number`);--> statement-breakpoint
ALTER TABLE `matches` ADD `ladder_id` text REFERENCES ladders(id);--> statement-breakpoint
ALTER TABLE `matches` ADD `season` integer;--> statement-breakpoint
ALTER TABLE `matches` ADD `result_seq` integer;--> statement-breakpoint
ALTER TABLE `matches` ADD `voided_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `matches_ladder_result_seq_uq` ON `matches` (`ladder_id`,`result_seq`);--> statement-breakpoint
ALTER TABLE `rating_ledger` ADD `ladder_id` text REFERENCES ladders(id);--> statement-breakpoint
ALTER TABLE `rating_ledger` ADD `season` integer;--> statement-breakpoint
ALTER TABLE `rating_ledger` ADD `result_seq` integer;--> statement-breakpoint
ALTER TABLE `rating_ledger` ADD `result` text;--> statement-breakpoint
ALTER TABLE `rating_ledger` ADD `previous_played_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `rating_ledger_ladder_player_seq_uq` ON `rating_ledger` (`ladder_id`,`player_id`,`result_seq`);--> statement-breakpoint
CREATE INDEX `rating_ledger_ladder_season_seq_idx` ON `rating_ledger` (`ladder_id`,`season`,`result_seq`);