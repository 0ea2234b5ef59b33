import { z } from 'zod';

/**
 * The toolkits this product offers, in display order. Edit this first when you fork:
 * - `slug`: Composio's toolkit slug (names, descriptions and logos come from Composio's catalog).
 * - `required`: the user must connect it during onboarding before using the app.
 * - `onboarding`: offered as an optional step during onboarding (required ones always are).
 * - `reason`: why the product needs it, shown during onboarding.
 * - `authConfigId`: your own Composio auth config (`ac_…`, e.g. your OAuth app) instead of
 *   Composio-managed auth; required for toolkits Composio has no managed auth for.
 */
export const offeredToolkits = [
  { slug: 'gmail', required: true, reason: 'We read and draft email for you.' },
  { slug: 'slack', required: true, reason: 'We post your daily summary to a Slack channel.' },
  { slug: 'github', onboarding: true, reason: 'We link pull requests to your tasks.' },
  { slug: 'googlecalendar', reason: 'We schedule follow-ups on your calendar.' },
  { slug: 'notion', reason: 'We file meeting notes in your workspace.' },
  { slug: 'linear', reason: 'We create issues from action items.' },
  { slug: 'googledrive', reason: 'We attach documents from your Drive.' },
  { slug: 'jira', reason: 'We sync tickets with your projects.' },
] as const satisfies readonly ToolkitConfig[];

/**
 * Toolkits the settings page lists at once, and how many more each "Show more"
 * (or, with TOOLKITS_SHOW_ALL, each page of Composio's catalog) brings: the
 * page never carries the whole catalog (1,595 toolkits on Composio).
 */
export const TOOLKITS_PAGE_SIZE = 24;

export type ToolkitConfig = {
  slug: string;
  required?: boolean;
  onboarding?: boolean;
  reason: string;
  authConfigId?: string;
};

export type ToolkitSlug = (typeof offeredToolkits)[number]['slug'];

const offeredSlugs = offeredToolkits.map((toolkit) => toolkit.slug) as [ToolkitSlug, ...ToolkitSlug[]];

/** Validates a toolkit slug from user input against the configured list. */
export const toolkitSlugSchema = z.enum(offeredSlugs, { error: 'Unknown toolkit' });

export function toolkitConfig(slug: string): ToolkitConfig | undefined {
  return offeredToolkits.find((toolkit) => toolkit.slug === slug);
}

/** Onboarding's steps in a list: required toolkits first, then the optional onboarding ones, each in list order. */
export function onboardingStepsOf(toolkits: readonly ToolkitConfig[]): readonly ToolkitConfig[] {
  return [
    ...toolkits.filter((toolkit) => toolkit.required),
    ...toolkits.filter((toolkit) => !toolkit.required && toolkit.onboarding),
  ];
}

/** The configured list's onboarding steps. */
export const onboardingToolkits: readonly ToolkitConfig[] = onboardingStepsOf(offeredToolkits);
