import type { Route } from '../api';
import { accountOut, emulatedEmail, requireString } from '../connections';
import { HttpError, readJson, sendJson } from '../http';
import { findVerification, verificationSessionTtl } from '../verifier';

/**
 * `POST /connected_accounts/complete_auth` `{ session_uri, user_id }`: redeems
 * the identity verifier's single-use session (emulator/verifier.ts). Only the
 * account's owner completes it and gets the now-ACTIVE account back; any
 * redemption, refused or not, uses the session up, so a session that reached
 * the wrong browser cannot be tried again. The account of a refused
 * redemption stays INITIATED: it never becomes ACTIVE for anyone.
 */
export const completeAuthRoutes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/connected_accounts\/complete_auth$/,
    async handle(ctx, req, res) {
      const body = await readJson(req);
      const sessionUri = requireString(body, 'session_uri');
      const userId = requireString(body, 'user_id');
      const found = findVerification(ctx, sessionUri);
      if (!found) throw new HttpError(404, 'Verification session not found');
      const { link, account } = found;
      const verification = link.verification!;
      if (verification.redeemed) throw new HttpError(410, 'Verification session has already been used');
      if (Date.now() - Date.parse(verification.createdAt) > verificationSessionTtl(ctx)) {
        throw new HttpError(410, 'Verification session has expired');
      }
      const owner = account.userId === userId;
      await ctx.store.mutate(() => {
        verification.redeemed = true;
        if (!owner) return;
        account.status = 'ACTIVE';
        account.statusReason = null;
        account.displayName = emulatedEmail(account.toolkit);
        account.updatedAt = new Date().toISOString();
      });
      if (!owner) throw new HttpError(403, 'user_id does not match the user this connection was started for');
      sendJson(res, 200, accountOut(ctx, account));
    },
  },
];
