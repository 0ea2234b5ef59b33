import 'server-only';
import { z } from 'zod';
import { getOfferedToolkits, toolkitName } from '@/lib/composio/catalog';
import { getSignedInUser } from '@/lib/auth/current-user';
import {
  insertActivityEvent,
  listActivity,
  type ActivityCursor,
  type ActivityEventInput,
  type ActivityKind,
} from '@/lib/activity/queries';
import { db } from '@/lib/db/client';
import { databaseErrorSummary } from '@/lib/db/error-summary';
import { UserFacingError } from '@/lib/errors';

/** Events per page of the Activity list. */
export const ACTIVITY_PAGE_SIZE = 20;

/**
 * Records a change Composio has confirmed. A database failure does not undo
 * or fail the change itself (the connection exists either way): the event is
 * written to the server log as one JSON line with every field, so it can be
 * replayed by hand, and nothing is dropped silently.
 */
export async function recordActivity(event: ActivityEventInput): Promise<boolean> {
  const at = new Date();
  try {
    await insertActivityEvent(db(), event, at);
    return true;
  } catch (error) {
    console.error(
      `[activity] event not recorded: ${JSON.stringify({ ...event, at: at.toISOString(), error: databaseErrorSummary(error) })}`,
    );
    return false;
  }
}

export const activityCursorSchema = z.object({
  at: z.iso.datetime(),
  id: z.number().int().positive(),
});

/** One line of the Activity list, shaped for the UI (and safe to pass to a client component). */
export type ActivityItemView = {
  id: number;
  toolkitName: string;
  kind: ActivityKind;
  /** The account as it was called at the time ("work", "demo@gmail.example"). */
  accountLabel: string | null;
  /** Whether Composio reported it (a webhook) rather than the user doing it here. */
  fromComposio: boolean;
  /** ISO timestamp. */
  at: string;
};

export type ActivityResult =
  { ok: true; items: ActivityItemView[]; next: ActivityCursor | null; now: number } | { ok: false; error: string };

/**
 * A page of the signed-in user's activity, newest first, older than `before`.
 * One indexed query; toolkit names come from the cached catalog, so no
 * Composio request once warm. A database outage comes back as a message for the page.
 */
export async function loadActivity(
  before: ActivityCursor | null = null,
  /** Only this toolkit's events: the integration's own page. */
  toolkit?: string,
): Promise<ActivityResult> {
  let user;
  try {
    user = await getSignedInUser();
  } catch (error) {
    if (error instanceof UserFacingError) return { ok: false, error: error.message };
    throw error;
  }
  try {
    const [page, catalog] = await Promise.all([
      listActivity(db(), user.id, { limit: ACTIVITY_PAGE_SIZE, before, toolkit }),
      getOfferedToolkits().catch(() => []),
    ]);
    const names = new Map(catalog.map((toolkit) => [toolkit.slug, toolkit.name]));
    // A toolkit found by search (TOOLKITS_SHOW_ALL), or one lib/toolkits.ts no longer offers, is not in the cached
    // listing: its name comes from the per-toolkit cache the integrations list fills too (shared across users), so
    // only a slug no one has had asks Composio.
    const unnamed = [...new Set(page.events.map((event) => event.toolkit))].filter((slug) => !names.has(slug));
    const looked = await Promise.all(unnamed.map(async (slug) => [slug, await toolkitName(slug)] as const));
    for (const [slug, name] of looked) names.set(slug, name);
    return {
      ok: true,
      next: page.next,
      now: Date.now(),
      items: page.events.map((event) => ({
        id: event.id,
        toolkitName: names.get(event.toolkit) ?? event.toolkit,
        kind: event.kind,
        accountLabel: event.accountLabel,
        fromComposio: event.source === 'webhook',
        at: event.at,
      })),
    };
  } catch (error) {
    console.error(`[activity] could not read activity: ${databaseErrorSummary(error)}`);
    return { ok: false, error: 'The app cannot reach its database right now, so your activity cannot be shown.' };
  }
}
