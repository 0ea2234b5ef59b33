-- An account is connected (or reconnected) once: the popup's callback and the waiting page's own status check can
-- both complete the same attempt. Keep the first of any such events recorded twice, then let the index refuse more.
DELETE FROM "activity_events" AS "later"
USING "activity_events" AS "earlier"
WHERE "later"."connected_account_id" = "earlier"."connected_account_id"
	AND "later"."kind" IN ('connected', 'reconnected')
	AND "earlier"."kind" IN ('connected', 'reconnected')
	AND "later"."id" > "earlier"."id";
--> statement-breakpoint
CREATE UNIQUE INDEX "activity_events_one_connection" ON "activity_events" USING btree ("connected_account_id") WHERE "activity_events"."kind" IN ('connected', 'reconnected');
