CREATE TABLE `idempotency_records` (
	`guild_id` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`status` integer,
	`body` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text,
	`updated_by` text,
	PRIMARY KEY(`guild_id`, `key`)
);
--> statement-breakpoint
CREATE INDEX `api_keys_guild_idx` ON `api_keys` (`guild_id`,`created_at`);