import { IncompleteCredentialsError } from './errors/index.ts';

/** How longhaul authenticates to an org. */
export const OrgAuthFlow = {
  /** OAuth 2.0 username-password grant with a connected app's client id and secret. */
  UsernamePassword: 'USERNAME_PASSWORD',
  /** OAuth 2.0 refresh-token grant with the connected app's client id and secret. */
  RefreshToken: 'REFRESH_TOKEN',
  /** A given access token on a given instance; it cannot be renewed. */
  AccessToken: 'ACCESS_TOKEN',
} as const;
export type OrgAuthFlow = (typeof OrgAuthFlow)[keyof typeof OrgAuthFlow];

/** The credentials of one org, by flow; the secret fields are those of {@link OrgSecrets}. */
export type OrgCredentials =
  | { flow: typeof OrgAuthFlow.UsernamePassword; loginUrl: string; username: string; password: string; clientId: string; clientSecret: string }
  | { flow: typeof OrgAuthFlow.RefreshToken; loginUrl: string; clientId: string; clientSecret: string; refreshToken: string; instanceUrl: string | null }
  | { flow: typeof OrgAuthFlow.AccessToken; instanceUrl: string; accessToken: string };

/** The secret part of credentials: sealed at rest, never returned, never logged. */
export interface OrgSecrets {
  password?: string;
  clientSecret?: string;
  refreshToken?: string;
  accessToken?: string;
}

/** What a client sends to connect an org (every field optional; the flow follows from which are set). */
export interface OrgCredentialsInput {
  loginUrl?: string | null;
  username?: string | null;
  password?: string | null;
  clientId?: string | null;
  clientSecret?: string | null;
  refreshToken?: string | null;
  instanceUrl?: string | null;
  accessToken?: string | null;
}

/** Salesforce's production login URL, the default of `loginUrl`. */
export const DEFAULT_LOGIN_URL = 'https://login.salesforce.com';

const present = (value: string | null | undefined): value is string => value !== undefined && value !== null && value.trim() !== '';

function url(value: string, field: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new IncompleteCredentialsError(`${field} is not a URL`, [field]);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new IncompleteCredentialsError(`${field} must be an http(s) URL`, [field]);
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

function require(input: OrgCredentialsInput, flow: string, fields: (keyof OrgCredentialsInput)[]): void {
  const missing = fields.filter((f) => !present(input[f]));
  if (missing.length > 0) throw new IncompleteCredentialsError(`the ${flow} flow also needs ${missing.join(', ')}`, missing);
}

/**
 * Decides the flow from which fields are set and checks it is complete: `accessToken` (with `instanceUrl`),
 * else `refreshToken` (with `clientId`, `clientSecret`), else `username` + `password` (with `clientId`, `clientSecret`).
 * Throws {@link IncompleteCredentialsError} for an incomplete or ambiguous combination.
 */
export function resolveOrgCredentials(input: OrgCredentialsInput): OrgCredentials {
  const flows = [present(input.accessToken), present(input.refreshToken), present(input.username) || present(input.password)].filter(Boolean).length;
  if (flows === 0) {
    throw new IncompleteCredentialsError('give username and password, a refreshToken, or an instanceUrl and accessToken (with clientId and clientSecret for the first two)', ['username', 'password', 'refreshToken', 'accessToken']);
  }
  if (flows > 1) throw new IncompleteCredentialsError('give the fields of one flow only: username-password, refresh token, or access token');
  const loginUrl = url(present(input.loginUrl) ? input.loginUrl : DEFAULT_LOGIN_URL, 'loginUrl');
  if (present(input.accessToken)) {
    require(input, 'access-token', ['instanceUrl']);
    return { flow: OrgAuthFlow.AccessToken, instanceUrl: url(input.instanceUrl!, 'instanceUrl'), accessToken: input.accessToken };
  }
  if (present(input.refreshToken)) {
    require(input, 'refresh-token', ['clientId', 'clientSecret']);
    return {
      flow: OrgAuthFlow.RefreshToken,
      loginUrl,
      clientId: input.clientId!,
      clientSecret: input.clientSecret!,
      refreshToken: input.refreshToken,
      instanceUrl: present(input.instanceUrl) ? url(input.instanceUrl, 'instanceUrl') : null,
    };
  }
  require(input, 'username-password', ['username', 'password', 'clientId', 'clientSecret']);
  return { flow: OrgAuthFlow.UsernamePassword, loginUrl, username: input.username!, password: input.password!, clientId: input.clientId!, clientSecret: input.clientSecret! };
}

/** Splits credentials into what is stored in clear and the secrets to seal. */
export function splitSecrets(credentials: OrgCredentials): { secrets: OrgSecrets; publicFields: Omit<OrgCredentialsInput, keyof OrgSecrets> } {
  switch (credentials.flow) {
    case OrgAuthFlow.UsernamePassword:
      return {
        secrets: { password: credentials.password, clientSecret: credentials.clientSecret },
        publicFields: { loginUrl: credentials.loginUrl, username: credentials.username, clientId: credentials.clientId },
      };
    case OrgAuthFlow.RefreshToken:
      return {
        secrets: { refreshToken: credentials.refreshToken, clientSecret: credentials.clientSecret },
        publicFields: { loginUrl: credentials.loginUrl, clientId: credentials.clientId, instanceUrl: credentials.instanceUrl },
      };
    case OrgAuthFlow.AccessToken:
      return { secrets: { accessToken: credentials.accessToken }, publicFields: { instanceUrl: credentials.instanceUrl } };
    default: {
      const unreachable: never = credentials;
      throw new Error(`unknown flow ${String(unreachable)}`);
    }
  }
}
