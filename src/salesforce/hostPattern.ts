/**
 * A host name an org URL may have: an exact name (`login.salesforce.com`) or `*.suffix`
 * (`*.my.salesforce.com`: any name ending in `.my.salesforce.com`, at any depth, but not the suffix
 * itself). Names compare without case and without a trailing dot.
 */
export class HostPattern {
  private constructor(
    /** The pattern as written (lower case). */
    readonly source: string,
    private readonly exact: string | undefined,
    private readonly suffix: string | undefined,
  ) {}

  /**
   * Parses one pattern; throws a `RangeError` for anything else than a host name or `*.` followed by
   * a suffix of at least two labels (`*` alone or `*.com` would let everything through).
   */
  static parse(pattern: string): HostPattern {
    const source = normalizeHost(pattern.trim());
    const label = '[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?';
    if (source.startsWith('*.')) {
      const suffix = source.slice(2);
      if (!new RegExp(`^${label}(\\.${label})+$`).test(suffix)) throw new RangeError(`"${pattern}" must be *. followed by a domain of at least two labels, e.g. *.example.com`);
      return new HostPattern(source, undefined, `.${suffix}`);
    }
    if (!new RegExp(`^${label}(\\.${label})*$`).test(source)) throw new RangeError(`"${pattern}" is not a host name or *.suffix pattern`);
    return new HostPattern(source, source, undefined);
  }

  /** Whether `host` (a URL's `hostname`) is this name or ends with this suffix. */
  matches(host: string): boolean {
    const name = normalizeHost(host);
    if (this.exact !== undefined) return name === this.exact;
    return this.suffix !== undefined && name.endsWith(this.suffix) && name.length > this.suffix.length;
  }
}

/** Lower case, without IPv6 brackets or a trailing dot: the form host names are compared in. */
export function normalizeHost(host: string): string {
  return host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
}
