import { randomBytes } from 'node:crypto';

/** An issued access token and the org it opens. */
export interface AccessSession {
  readonly accessToken: string;
  readonly orgId: string;
  readonly issuedAtMs: number;
  /** API calls made with this token. */
  calls: number;
  revoked: boolean;
}

/** Why a token was refused. */
export type TokenRejection = 'unknown' | 'expired' | 'calls-exhausted' | 'revoked';

/** The token policy of the org a session belongs to, read at every check so admin changes apply at once. */
export interface TokenPolicy {
  readonly lifetimeMs: number;
  readonly maxCalls: number;
}

function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * Access and refresh tokens of every org. Access tokens look like
 * Salesforce's (`<orgId15>!<random>`), expire after the org's lifetime or
 * after its maximum number of calls, and can be revoked; refresh tokens do
 * not expire unless revoked.
 */
export class TokenStore {
  private readonly sessions = new Map<string, AccessSession>();
  private readonly refreshTokens = new Map<string, string>();

  /** Issues a new access token for org `orgId`. */
  issueAccessToken(orgId: string, nowMs: number): AccessSession {
    const session: AccessSession = { accessToken: `${orgId.slice(0, 15)}!AQ${randomToken(72)}`, orgId, issuedAtMs: nowMs, calls: 0, revoked: false };
    this.sessions.set(session.accessToken, session);
    return session;
  }

  /** Issues a refresh token for org `orgId`. */
  issueRefreshToken(orgId: string): string {
    const token = `5Aep${randomToken(60)}`;
    this.refreshTokens.set(token, orgId);
    return token;
  }

  /** The org a refresh token belongs to, or undefined when unknown or revoked. */
  orgOfRefreshToken(refreshToken: string): string | undefined {
    return this.refreshTokens.get(refreshToken);
  }

  /** The org an access token belongs to (valid or not), for routing faults. */
  orgOfAccessToken(accessToken: string): string | undefined {
    return this.sessions.get(accessToken)?.orgId;
  }

  /**
   * Checks an access token for one API call and counts the call; `policy`
   * is the owning org's current token policy.
   */
  useAccessToken(accessToken: string, nowMs: number, policyOf: (orgId: string) => TokenPolicy | undefined): { ok: true; session: AccessSession } | { ok: false; reason: TokenRejection } {
    const session = this.sessions.get(accessToken);
    if (!session) return { ok: false, reason: 'unknown' };
    if (session.revoked) return { ok: false, reason: 'revoked' };
    const policy = policyOf(session.orgId);
    if (!policy) return { ok: false, reason: 'unknown' };
    if (nowMs - session.issuedAtMs >= policy.lifetimeMs) return { ok: false, reason: 'expired' };
    if (session.calls >= policy.maxCalls) return { ok: false, reason: 'calls-exhausted' };
    session.calls += 1;
    return { ok: true, session };
  }

  /** Revokes one access or refresh token (and, for a refresh token, nothing else). */
  revoke(token: string): boolean {
    const session = this.sessions.get(token);
    if (session) {
      session.revoked = true;
      return true;
    }
    return this.refreshTokens.delete(token);
  }

  /** Expires every access token of `orgId` (refresh tokens keep working); returns how many. */
  expireAccessTokens(orgId: string): number {
    let count = 0;
    for (const session of this.sessions.values()) {
      if (session.orgId === orgId && !session.revoked) {
        session.revoked = true;
        count += 1;
      }
    }
    return count;
  }

  /** Forgets every token of `orgId` (when the org is removed). */
  forgetOrg(orgId: string): void {
    for (const [token, session] of this.sessions) if (session.orgId === orgId) this.sessions.delete(token);
    for (const [token, owner] of this.refreshTokens) if (owner === orgId) this.refreshTokens.delete(token);
  }
}
