import { SandboxError } from '../errors/sandboxError.ts';
import { SandboxErrorCode } from '../errors/sandboxErrorCode.ts';
import type { OrgEnvironment } from './orgEnvironment.ts';
import { resolveOrgOptions, type OrgOptions } from './orgOptions.ts';
import { OrgServices, type OrgServicesOptions } from './orgServices.ts';
import { SandboxOrg } from './sandboxOrg.ts';

/** The orgs of one sandbox, found by Id (15 or 18 characters) or username (any case). */
export class OrgRegistry {
  private readonly byId = new Map<string, OrgServices>();
  private readonly env: OrgEnvironment;
  private readonly defaultSeed: number;
  private readonly servicesOptions: OrgServicesOptions;
  private nextOrgNumber = 1;

  constructor(env: OrgEnvironment, defaultSeed: number, servicesOptions: OrgServicesOptions) {
    this.env = env;
    this.defaultSeed = defaultSeed;
    this.servicesOptions = servicesOptions;
  }

  /** Creates an org; throws `SANDBOX_ORG_EXISTS` when the username is taken. */
  add(options: OrgOptions): OrgServices {
    const resolved = resolveOrgOptions(options, this.defaultSeed);
    if (this.byUsername(resolved.username)) {
      throw new SandboxError(SandboxErrorCode.ORG_EXISTS, `an org with username ${resolved.username} already exists`, 409);
    }
    const org = new SandboxOrg(this.nextOrgNumber, resolved, this.env);
    this.nextOrgNumber += 1;
    const services = new OrgServices(org, this.servicesOptions);
    this.byId.set(org.orgId.slice(0, 15), services);
    return services;
  }

  /** Removes org `orgId`; false when there is none. */
  remove(orgId: string): boolean {
    return this.byId.delete(orgId.slice(0, 15));
  }

  /** Org `orgId`, or undefined. */
  get(orgId: string): OrgServices | undefined {
    return this.byId.get(orgId.slice(0, 15));
  }

  /** Org `orgId`, or a `SANDBOX_ORG_NOT_FOUND` error. */
  require(orgId: string): OrgServices {
    const services = this.get(orgId) ?? this.byUsername(orgId);
    if (!services) throw new SandboxError(SandboxErrorCode.ORG_NOT_FOUND, `no org ${orgId}`, 404);
    return services;
  }

  /** The org whose login is `username` (any case), or undefined. */
  byUsername(username: string): OrgServices | undefined {
    const wanted = username.toLowerCase();
    for (const services of this.byId.values()) {
      if (services.org.username.toLowerCase() === wanted) return services;
    }
    return undefined;
  }

  /** All orgs in creation order. */
  list(): OrgServices[] {
    return [...this.byId.values()];
  }
}
