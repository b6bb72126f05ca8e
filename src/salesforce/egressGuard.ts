import type { Connection, HttpRequest, HttpRequestOptions } from 'jsforce';
import { createLazyStream } from 'jsforce/lib/util/stream.js';
import type { EgressPolicy } from './egressPolicy.ts';
import { HostNotAllowedError } from './errors/index.ts';

/** The part of a jsforce transport (of a `Connection` or an `OAuth2`) the guard wraps. */
type Transport = Pick<Connection['_transport'], 'httpRequest'>;

/**
 * The {@link EgressPolicy} of one jsforce session, applied where jsforce sends: every request's URL is
 * checked before it goes out, whatever produced it (the login URL, the `instance_url` or identity URL of
 * a token answer, a `nextRecordsUrl` or identity URL given by a response), and no HTTP redirect is
 * followed. An origin is checked once per session (DNS included) and remembered.
 */
export class EgressGuard {
  private readonly allowed = new Map<string, Promise<void>>();

  constructor(private readonly policy: EgressPolicy) {}

  /** Checks `url` (from `field`, named in the error) and remembers its origin; throws `HostNotAllowedError`. */
  async allow(url: string, field: string): Promise<void> {
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      throw new HostNotAllowedError(`${field} is not an absolute URL`, field);
    }
    let check = this.allowed.get(origin);
    if (check === undefined) {
      check = this.policy.check(url, field).then(() => undefined);
      this.allowed.set(origin, check);
      // A refusal or a failed lookup is not remembered: the next call checks again.
      check.catch(() => this.allowed.delete(origin));
    }
    await check;
  }

  /** Makes `transport` check each request with {@link allow} first and refuse redirects. */
  install(transport: Transport): void {
    const send = transport.httpRequest.bind(transport);
    transport.httpRequest = (req: HttpRequest, options: HttpRequestOptions = {}) => {
      // jsforce writes request bodies (Bulk uploads) into the stream at once: it buffers until the check is done.
      const { stream, setStream } = createLazyStream();
      const response = (async () => {
        await this.allow(req.url, 'request');
        const sent = send(req, { ...options, followRedirect: refuseRedirect });
        setStream(sent.stream());
        return sent;
      })();
      return Object.assign(response, { stream: () => stream });
    };
  }
}

function refuseRedirect(location: string): never {
  throw new HostNotAllowedError(`request: Salesforce answered with a redirect (to ${new URL(location, 'http://relative.invalid').host}), which longhaul does not follow`, 'request');
}
