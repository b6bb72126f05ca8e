/**
 * The GraphQL documents the `longhaul schedules` commands send. Their result and variable types are generated from
 * the SDL into `./generated/` (`npm run codegen`).
 */
import { graphql } from './generated/gql.ts';
import type { CliScheduleFieldsFragment } from './generated/graphql.ts';

/** What every command selects of a schedule. */
export const SCHEDULE_FIELDS = graphql(`
  fragment CliScheduleFields on Schedule {
    id name jobType cron every timezone overlap catchUp enabled owner nextRunAt
    lastRun { occurrenceAt job { id state } }
  }
`);

/** A schedule as the CLI selects it. */
export type ScheduleSummary = CliScheduleFieldsFragment;

/** `createSchedule`. */
export const CREATE_SCHEDULE = graphql(`mutation CreateSchedule($input: CreateScheduleInput!) { createSchedule(input: $input) { ...CliScheduleFields } }`);

/** `schedules(filter, first, after)`. */
export const LIST_SCHEDULES = graphql(`query Schedules($filter: ScheduleFilter, $first: Int, $after: String) {
  schedules(filter: $filter, first: $first, after: $after) { nodes { ...CliScheduleFields } pageInfo { hasNextPage endCursor } }
}`);

/** `pauseSchedule(id)`. */
export const PAUSE_SCHEDULE = graphql(`mutation PauseSchedule($id: ID!) { pauseSchedule(id: $id) { ...CliScheduleFields } }`);

/** `resumeSchedule(id)`. */
export const RESUME_SCHEDULE = graphql(`mutation ResumeSchedule($id: ID!) { resumeSchedule(id: $id) { ...CliScheduleFields } }`);

/** `deleteSchedule(id)`. */
export const DELETE_SCHEDULE = graphql(`mutation DeleteSchedule($id: ID!) { deleteSchedule(id: $id) { ...CliScheduleFields } }`);
