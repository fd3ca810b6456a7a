CREATE TABLE `health_heartbeat` (
	`id` text PRIMARY KEY NOT NULL,
	`token` text NOT NULL,
	`beat_at` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text,
	`updated_by` text
);
--> statement-breakpoint
CREATE TABLE `health_outages` (
	`id` text PRIMARY KEY NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer NOT NULL,
	`failed_checks` integer DEFAULT 0 NOT NULL,
	`worst_status` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`created_by` text,
	`updated_by` text,
	CONSTRAINT "health_outages_status_ck" CHECK(worst_status in ('healthy', 'degraded', 'down'))
);
--> statement-breakpoint
CREATE INDEX `health_outages_started_idx` ON `health_outages` (`started_at`);--> statement-breakpoint
ALTER TABLE `health_checks` ADD `status` text DEFAULT 'healthy' NOT NULL;--> statement-breakpoint
ALTER TABLE `health_checks` ADD `heartbeat_ms` real;