CREATE TABLE "rate_limit_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"action" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP TABLE "connect_attempts" CASCADE;--> statement-breakpoint
CREATE INDEX "rate_limit_events_user_action_recent" ON "rate_limit_events" USING btree ("user_id","action","created_at");