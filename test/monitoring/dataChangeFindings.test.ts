import { describe, expect, it } from 'vitest';
import { findDataChanges, type ReviewedBackup } from '../../src/monitoring/alerts/dataChangeFindings.ts';
import { DEFAULT_DATA_CHANGE_RULES, resolveDataChangeRules } from '../../src/monitoring/alerts/dataChangeRuleSetting.ts';

const changes = (previousRecords: number, c: { created?: number; updated?: number; deleted?: number }) => ({ previousBackupId: 'prev', previousRecords, created: c.created ?? 0, updated: c.updated ?? 0, deleted: c.deleted ?? 0 });

function backup(objects: ReviewedBackup['objects'], status = 'SUCCEEDED'): ReviewedBackup {
  return { id: 'b2', tenantId: 't', orgId: 'o1', status, createdAt: new Date('2026-12-01T00:00:00Z'), objects };
}

const ok = (name: string, c: ReturnType<typeof changes> | null) => ({ name, status: 'SUCCEEDED', error: null, changes: c });

describe('data-change findings', () => {
  it('should find a deletion above 5% by default, and not one at or below it', () => {
    const found = findDataChanges(backup([ok('Account', changes(100, { deleted: 6 })), ok('Contact', changes(100, { deleted: 5 })), ok('Case', changes(100, { updated: 90 }))]), DEFAULT_DATA_CHANGE_RULES);
    expect(found.map((f) => [f.kind, f.key])).toEqual([['MASS_DELETION', 'o1/Account']]);
    expect(found[0]!.details).toMatchObject({ deleted: 6, previousRecords: 100, share: 0.06, changedIds: { backupId: 'b2', object: 'Account', kind: 'DELETED' } });
    expect(found[0]!.message).toContain('6 of 100 Account records deleted (6%)');
  });

  it('should let an object rule replace the org-wide one and fire on a count alone', () => {
    const rules = resolveDataChangeRules([
      { kind: 'MASS_DELETION', share: 0.5 },
      { kind: 'MASS_DELETION', object: 'Account', count: 3 },
      { kind: 'MASS_UPDATE', object: 'Case', enabled: false, share: 0.01 },
      { kind: 'MASS_UPDATE', count: 10 },
    ]);
    const found = findDataChanges(
      backup([ok('Account', changes(1000, { deleted: 3 })), ok('Contact', changes(10, { deleted: 4, updated: 10 })), ok('Case', changes(10, { updated: 10 })), ok('Lead', null)]),
      rules,
    );
    expect(found.map((f) => [f.kind, f.key])).toEqual([
      ['MASS_DELETION', 'o1/Account'],
      ['MASS_UPDATE', 'o1/Contact'],
    ]);
  });

  it('should find a PARTIAL backup with its failed objects, unless the rule is off', () => {
    const partial = backup([ok('Account', null), { name: 'Bad__c', status: 'FAILED', error: { code: 'INVALID_TYPE', message: 'x' }, changes: null }], 'PARTIAL');
    const found = findDataChanges(partial, DEFAULT_DATA_CHANGE_RULES);
    expect(found.map((f) => [f.kind, f.key])).toEqual([['BACKUP_PARTIAL', 'o1']]);
    expect(found[0]!.details).toMatchObject({ failedObjects: [{ object: 'Bad__c', code: 'INVALID_TYPE' }] });
    expect(findDataChanges(partial, resolveDataChangeRules([{ kind: 'BACKUP_PARTIAL', enabled: false }]))).toEqual([]);
  });

  it('should refuse rules that cannot hold', () => {
    expect(() => resolveDataChangeRules([{ kind: 'MASS_DELETION' }])).toThrow(/needs a share or a count/);
    expect(() => resolveDataChangeRules([{ kind: 'MASS_DELETION', share: 0 }])).toThrow(/share must be/);
    expect(() => resolveDataChangeRules([{ kind: 'MASS_UPDATE', count: 1.5 }])).toThrow(/count must be/);
    expect(() => resolveDataChangeRules([{ kind: 'BACKUP_PARTIAL', object: 'Account' }])).toThrow(/takes no object/);
    expect(() => resolveDataChangeRules([{ kind: 'MASS_DELETION', object: 'x y', count: 1 }])).toThrow(/not an sObject name/);
    expect(() => resolveDataChangeRules([{ kind: 'MASS_DELETION', count: 1 }, { kind: 'MASS_DELETION', share: 0.2 }])).toThrow(/second rule/);
  });
});
