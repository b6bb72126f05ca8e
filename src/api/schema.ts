import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { backupResolvers } from './resolvers/backupResolvers.ts';
import { backupChangeResolvers } from './resolvers/backupChangeResolvers.ts';
import { backupPolicyResolvers } from './resolvers/backupPolicyResolvers.ts';
import { debugQueueResolvers } from './resolvers/debugQueueResolvers.ts';
import { exportResolvers } from './resolvers/exportResolvers.ts';
import { monitoringResolvers } from './resolvers/monitoringResolvers.ts';
import { monitoringStatsResolvers } from './resolvers/monitoringStatsResolvers.ts';
import { jobResolvers } from './resolvers/jobResolvers.ts';
import { jobBatchResolvers } from './resolvers/jobBatchResolvers.ts';
import { orgResolvers } from './resolvers/orgResolvers.ts';
import { restoreResolvers } from './resolvers/restoreResolvers.ts';
import { scalarResolvers } from './resolvers/scalarResolvers.ts';
import { scheduleResolvers } from './resolvers/scheduleResolvers.ts';
import { subscriptionResolvers } from './resolvers/subscriptionResolvers.ts';
import { zombieResolvers } from './resolvers/zombieResolvers.ts';

/** Folder of the SDL files, the API's source of truth. */
export const SCHEMA_DIR = fileURLToPath(new URL('../../schema/', import.meta.url));

/** Reads every `.graphql` file of `schema/`. */
export function readTypeDefs(): string[] {
  return readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(join(SCHEMA_DIR, f), 'utf8'));
}

/** The executable schema: SDL plus resolvers (type-checked against it by graphql-codegen). */
export function buildSchema(): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: readTypeDefs(),
    resolvers: [scalarResolvers, jobResolvers, subscriptionResolvers, orgResolvers, backupResolvers, monitoringResolvers, zombieResolvers, debugQueueResolvers, monitoringStatsResolvers, restoreResolvers, exportResolvers, backupChangeResolvers, jobBatchResolvers, backupPolicyResolvers, scheduleResolvers],
    inheritResolversFromInterfaces: true,
  });
}
