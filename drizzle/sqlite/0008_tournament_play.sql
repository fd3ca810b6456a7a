CREATE TABLE `tournament_rosters` (
	`tournament_id` text NOT NULL,
	`registration_id` text NOT NULL,
	`player_id` text NOT NULL,
	`position` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text,
	`updated_by` text,
	PRIMARY KEY(`tournament_id`, `player_id`),
	FOREIGN KEY (`tournament_id`) REFERENCES `tournaments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`registration_id`) REFERENCES `tournament_registrations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`player_id`) REFERENCES `players`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tournament_rosters_position_ck" CHECK(position >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tournament_rosters_position_uq` ON `tournament_rosters` (`registration_id`,`position`);--> statement-breakpoint
ALTER TABLE `tournament_pairings` ADD `slot` text;--> statement-breakpoint
ALTER TABLE `tournament_pairings` ADD `forfeit` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `tournament_pairings_slot_uq` ON `tournament_pairings` (`round_id`,`slot`);--> statement-breakpoint
ALTER TABLE `tournament_registrations` ADD `seed` integer;--> statement-breakpoint
ALTER TABLE `tournament_stages` ADD `rounds` integer;--> statement-breakpoint
ALTER TABLE `tournament_stages` ADD `entrants` text;--> statement-breakpoint
ALTER TABLE `tournaments` ADD `top_cut` integer;--> statement-breakpoint
ALTER TABLE `tournaments` ADD `team_size` integer;--> statement-breakpoint
ALTER TABLE `tournaments` ADD `play_version` integer DEFAULT 0 NOT NULL;