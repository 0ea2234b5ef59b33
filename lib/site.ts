/** Product-level settings a forking team edits first (toolkits live in lib/toolkits.ts). */
export const site = {
  name: 'Connections Starter',
  description: 'Connect Gmail, Slack, GitHub and more to your account, powered by Composio.',
  /** Where signed-in users land by default. */
  home: '/',
} as const;
