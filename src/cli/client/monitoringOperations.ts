/**
 * The GraphQL document `longhaul monitoring` sends (see `schema/monitoring.graphql`). Its result and variable types are
 * generated from the SDL into `./generated/` (`npm run codegen`); the names below are those types under the CLI's names.
 */
import { graphql } from './generated/gql.ts';
import type { MonitoringOverviewQuery } from './generated/graphql.ts';

/** A zombie incident as the CLI selects it. */
export type ZombieSummary = MonitoringOverviewQuery['monitoring']['zombies'][number];

/** A job of the debug queue as the CLI selects it. */
export type DebugJobSummary = MonitoringOverviewQuery['monitoring']['debugQueue']['nodes'][number];

/** Zombies (open ones, or every incident with `$includeResolved`) and a page of the debug queue, in one request. */
export const MONITORING_OVERVIEW = graphql(`query MonitoringOverview($includeResolved: Boolean, $first: Int, $after: String) {
  monitoring {
    zombies(includeResolved: $includeResolved) {
      id reason since detectedAt workerId attempt action resolvedAt
      lastProgress { processed total }
      job { id type state }
    }
    debugQueue(first: $first, after: $after) {
      nodes {
        id type state attempts maxAttempts createdAt
        lastError { code message attempt at }
        debugActions { kind at by reason }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
}`);
