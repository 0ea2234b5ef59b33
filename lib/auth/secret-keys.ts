import 'server-only';
import { hkdfSync } from 'node:crypto';

/**
 * A 256-bit key for one purpose, derived from AUTH_SECRET with HKDF-SHA256.
 * Each purpose has its own label, so a value made for one (a signed flash
 * message) can never be passed off as another (a pending attempt), and no
 * purpose uses AUTH_SECRET itself, which Auth.js uses for sessions.
 */
export function deriveKey(
  secret: string,
  purpose: 'flash-signature/v1' | 'pending-attempt-encryption/v1' | 'connection-test-proof/v1',
): Buffer {
  // Read on every page (the flash) and every integrations load (the attempt): derive once per secret and purpose.
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
