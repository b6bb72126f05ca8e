import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { HostNotAllowedError } from './errors/index.ts';
import { HostPattern, normalizeHost } from './hostPattern.ts';
import { classifyAddress, type AddressClass } from './ipAddressRange.ts';
import { SALESFORCE_HOSTS } from './salesforceHosts.ts';

/** Resolves a host name to all its addresses, as a connection would (`getaddrinfo`: `/etc/hosts`, then DNS). */
export type HostResolver = (hostname: string) => Promise<string[]>;

/** Options of {@link EgressPolicy}. */
export interface EgressPolicyOptions {
  /** Host names or `*.suffix` patterns allowed besides {@link SALESFORCE_HOSTS} (`LONGHAUL_SALESFORCE_ALLOWED_HOSTS`); default none. */
  allowedHosts?: readonly string[];
  /**
   * Allow URLs whose host resolves to loopback addresses only, on any port (`LONGHAUL_SALESFORCE_ALLOW_LOOPBACK=on`,
   * which the configuration ignores with `NODE_ENV=production`); default `false`.
   */
  allowLoopback?: boolean;
  /** URL of the sandbox org this service started (development): loopback is allowed on its port; default none. */
  sandboxUrl?: string;
  /** Refuse `http:` URLs (`NODE_ENV=production`); default `false`. */
  requireHttps?: boolean;
  /** How host names are resolved; default `dns.lookup(name, { all: true })`, what Node's HTTP client does. */
  resolve?: HostResolver;
}

const defaultResolver: HostResolver = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

const portOf = (url: URL): number => (url.port !== '' ? Number(url.port) : url.protocol === 'https:' ? 443 : 80);

/**
 * Where longhaul may send a Salesforce request. A URL passes when:
 * - it is `https:` (or `http:` outside production);
 * - its host is one of Salesforce's login and instance hosts ({@link SALESFORCE_HOSTS}) or of `allowedHosts`;
 * - and every address the host resolves to is public: not loopback, private (RFC 1918, IPv6 site-local),
 *   link-local (169.254/16, fe80::/10, where cloud metadata services answer), unique-local (fc00::/7),
 *   0.0.0.0/8, shared CGNAT (100.64/10), multicast or reserved.
 *
 * The one exception is loopback for the development sandbox: a URL whose host resolves to loopback only
 * passes, whatever its name, on the port of `sandboxUrl` (the sandbox `longhaul all` started) or on any
 * port with `allowLoopback`.
 *
 * A refused URL throws {@link HostNotAllowedError} before anything is sent to it: a host outside the list
 * is refused without even a DNS lookup. The addresses are checked when the URL is checked; a connection
 * made later resolves the name again, so a host whose DNS its owner controls could still rebind in between:
 * keep `allowedHosts` to hosts whose DNS you trust.
 */
export class EgressPolicy {
  private readonly patterns: readonly HostPattern[];
  private readonly allowLoopback: boolean;
  private readonly sandboxPort: number | undefined;
  private readonly requireHttps: boolean;
  private readonly resolve: HostResolver;

  constructor(options: EgressPolicyOptions = {}) {
    this.patterns = [...SALESFORCE_HOSTS, ...(options.allowedHosts ?? [])].map((p) => HostPattern.parse(p));
    this.allowLoopback = options.allowLoopback ?? false;
    this.sandboxPort = options.sandboxUrl === undefined ? undefined : portOf(new URL(options.sandboxUrl));
    this.requireHttps = options.requireHttps ?? false;
    this.resolve = options.resolve ?? defaultResolver;
  }

  /**
   * Checks `url` (from `field`, named in the error) and answers it parsed; throws {@link HostNotAllowedError}
   * when it may not be called, or the resolver's error when its host does not resolve.
   */
  async check(url: string, field: string): Promise<URL> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new HostNotAllowedError(`${field} is not a URL`, field);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new HostNotAllowedError(`${field} must be an https URL`, field);
    if (this.requireHttps && parsed.protocol !== 'https:') throw new HostNotAllowedError(`${field} must be an https URL (NODE_ENV=production)`, field);
    const host = normalizeHost(parsed.hostname);
    const listed = this.patterns.some((p) => p.matches(host));
    const loopbackMayPass = this.allowLoopback || (this.sandboxPort !== undefined && portOf(parsed) === this.sandboxPort);
    const notListed = () => new HostNotAllowedError(`${field}: ${host} is not a Salesforce login or instance host (login.salesforce.com, test.salesforce.com, *.my.salesforce.com, ...; LONGHAUL_SALESFORCE_ALLOWED_HOSTS adds hosts)`, field);
    if (!listed && !loopbackMayPass) throw notListed();
    const addresses = isIP(host) !== 0 ? [host] : await this.resolve(host);
    const classes = addresses.map(classifyAddress);
    if (classes.length === 0) throw new HostNotAllowedError(`${field}: ${host} resolves to no address`, field);
    if (loopbackMayPass && classes.every((c) => c === 'loopback')) return parsed;
    if (!listed) throw notListed();
    const refused = classes.find((c): c is Exclude<AddressClass, 'public'> => c !== 'public');
    if (refused !== undefined) throw new HostNotAllowedError(`${field}: ${host} resolves to a ${refused} address, which longhaul never calls`, field);
    return parsed;
  }
}
