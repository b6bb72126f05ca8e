/**
 * The GraphQL document `longhaul backups list` sends (see `schema/salesforce.graphql`, `schema/backupPolicy.graphql`).
 * Its result and variable types are generated from the SDL into `./generated/` (`npm run codegen`).
 */
import { graphql } from './generated/gql.ts';
import type { BackupsOfOrgQuery } from './generated/graphql.ts';

/** A backup as the CLI selects it. */
export type BackupSummary = BackupsOfOrgQuery['backups'][number];

/** An org's backups (newest first) with their retention, and its policy. */
export const BACKUPS_OF_ORG = graphql(`query BackupsOfOrg($orgId: ID!) {
  backups(orgId: $orgId) {
    id mode status records bytes createdAt durationMs keptBy expiresAt
    job { id }
  }
  backupPolicy(orgId: $orgId) {
    at timezone fullEvery enabled
    retention { daily weekly monthly keepDays }
  }
}`);
