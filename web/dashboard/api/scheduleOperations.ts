/**
 * The GraphQL documents of the schedules list and of an org's policy schedule (see `schema/schedule.graphql`).
 * Their result and variable types are generated from the SDL into `./generated/` (`npm run codegen`).
 */
import { graphql } from './generated/gql.ts';
import type { DashboardScheduleRowFragment, DashboardSchedulesQuery, ScheduleFilter as ScheduleFilterInput } from './generated/graphql.ts';

/** A schedule as the list and the org page select it: timing, state, the next runs and the last run's job. */
export type ScheduleRow = DashboardScheduleRowFragment;

/** One page of `schedules`. */
export type SchedulePage = DashboardSchedulesQuery['schedules'];

/** `schedules(filter)` takes this (a field left out, never null, means no filter on it). */
export type ScheduleFilter = { [K in keyof ScheduleFilterInput]?: NonNullable<ScheduleFilterInput[K]> };

/** What the list shows of a schedule (and the org page of its policy's). */
export const SCHEDULE_ROW_FIELDS = graphql(`
  fragment DashboardScheduleRow on Schedule {
    id name jobType cron every timezone overlap catchUp enabled owner nextRunAt createdAt
    nextRuns(count: 5)
    lastRun { occurrenceAt job { id state } }
  }
`);

/** `schedules(filter, first, after)`: one page, newest first. */
export const LIST_SCHEDULES = graphql(`query DashboardSchedules($filter: ScheduleFilter, $first: Int, $after: String) {
  schedules(filter: $filter, first: $first, after: $after) { nodes { ...DashboardScheduleRow } pageInfo { hasNextPage endCursor } }
}`);

/** `pauseSchedule(id)`: the schedule as it is now, for its row. */
export const PAUSE_SCHEDULE = graphql(`mutation DashboardPauseSchedule($id: ID!) { pauseSchedule(id: $id) { ...DashboardScheduleRow } }`);

/** `resumeSchedule(id)`: the schedule as it is now, for its row. */
export const RESUME_SCHEDULE = graphql(`mutation DashboardResumeSchedule($id: ID!) { resumeSchedule(id: $id) { ...DashboardScheduleRow } }`);
