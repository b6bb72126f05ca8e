import { useCallback, useEffect, useRef, useState } from 'react';
import { useConnection } from '../api/connectionContext.ts';
import type { GraphqlConnection } from '../api/graphqlConnection.ts';
import { GraphqlError } from '../api/graphqlError.ts';
import { LIST_SCHEDULES, type SchedulePage, type ScheduleRow } from '../api/scheduleOperations.ts';

/** The job type of a backup policy's schedule (`salesforce.policyBackup`, internal: only policies schedule it). */
export const POLICY_BACKUP_JOB_TYPE = 'salesforce.policyBackup';

/** The `owner` of an org's policy schedule, as `schema/schedule.graphql` documents it: `backupPolicy:<orgId>`. */
export function policyScheduleOwner(orgId: string): string {
  return `backupPolicy:${orgId}`;
}

/** Schedules asked for per page while looking for the policy's (the API's largest page). */
const PAGE_SIZE = 100;

/** The org's policy schedule: the owned `salesforce.policyBackup` schedules, page by page, until its owner's. */
async function findPolicySchedule(connection: GraphqlConnection, orgId: string): Promise<ScheduleRow | null> {
  const owner = policyScheduleOwner(orgId);
  let after: string | null = null;
  for (;;) {
    // Typed here: `after` comes from the answer, which TypeScript would otherwise infer from itself.
    const schedules: SchedulePage = (await connection.request(LIST_SCHEDULES, { filter: { owned: true, jobTypes: [POLICY_BACKUP_JOB_TYPE] }, first: PAGE_SIZE, after })).schedules;
    const found = schedules.nodes.find((schedule) => schedule.owner === owner);
    if (found !== undefined) return found;
    if (!schedules.pageInfo.hasNextPage || schedules.pageInfo.endCursor === null) return null;
    after = schedules.pageInfo.endCursor;
  }
}

/** What {@link usePolicySchedule} holds. */
export interface PolicyScheduleState {
  /** The schedule; `null` when the org has none (no policy); `undefined` until the first answer. */
  schedule: ScheduleRow | null | undefined;
  error: GraphqlError | undefined;
  /** Looks again (after an event); the previous answer stays until it answers. */
  refetch: () => void;
}

/**
 * The schedule a backup policy keeps for `orgId` (the policy itself does not name it: the schedule's `owner` does).
 * Asked once, and again when told to; an answer overtaken by a newer request is dropped.
 */
export function usePolicySchedule(orgId: string): PolicyScheduleState {
  const connection = useConnection();
  const [state, setState] = useState<Omit<PolicyScheduleState, 'refetch'>>({ schedule: undefined, error: undefined });
  const sequence = useRef(0);
  const run = useCallback(() => {
    const mine = ++sequence.current;
    findPolicySchedule(connection, orgId).then(
      (schedule) => mine === sequence.current && setState({ schedule, error: undefined }),
      (error: unknown) => mine === sequence.current && setState((previous) => ({ ...previous, error: GraphqlError.from(error) })),
    );
  }, [connection, orgId]);
  useEffect(() => {
    run();
  }, [run]);
  return { ...state, refetch: run };
}
