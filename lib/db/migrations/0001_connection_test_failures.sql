CREATE TABLE "connection_test_failures" (
	"connected_account_id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"reason" text NOT NULL,
	"failed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "connection_test_failures_user" ON "connection_test_failures" USING btree ("user_id");