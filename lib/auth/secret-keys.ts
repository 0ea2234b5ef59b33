import 'server-only';
import { hkdfSync } from 'node:crypto';
import { decode, encode } from 'next-auth/jwt';

/**
 * What a sealed cookie is for. Each purpose is its own salt, so Auth.js derives
 * it its own key from AUTH_SECRET: a value sealed for one (a flash message) can
 * never be passed off as another (a pending attempt), nor as a session, whose
 * salt is its cookie name.
 */
export type SealPurpose = 'composio-connections-starter/pending-attempts' | 'composio-connections-starter/flash';

/**
 * Seals `payload` the way Auth.js seals its session cookie (`next-auth/jwt`: a
 * JWE, A256CBC-HS512 under a key derived from AUTH_SECRET and the purpose):
 * the value reveals nothing, and any change to it, a value sealed with another
 * secret or for another purpose, or one past `maxAgeSeconds`, does not open.
 */
export function sealValue(
  payload: Record<string, unknown>,
  secret: string,
  purpose: SealPurpose,
  maxAgeSeconds: number,
): Promise<string> {
  return encode({ token: payload, secret, salt: purpose, maxAge: maxAgeSeconds });
}

/** The payload of a value `sealValue` made for `purpose` with `secret`, or null (malformed, tampered, expired, foreign). */
export async function openValue(value: string | undefined, secret: string, purpose: SealPurpose): Promise<unknown> {
  // Cookies stay under about 4 kB: anything longer was not made here, and is not worth decrypting.
  if (!value || value.length > 4096) return null;
  try {
    return await decode({ token: value, secret, salt: purpose });
  } catch {
    return null;
  }
}

/**
 * A 256-bit key for the connection test's proof (lib/connection-test), derived
 * from AUTH_SECRET with HKDF-SHA256 under its own label, so it is not
 * AUTH_SECRET itself. A MAC, not a sealed value: the proof is checked in a
 * server action, synchronously, and sealing would only make it longer.
 */
export function deriveKey(secret: string, purpose: 'connection-test-proof/v1'): Buffer {
  // Read for every account on every integrations load: derive once per secret.
  const id = `${purpose}\0${secret}`;
  let key = derivedKeys.get(id);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, 'composio-connections-starter', purpose, 32));
    derivedKeys.set(id, key);
  }
  return key;
}

const derivedKeys = new Map<string, Buffer>();

/**
 * The name and `Secure` flag of a cookie the app sets. On https (APP_URL) the
 * cookie is Secure and `__Host-` prefixed: browsers then refuse it unless this
 * exact origin set it over https for the whole site, so a sibling host or an
 * http page on the same host cannot plant or overwrite it.
 */
export function appCookie(name: string, appUrl: string): { name: string; secure: boolean } {
  return appUrl.startsWith('https:') ? { name: `__Host-${name}`, secure: true } : { name, secure: false };
}
