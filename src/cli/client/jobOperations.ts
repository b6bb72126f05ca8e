/**
 * The GraphQL documents the `longhaul jobs` commands send. Their result and variable types are generated from the
 * SDL into `./generated/` (`npm run codegen`); the names below are those types under the CLI's own names.
 */
import { graphql } from './generated/gql.ts';
import type { CliJobFieldsFragment, JobState, WatchJobSubscription } from './generated/graphql.ts';

/** What every command selects of a job. */
export const JOB_FIELDS = graphql(`
  fragment CliJobFields on Job {
    id type state priority attempts maxAttempts
    progress { processed total fraction message }
    lastError { code message attempt at }
    result createdAt startedAt finishedAt retryAt
  }
`);

/** A job as the CLI selects it. */
export type JobSummary = CliJobFieldsFragment;

/** `JobState` of the schema. */
export type JobStateName = JobState;

/** One `jobProgress` event as the CLI selects it. */
export type JobEventSummary = WatchJobSubscription['jobProgress'];

/** States after which a job does nothing more on its own. */
export const FINAL_STATES: ReadonlySet<JobStateName> = new Set<JobStateName>(['SUCCEEDED', 'FAILED', 'CANCELLED', 'DEBUG']);

/** `createJob`. */
export const CREATE_JOB = graphql(`mutation CreateJob($input: CreateJobInput!) { createJob(input: $input) { ...CliJobFields } }`);

/** `createJobs`: a batch, answered in input order. */
export const CREATE_JOBS = graphql(`mutation CreateJobs($inputs: [CreateJobInput!]!) { createJobs(inputs: $inputs) { ...CliJobFields } }`);

/** `job(id)`. */
export const GET_JOB = graphql(`query Job($id: ID!) { job(id: $id) { ...CliJobFields } }`);

/** `jobs(filter, first, after)`. */
export const LIST_JOBS = graphql(`query Jobs($filter: JobFilter, $first: Int, $after: String) {
  jobs(filter: $filter, first: $first, after: $after) { nodes { ...CliJobFields } pageInfo { hasNextPage endCursor } }
}`);

/** `jobProgress(id, after)`: a snapshot, then every change, completing after a final state. */
export const WATCH_JOB = graphql(`subscription WatchJob($id: ID!, $after: String) {
  jobProgress(id: $id, after: $after) { position kind at gap job { ...CliJobFields } }
}`);
