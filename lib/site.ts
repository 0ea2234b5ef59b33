/** Product-level settings a forking team edits first (toolkits live in lib/toolkits.ts). */
export const site = {
  name: 'Connections Starter',
  description: 'Connect Gmail, Slack, GitHub and more to your account, powered by Composio.',
  /** Where signed-in users land by default, and where onboarding's Continue leads. */
  home: '/',
  /** Send signed-in users who have not connected every required toolkit from the home page to /onboarding. */
  requireOnboarding: true,
} as const;
