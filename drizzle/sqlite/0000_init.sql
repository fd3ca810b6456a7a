CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`guild_id` text,
	`name` text NOT NULL,
	`key_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`scopes` text DEFAULT '[]' NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text,
	`updated_by` text,
	FOREIGN KEY (`guild_id`) REFERENCES `guilds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_key_hash_unique` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE TABLE `guilds` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text,
	`updated_by` text
);
--> statement-breakpoint
CREATE TABLE `health_checks` (
	`id` text PRIMARY KEY NOT NULL,
	`checked_at` integer NOT NULL,
	`ok` integer NOT NULL,
	`backend` text NOT NULL,
	`latency_ms` real,
	`schema_version` text,
	`error` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text,
	`updated_by` text
);
--> statement-breakpoint
CREATE INDEX `health_checks_checked_idx` ON `health_checks` (`checked_at`);--> statement-breakpoint
CREATE TABLE `match_players` (
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
	FOREIGN KEY (`player_id`) REFERENCES `players`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `match_players_player_idx` ON `match_players` (`player_id`,`match_id`);--> statement-breakpoint
CREATE TABLE `matches` (
	`id` text PRIMARY KEY NOT NULL,
	`guild_id` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`team_count` integer NOT NULL,
	`ranks` text,
	`winner_team` integer,
	`result_type` text,
	`idempotency_key` text,
	`version` integer DEFAULT 0 NOT NULL,
	`completed_at` integer,
	`cancelled_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text,
	`updated_by` text,
	FOREIGN KEY (`guild_id`) REFERENCES `guilds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `matches_guild_idem_uq` ON `matches` (`guild_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `matches_guild_created_idx` ON `matches` (`guild_id`,`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `players` (
	`id` text PRIMARY KEY NOT NULL,
	`guild_id` text NOT NULL,
	`discord_user_id` text NOT NULL,
	`display_name` text NOT NULL,
	`rating` real NOT NULL,
	`deviation` real NOT NULL,
	`volatility` real NOT NULL,
	`games` integer DEFAULT 0 NOT NULL,
	`wins` integer DEFAULT 0 NOT NULL,
	`losses` integer DEFAULT 0 NOT NULL,
	`draws` integer DEFAULT 0 NOT NULL,
	`last_played_at` integer,
	`rating_version` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text,
	`updated_by` text,
	FOREIGN KEY (`guild_id`) REFERENCES `guilds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `players_guild_discord_uq` ON `players` (`guild_id`,`discord_user_id`);--> statement-breakpoint
CREATE INDEX `players_leaderboard_idx` ON `players` (`guild_id`,"rating" desc,`id`);--> statement-breakpoint
CREATE INDEX `players_guild_created_idx` ON `players` (`guild_id`,`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `rating_ledger` (
	`id` text PRIMARY KEY NOT NULL,
	`guild_id` text NOT NULL,
	`player_id` text NOT NULL,
	`match_id` text NOT NULL,
	`seq` integer NOT NULL,
	`team` integer NOT NULL,
	`weight` real NOT NULL,
	`score` real NOT NULL,
	`expected` real NOT NULL,
	`rating_before` real NOT NULL,
	`deviation_before` real NOT NULL,
	`volatility_before` real NOT NULL,
	`rating_after` real NOT NULL,
	`deviation_after` real NOT NULL,
	`volatility_after` real NOT NULL,
	`applied_at` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text,
	`updated_by` text,
	FOREIGN KEY (`player_id`) REFERENCES `players`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`match_id`) REFERENCES `matches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rating_ledger_match_player_uq` ON `rating_ledger` (`match_id`,`player_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `rating_ledger_player_seq_uq` ON `rating_ledger` (`player_id`,`seq`);