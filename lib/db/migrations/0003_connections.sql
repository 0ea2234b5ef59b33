CREATE TABLE "connection_syncs" (
	"user_id" text PRIMARY KEY NOT NULL,
	"synced_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "connections" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"toolkit" text NOT NULL,
	"status" text NOT NULL,
	"alias" text,
	"label" text,
	"created_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "connections_user" ON "connections" USING btree ("user_id");