CREATE TABLE `interaction_receipts` (
	`id` text PRIMARY KEY NOT NULL,
	`guild_id` text NOT NULL,
	`kind` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text,
	`updated_by` text
);
--> statement-breakpoint
CREATE TABLE `lobbies` (
	`id` text PRIMARY KEY NOT NULL,
	`guild_id` text NOT NULL,
	`ladder_id` text NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`channel_id` text,
	`opened_by` text NOT NULL,
	`size` integer NOT NULL,
	`team_count` integer NOT NULL,
	`interaction_id` text NOT NULL,
	`proposal` text,
	`split_index` integer DEFAULT 0 NOT NULL,
	`match_id` text,
	`token` text DEFAULT '' NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text,
	`updated_by` text,
	FOREIGN KEY (`guild_id`) REFERENCES `guilds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ladder_id`) REFERENCES `ladders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`match_id`) REFERENCES `matches`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "lobbies_status_ck" CHECK(status in ('open', 'proposed', 'started', 'disputed', 'completed', 'cancelled', 'expired')),
	CONSTRAINT "lobbies_kind_ck" CHECK(kind in ('lobby', 'balance'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lobbies_interaction_uq` ON `lobbies` (`interaction_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `lobbies_match_uq` ON `lobbies` (`match_id`);--> statement-breakpoint
CREATE INDEX `lobbies_status_expires_idx` ON `lobbies` (`status`,`expires_at`);--> statement-breakpoint
CREATE TABLE `lobby_members` (
	`lobby_id` text NOT NULL,
	`slot` integer NOT NULL,
	`player_id` text NOT NULL,
	`party` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text,
	`updated_by` text,
	PRIMARY KEY(`lobby_id`, `slot`),
	FOREIGN KEY (`lobby_id`) REFERENCES `lobbies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`player_id`) REFERENCES `players`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lobby_members_player_uq` ON `lobby_members` (`lobby_id`,`player_id`);--> statement-breakpoint
CREATE TABLE `match_reports` (
	`match_id` text NOT NULL,
	`discord_user_id` text NOT NULL,
	`team` integer NOT NULL,
	`outcome` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text,
	`updated_by` text,
	PRIMARY KEY(`match_id`, `discord_user_id`),
	FOREIGN KEY (`match_id`) REFERENCES `matches`(`id`) ON UPDATE no action ON DELETE no action
);
