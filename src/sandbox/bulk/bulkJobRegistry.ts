import type { SandboxOrg } from '../org/sandboxOrg.ts';
import { SalesforceId } from '../org/salesforceId.ts';
import type { BulkIngestJob } from './bulkIngestJob.ts';
import type { BulkQueryJob } from './bulkQueryJob.ts';

/** The Bulk 2.0 jobs of one org, by Id (15 or 18 characters). */
export class BulkJobRegistry {
  private readonly queryJobs = new Map<string, BulkQueryJob>();
  private readonly ingestJobs = new Map<string, BulkIngestJob>();
  private readonly org: SandboxOrg;
  private counter = 0;

  constructor(org: SandboxOrg) {
    this.org = org;
  }

  /** A new job Id (key prefix 750). */
  newJobId(): string {
    this.counter += 1;
    return SalesforceId.encode('750', this.org.orgNumber, this.counter);
  }

  addQueryJob(job: BulkQueryJob): void {
    this.queryJobs.set(job.id.slice(0, 15), job);
  }

  addIngestJob(job: BulkIngestJob): void {
    this.ingestJobs.set(job.id.slice(0, 15), job);
  }

  queryJob(id: string): BulkQueryJob | undefined {
    return this.queryJobs.get(id.slice(0, 15));
  }

  ingestJob(id: string): BulkIngestJob | undefined {
    return this.ingestJobs.get(id.slice(0, 15));
  }

  deleteQueryJob(id: string): boolean {
    return this.queryJobs.delete(id.slice(0, 15));
  }

  deleteIngestJob(id: string): boolean {
    return this.ingestJobs.delete(id.slice(0, 15));
  }

  allQueryJobs(): BulkQueryJob[] {
    return [...this.queryJobs.values()];
  }

  allIngestJobs(): BulkIngestJob[] {
    return [...this.ingestJobs.values()];
  }
}
