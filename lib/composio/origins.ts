/** Where Composio's cloud serves toolkit logos and Connect Link pages. */
const CLOUD_LOGO_ORIGIN = 'https://logos.composio.dev';
const CLOUD_CONNECT_LINK_ORIGIN = 'https://connect.composio.dev';

export type ComposioBrowserOrigins = {
  /** Origins the browser may load toolkit logos from (CSP img-src). */
  logos: string[];
  /** Origins a Connect form may send the browser to (CSP form-action). */
  connectLinks: string[];
};

/**
 * The Composio origins a browser of this app talks to, derived from the
 * configured API origin, so the CSP names exactly these and nothing else.
 * The local emulator serves logos and its stand-in Connect Link page from its
 * own origin; Composio's cloud uses its logo and Connect hosts; a custom API
 * origin (a proxy in front of Composio) may serve either, so both are allowed.
 */
export function composioBrowserOrigins(composio: {
  baseUrl?: string;
  usesLocalEmulator: boolean;
}): ComposioBrowserOrigins {
  const api = composio.baseUrl ? new URL(composio.baseUrl).origin : undefined;
  if (api && composio.usesLocalEmulator) return { logos: [api], connectLinks: [api] };
  return {
    logos: [CLOUD_LOGO_ORIGIN, ...(api ? [api] : [])],
    connectLinks: [CLOUD_CONNECT_LINK_ORIGIN, ...(api ? [api] : [])],
  };
}

/** The logo URL if the CSP lets the browser load it, else null (the page shows a placeholder instead of a broken image). */
export function allowedLogo(logo: string | null | undefined, origins: ComposioBrowserOrigins): string | null {
  if (!logo || !URL.canParse(logo)) return null;
  return origins.logos.includes(new URL(logo).origin) ? logo : null;
}
