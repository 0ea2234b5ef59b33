export type AuthScheme = 'OAUTH2' | 'API_KEY' | 'NO_AUTH';

export type CatalogToolkit = {
  slug: string;
  name: string;
  description: string;
  categories: string[];
  authScheme: AuthScheme;
};

const toolkits: CatalogToolkit[] = [
  {
    slug: 'gmail',
    name: 'Gmail',
    description: 'Read, send and organise email in Gmail.',
    categories: ['communication'],
    authScheme: 'OAUTH2',
  },
  {
    slug: 'googlecalendar',
    name: 'Google Calendar',
    description: 'Create and manage events on Google Calendar.',
    categories: ['productivity'],
    authScheme: 'OAUTH2',
  },
  {
    slug: 'googledrive',
    name: 'Google Drive',
    description: 'Find, upload and share files in Google Drive.',
    categories: ['storage'],
    authScheme: 'OAUTH2',
  },
  {
    slug: 'slack',
    name: 'Slack',
    description: 'Post messages and read channels in Slack.',
    categories: ['communication'],
    authScheme: 'OAUTH2',
  },
  {
    slug: 'github',
    name: 'GitHub',
    description: 'Work with repositories, issues and pull requests.',
    categories: ['developer-tools'],
    authScheme: 'OAUTH2',
  },
  {
    slug: 'notion',
    name: 'Notion',
    description: 'Create and update pages and databases in Notion.',
    categories: ['productivity'],
    authScheme: 'OAUTH2',
  },
  {
    slug: 'linear',
    name: 'Linear',
    description: 'Create and track issues and projects in Linear.',
    categories: ['developer-tools'],
    authScheme: 'OAUTH2',
  },
  {
    slug: 'jira',
    name: 'Jira',
    description: 'Manage issues and sprints in Jira.',
    categories: ['developer-tools'],
    authScheme: 'OAUTH2',
  },
  {
    slug: 'hubspot',
    name: 'HubSpot',
    description: 'Manage contacts, deals and companies in HubSpot.',
    categories: ['crm'],
    authScheme: 'OAUTH2',
  },
  {
    slug: 'discord',
    name: 'Discord',
    description: 'Send messages to Discord servers and channels.',
    categories: ['communication'],
    authScheme: 'OAUTH2',
  },
  {
    slug: 'dropbox',
    name: 'Dropbox',
    description: 'Store and share files in Dropbox.',
    categories: ['storage'],
    authScheme: 'OAUTH2',
  },
  {
    slug: 'figma',
    name: 'Figma',
    description: 'Read files, comments and components in Figma.',
    categories: ['design'],
    authScheme: 'OAUTH2',
  },
  {
    slug: 'serpapi',
    name: 'SerpApi',
    description: 'Search Google and other engines through SerpApi.',
    categories: ['search'],
    authScheme: 'API_KEY',
  },
  {
    slug: 'hackernews',
    name: 'Hacker News',
    description: 'Read stories and comments from Hacker News.',
    categories: ['news'],
    authScheme: 'NO_AUTH',
  },
];

/** The toolkits this emulator knows; with `size`, exactly that many (cut, or padded with synthetic ones) for benchmarks. */
export function buildCatalog(size?: number): CatalogToolkit[] {
  const catalog = [...toolkits];
  for (let index = 1; size !== undefined && catalog.length < size; index++) {
    const number = String(index).padStart(3, '0');
    catalog.push({
      slug: `synthetic-${number}`,
      name: `Synthetic ${number}`,
      description: `A generated toolkit (${number}) for performance benchmarks.`,
      categories: ['synthetic'],
      authScheme: 'OAUTH2',
    });
  }
  return size === undefined ? catalog : catalog.slice(0, size);
}
