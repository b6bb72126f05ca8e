import { z } from 'zod';
import { RECORD_ID_PATTERN } from '../../../storage/index.ts';

const HEX_ID = RECORD_ID_PATTERN;
const FIELD_PATH = /^[A-Za-z][A-Za-z0-9_]{0,79}(\.[A-Za-z][A-Za-z0-9_]{0,79})?$/;

/** Input of `salesforce.export`, written by `startExport`. */
export const ExportJobInput = z
  .object({
    exportId: z.string().regex(HEX_ID),
    backupId: z.string().regex(HEX_ID),
    object: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,79}$/, 'not an sObject name'),
    fields: z.array(z.string().regex(FIELD_PATH, 'not a field or Relationship.Field')).min(1).max(1000).optional(),
    filter: z
      .array(
        z
          .object({
            field: z.string().regex(FIELD_PATH),
            operator: z.enum(['EQUALS', 'NOT_EQUALS', 'CONTAINS', 'IS_NULL', 'IS_NOT_NULL']),
            value: z.string().max(10_000).nullable().optional(),
          })
          .strict(),
      )
      .max(50)
      .default([]),
    /** Neutralise cells a spreadsheet would read as formulas (OWASP CSV injection); default false. */
    spreadsheetSafe: z.boolean().default(false),
  })
  .strict();
export type ExportJobInput = z.output<typeof ExportJobInput>;
