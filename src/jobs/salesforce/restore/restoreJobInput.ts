import { z } from 'zod';
import { RECORD_ID_PATTERN } from '../../../storage/index.ts';

const HEX_ID = RECORD_ID_PATTERN;
const OBJECT_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;
const SALESFORCE_ID = /^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$/;

const IdMapping = z.object({ sourceId: z.string().regex(SALESFORCE_ID, 'not a Salesforce Id'), targetId: z.string().regex(SALESFORCE_ID, 'not a Salesforce Id') }).strict();

/** Input of `salesforce.restore`, written by `startRestore` (the restore record holds the same). */
export const RestoreJobInput = z
  .object({
    restoreId: z.string().regex(HEX_ID),
    backupId: z.string().regex(HEX_ID),
    targetOrgId: z.string().regex(HEX_ID),
    mode: z.enum(['INSERT_MISSING', 'OVERWRITE', 'UPSERT']).default('UPSERT'),
    dryRun: z.boolean().default(false),
    objects: z.array(z.string().regex(OBJECT_NAME, 'not an sObject name')).min(1).max(500).optional(),
    recordIds: z.array(z.string().regex(SALESFORCE_ID, 'not a Salesforce Id')).min(1).max(10_000).optional(),
    ownerMappings: z.array(IdMapping).max(10_000).default([]),
    recordTypeMappings: z.array(IdMapping).max(10_000).default([]),
  })
  .strict();
export type RestoreJobInput = z.output<typeof RestoreJobInput>;
