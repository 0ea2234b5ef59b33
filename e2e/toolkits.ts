import { buildCatalog, type AuthScheme, type CatalogToolkit } from '../emulator/catalog';
import { emulatedEmail } from '../emulator/connections';
import { allTools } from '../emulator/tools';
import { offeredToolkits, type ToolkitConfig } from '../lib/toolkits';
import { EMULATOR_CATALOG_SIZE } from './servers';

/**
 * The one place journeys (and unit tests that need them) get toolkits from: the configured list (lib/toolkits.ts)
 * joined with the e2e emulator's catalog (names, auth schemes) and its who-am-I tools. Never name the starter's
 * toolkits in a test: a fork replaces the list and every journey must still pass (e2e/toolkit-independence.test.ts
 * fails on a spec that does). Pick toolkits by what the journey needs (required, optional, connectable, testable),
 * and build accessible names from `toolkit.name`, as the app builds them (`accessibleNames`).
 *
 * What a fork's list must hold for the suite: at least one required toolkit (onboarding), and at least three
 * connectable ones (Composio-managed OAuth or API key, without an `authConfigId`: the emulator starts with no auth
 * config of a fork's own). A list with no toolkit the emulator has a who-am-I tool for is fine: the Test journeys
 * then check that no connection offers Test (`testableToolkit()` is undefined).
 */

/** A toolkit as the journeys see it. */
export type Toolkit = {
  slug: string;
  /** The catalog's display name: the app builds every accessible name from it (`Connect ${name}`). */
  name: string;
  authScheme: AuthScheme;
  /** In lib/toolkits.ts (false for catalog toolkits the product does not offer). */
  offered: boolean;
  required: boolean;
  /** An onboarding step (required toolkits always are). */
  onboarding: boolean;
  reason: string;
  /**
   * Connectable through the e2e emulator's Connect Link: it needs a connection (not no-auth) on Composio-managed
   * auth (a fork's own `authConfigId` does not exist in the emulator).
   */
  connectable: boolean;
  /** The emulator's who-am-I tool for it and who it says an account is; undefined: the app offers no Test. */
  whoAmI?: { tool: string; identity: string };
};

/** The e2e emulator's catalog: the most used toolkits plus every configured one (e2e/serve.ts passes them). */
export const emulatorCatalog: readonly CatalogToolkit[] = buildCatalog(
  EMULATOR_CATALOG_SIZE,
  offeredToolkits.map((toolkit) => toolkit.slug),
);

function toolkitOf(entry: CatalogToolkit, config?: ToolkitConfig): Toolkit {
  const tool = allTools().find((candidate) => candidate.toolkit === entry.slug);
  return {
    slug: entry.slug,
    name: entry.name,
    authScheme: entry.authScheme,
    offered: config !== undefined,
    required: config?.required === true,
    onboarding: config?.required === true || config?.onboarding === true,
    reason: config?.reason ?? '',
    connectable: entry.authScheme !== 'NO_AUTH' && config?.authConfigId === undefined,
    whoAmI: tool ? { tool: tool.slug, identity: tool.identity } : undefined,
  };
}

/** Every toolkit of lib/toolkits.ts, in display order. */
export const configuredToolkits: readonly Toolkit[] = offeredToolkits.map((config: ToolkitConfig) => {
  const entry = emulatorCatalog.find((candidate) => candidate.slug === config.slug);
  if (!entry) throw new Error(`lib/toolkits.ts offers "${config.slug}", which is not in Composio's catalog`);
  return toolkitOf(entry, config);
});

export const requiredToolkits: readonly Toolkit[] = configuredToolkits.filter((toolkit) => toolkit.required);
/** Configured toolkits a user may leave unconnected, in display order. */
export const optionalToolkits: readonly Toolkit[] = configuredToolkits.filter((toolkit) => !toolkit.required);
/** Onboarding's steps: required toolkits first, then the optional onboarding ones, each in display order. */
export const onboardingToolkits: readonly Toolkit[] = [
  ...requiredToolkits,
  ...optionalToolkits.filter((toolkit) => toolkit.onboarding),
];
/** Configured toolkits that are neither required nor onboarding steps: only on the settings page. */
export const settingsOnlyToolkits: readonly Toolkit[] = configuredToolkits.filter((toolkit) => !toolkit.onboarding);
/** Configured toolkits a journey can connect through the emulator, in display order. */
export const connectableToolkits: readonly Toolkit[] = configuredToolkits.filter((toolkit) => toolkit.connectable);

function nth<T>(list: readonly T[], index: number, what: string): T {
  const found = list[index];
  if (!found) throw new Error(`The journeys need ${index + 1} ${what} in lib/toolkits.ts; it has ${list.length}`);
  return found;
}

/** The `index`-th connectable configured toolkit: for journeys about any toolkit (distinct indexes, distinct toolkits). */
export function connectableToolkit(index = 0): Toolkit {
  return nth(connectableToolkits, index, 'connectable toolkit(s)');
}

/**
 * A configured toolkit on Composio-managed OAuth 2 (prefers one, falls back to any connectable one when the list has
 * none): for journeys about the OAuth redirect and its callback.
 */
export function oauthToolkit(index = 0): Toolkit {
  const oauth = connectableToolkits.filter((toolkit) => toolkit.authScheme === 'OAUTH2');
  return oauth[index] ?? connectableToolkit(index);
}

export type TestableToolkit = Toolkit & { whoAmI: NonNullable<Toolkit['whoAmI']> };

/** A connectable configured toolkit the app can Test (the emulator has its who-am-I tool), if the list has one. */
export function testableToolkit(): TestableToolkit | undefined {
  return connectableToolkits.find((toolkit): toolkit is TestableToolkit => Boolean(toolkit.whoAmI));
}

/** A connectable configured toolkit the app cannot Test (no who-am-I tool), if the list has one. */
export function untestableToolkit(): Toolkit | undefined {
  return connectableToolkits.find((toolkit) => !toolkit.whoAmI);
}

/** A required toolkit (the list must have one: onboarding journeys need it). */
export function requiredToolkit(index = 0): Toolkit {
  return nth(requiredToolkits, index, 'required toolkit(s)');
}

/**
 * Toolkits of the emulator's catalog that lib/toolkits.ts does not offer, most used first: the "other connections"
 * and show-all (TOOLKITS_SHOW_ALL) cases. `scheme` picks by auth scheme.
 */
export function catalogToolkits(scheme?: AuthScheme): Toolkit[] {
  const offered = new Set(configuredToolkits.map((toolkit) => toolkit.slug));
  return emulatorCatalog
    .filter((entry) => !offered.has(entry.slug) && (scheme === undefined || entry.authScheme === scheme))
    .map((entry) => toolkitOf(entry));
}

/** The `index`-th OAuth toolkit of the catalog that the product does not offer (connectable with TOOLKITS_SHOW_ALL). */
export function unofferedToolkit(index = 0): Toolkit {
  return nth(catalogToolkits('OAUTH2'), index, 'OAuth catalog toolkit(s) outside');
}

/**
 * A toolkit of the emulator's catalog that needs no connection (Composio's `no_auth`), configured or not: the
 * show-all instance lists it whatever lib/toolkits.ts holds.
 */
export function noAuthToolkit(): Toolkit {
  const entry = emulatorCatalog.find((candidate) => candidate.authScheme === 'NO_AUTH');
  if (!entry) throw new Error("The e2e emulator's catalog has no no-auth toolkit: raise EMULATOR_CATALOG_SIZE");
  return configuredToolkits.find((toolkit) => toolkit.slug === entry.slug) ?? toolkitOf(entry);
}

/** The API key the journeys type on an API-key toolkit's Connect Link (fixtures.ts). */
export const E2E_TOOLKIT_API_KEY = 'e2e-toolkit-key-7f3a';

/** Who the emulator says a new account of `toolkit` is: the label its row shows ("demo@gmail.example"). */
export function accountLabel(toolkit: Toolkit): string {
  return toolkit.authScheme === 'API_KEY'
    ? `API key •••• ${E2E_TOOLKIT_API_KEY.slice(-4)}`
    : emulatedEmail(toolkit.slug);
}

/**
 * The accessible names the app gives a toolkit's controls (components/integrations, components/onboarding). With
 * several accounts on a card, each account's controls name it: pass `account` (its alias or label).
 */
export function accessibleNames(toolkit: Toolkit, account?: string) {
  const name = account === undefined ? toolkit.name : `${toolkit.name} (${account})`;
  return {
    /** The toolkit's card (article) and its heading. */
    card: toolkit.name,
    connect: `Connect ${toolkit.name}`,
    connectAnother: `Connect another ${toolkit.name} account`,
    accounts: `${toolkit.name} accounts`,
    reconnect: `Reconnect ${name}`,
    disconnect: `Disconnect ${name}`,
    enable: `Enable ${name}`,
    test: `Test ${name} connection`,
    moreActions: `More actions for ${name}`,
    resume: `Resume ${name}`,
    cancel: `Cancel ${name} connection`,
    skip: `Skip ${toolkit.name}`,
    /** The toast after a connection completes. */
    connected: `${toolkit.name} connected`,
  };
}

/** `text` matched literally inside a RegExp (a toolkit's name may hold `.` or `(`). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
