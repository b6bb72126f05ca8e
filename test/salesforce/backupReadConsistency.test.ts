import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withTestDatabase, type TestDatabase } from '../support/database.ts';
import { BackupService } from '../../src/jobs/salesforce/index.ts';
import { BackupObjectStatus, BackupStatus, BackupStore, type BackupObjectEntry } from '../../src/storage/index.ts';
import { createLogger } from '../../src/logging/logger.ts';
import type { Caller, JobService } from '../../src/engine/jobService.ts';
import type { JobView } from '../../src/engine/jobView.ts';

const caller: Caller = { tenantId: 'tenantA', operator: false };
const ORG = 'o'.repeat(22);

const account = (status: BackupObjectStatus): BackupObjectEntry => ({
  name: 'Account',
  status,
  estimatedRecords: 10,
  records: status === BackupObjectStatus.Succeeded ? 10 : 4,
  bytes: 100,
  parts: 1,
  sha256: status === BackupObjectStatus.Succeeded ? 'f'.repeat(64) : null,
  error: null,
  startedAt: new Date(),
  finishedAt: status === BackupObjectStatus.Succeeded ? new Date() : null,
});

/**
 * A client reads a backup while its run ends: the run writes the backup's final state, then its job turns SUCCEEDED.
 * The fake jobs service lets exactly those two writes land between the service's reads (after the backup was first
 * read, before its job is), the interleaving a loaded machine produced.
 */
describe('BackupService reads a backup with its job', () => {
  let database: TestDatabase;
  let backups: BackupStore;
  let service: BackupService;
  let backupId: string;
  let jobState: string;

  beforeEach(async () => {
    database = await withTestDatabase('backupread');
    backups = new BackupStore(database.db);
    const created = await backups.create({ tenantId: caller.tenantId, orgId: ORG, mode: 'FULL', objects: ['Account'] });
    backupId = created.id;
    await backups.attachJob(caller.tenantId, backupId, 'job-1');
    await backups.markRunning(caller.tenantId, backupId, { objects: [account(BackupObjectStatus.Running)], startedAt: new Date() });
    jobState = 'RUNNING';
    const jobs: Pick<JobService, 'createInternal' | 'registry' | 'getMany'> = {
      createInternal: () => Promise.reject(new Error('not used')),
      registry: undefined as never,
      getMany: async (_caller, ids) => {
        if (jobState === 'RUNNING') {
          // The run ends now: its backup's final write, then its job's.
          await backups.update(caller.tenantId, backupId, { status: BackupStatus.Succeeded, objects: [account(BackupObjectStatus.Succeeded)], finishedAt: new Date() });
          jobState = 'SUCCEEDED';
        }
        return new Map(ids.map((id) => [id, { id, state: jobState } as JobView]));
      },
    };
    service = new BackupService({ jobs, orgs: { require: async () => undefined as never }, backups, logger: createLogger({ level: 'silent' }) });
  });
  afterEach(async () => {
    await database.drop();
  });

  it('should never list a SUCCEEDED job beside a backup its run had not finished', async () => {
    const [backup] = await service.listByOrg(caller, ORG);
    expect(backup!.job?.state).toBe('SUCCEEDED');
    expect({ status: backup!.status, objects: backup!.objects.map((o) => [o.name, o.status]) }).toEqual({ status: 'SUCCEEDED', objects: [['Account', 'SUCCEEDED']] });
  });

  it('should never return a SUCCEEDED job beside a backup its run had not finished, by id', async () => {
    const backup = await service.get(caller, backupId);
    expect(backup?.job?.state).toBe('SUCCEEDED');
    expect(backup?.status).toBe('SUCCEEDED');
    expect(backup?.objects.map((o) => o.status)).toEqual(['SUCCEEDED']);
  });
});
