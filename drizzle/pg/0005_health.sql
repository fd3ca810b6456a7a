CREATE TABLE "health_heartbeat" (
	"id" text PRIMARY KEY NOT NULL,
	"token" text NOT NULL,
	"beat_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text
);
--> statement-breakpoint
CREATE TABLE "health_outages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"ended_at" timestamp (3) with time zone NOT NULL,
	"failed_checks" integer DEFAULT 0 NOT NULL,
	"worst_status" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	CONSTRAINT "health_outages_status_ck" CHECK (worst_status in ('healthy', 'degraded', 'down'))
);
--> statement-breakpoint
ALTER TABLE "health_checks" ADD COLUMN "status" text DEFAULT 'healthy' NOT NULL;--> statement-breakpoint
ALTER TABLE "health_checks" ADD COLUMN "heartbeat_ms" double precision;--> statement-breakpoint
CREATE INDEX "health_outages_started_idx" ON "health_outages" USING btree ("started_at");