CREATE TABLE `tournament_formats` (
	`id` text PRIMARY KEY NOT NULL,
	`guild_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`rounds` integer,
	`best_of` integer DEFAULT 1 NOT NULL,
	`points_win` real NOT NULL,
	`points_draw` real NOT NULL,
	`points_loss` real NOT NULL,
	`points_bye` real NOT NULL,
	`tiebreaks` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text,
	`updated_by` text,
	FOREIGN KEY (`guild_id`) REFERENCES `guilds`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tournament_formats_kind_ck" CHECK(kind in ('swiss', 'round_robin', 'single_elimination', 'double_elimination')),
	CONSTRAINT "tournament_formats_length_ck" CHECK((rounds is null or rounds >= 1) and best_of >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tournament_formats_guild_name_uq` ON `tournament_formats` (`guild_id`,`name`);--> statement-breakpoint
CREATE TABLE `tournament_pairings` (
	`id` text PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`station` integer NOT NULL,
	`entrant_a` text NOT NULL,
	`entrant_b` text,
	`result` text,
	`match_id` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text,
	`updated_by` text,
	FOREIGN KEY (`round_id`) REFERENCES `tournament_rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entrant_a`) REFERENCES `tournament_registrations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entrant_b`) REFERENCES `tournament_registrations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`match_id`) REFERENCES `matches`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tournament_pairings_result_ck" CHECK(result in ('a', 'b', 'draw')),
	CONSTRAINT "tournament_pairings_self_ck" CHECK(entrant_b is null or entrant_b <> entrant_a)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tournament_pairings_station_uq` ON `tournament_pairings` (`round_id`,`station`);--> statement-breakpoint
CREATE INDEX `tournament_pairings_a_idx` ON `tournament_pairings` (`entrant_a`);--> statement-breakpoint
CREATE INDEX `tournament_pairings_b_idx` ON `tournament_pairings` (`entrant_b`);--> statement-breakpoint
CREATE TABLE `tournament_registrations` (
	`id` text PRIMARY KEY NOT NULL,
	`tournament_id` text NOT NULL,
	`seq` integer NOT NULL,
	`player_id` text NOT NULL,
	`team_name` text,
	`status` text DEFAULT 'registered' NOT NULL,
	`late` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text,
	`updated_by` text,
	FOREIGN KEY (`tournament_id`) REFERENCES `tournaments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`player_id`) REFERENCES `players`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tournament_registrations_status_ck" CHECK(status in ('registered', 'checked_in', 'dropped')),
	CONSTRAINT "tournament_registrations_seq_ck" CHECK(seq >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tournament_registrations_seq_uq` ON `tournament_registrations` (`tournament_id`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `tournament_registrations_player_uq` ON `tournament_registrations` (`tournament_id`,`player_id`);--> statement-breakpoint
CREATE INDEX `tournament_registrations_player_idx` ON `tournament_registrations` (`player_id`);--> statement-breakpoint
CREATE TABLE `tournament_rounds` (
	`id` text PRIMARY KEY NOT NULL,
	`stage_id` text NOT NULL,
	`number` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text,
	`updated_by` text,
	FOREIGN KEY (`stage_id`) REFERENCES `tournament_stages`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tournament_rounds_status_ck" CHECK(status in ('pending', 'running', 'finished'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tournament_rounds_number_uq` ON `tournament_rounds` (`stage_id`,`number`);--> statement-breakpoint
CREATE TABLE `tournament_stages` (
	`id` text PRIMARY KEY NOT NULL,
	`tournament_id` text NOT NULL,
	`number` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text,
	`updated_by` text,
	FOREIGN KEY (`tournament_id`) REFERENCES `tournaments`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tournament_stages_kind_ck" CHECK(kind in ('swiss', 'round_robin', 'single_elimination', 'double_elimination')),
	CONSTRAINT "tournament_stages_status_ck" CHECK(status in ('pending', 'running', 'finished'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tournament_stages_number_uq` ON `tournament_stages` (`tournament_id`,`number`);--> statement-breakpoint
CREATE TABLE `tournaments` (
	`id` text PRIMARY KEY NOT NULL,
	`guild_id` text NOT NULL,
	`ladder_id` text NOT NULL,
	`format_id` text NOT NULL,
	`venue_id` text,
	`name` text NOT NULL,
	`rated` integer DEFAULT true NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`starts_at` integer,
	`next_seq` integer DEFAULT 1 NOT NULL,
	`token` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text,
	`updated_by` text,
	FOREIGN KEY (`guild_id`) REFERENCES `guilds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ladder_id`) REFERENCES `ladders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`format_id`) REFERENCES `tournament_formats`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`venue_id`) REFERENCES `venues`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tournaments_status_ck" CHECK(status in ('draft', 'registration', 'check_in', 'running', 'finished')),
	CONSTRAINT "tournaments_next_seq_ck" CHECK(next_seq >= 1)
);
--> statement-breakpoint
CREATE INDEX `tournaments_guild_status_idx` ON `tournaments` (`guild_id`,`status`);--> statement-breakpoint
CREATE TABLE `venues` (
	`id` text PRIMARY KEY NOT NULL,
	`guild_id` text NOT NULL,
	`name` text NOT NULL,
	`stations` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text,
	`updated_by` text,
	FOREIGN KEY (`guild_id`) REFERENCES `guilds`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "venues_stations_ck" CHECK(stations >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `venues_guild_name_uq` ON `venues` (`guild_id`,`name`);