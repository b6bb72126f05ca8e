/** A tab GraphiQL opens with (`TabDefinition` of @graphiql/react). */
export interface ExampleTab {
  query: string;
  variables?: string;
  headers?: string;
}

/**
 * The operations GraphiQL opens with, one tab each: create a job, watch it, list jobs, the job types, the zombies and
 * the debug queue, and connecting the sandbox org and backing it up. New tabs go at the end: tests open tabs by index.
 */
export const exampleTabs: ExampleTab[] = [
  {
    query: `# Create a demo.count job: it counts to 100, one step every 50 ms,
# checkpointing as it goes. Put the id it returns into the
# variables of the WatchJob tab to watch it.
mutation CreateCountJob {
  createJob(input: { type: "demo.count", input: { to: 100, delayMs: 50 } }) {
    id
    type
    state
    createdAt
  }
}
`,
  },
  {
    query: `# Watch a job live over graphql-ws: a snapshot first,
# then every change, until it ends.
subscription WatchJob($id: ID!) {
  jobProgress(id: $id) {
    position
    kind
    at
    job {
      state
      attempts
      progress { processed total fraction message }
      lastError { code message }
      result
    }
  }
}
`,
    variables: '{\n  "id": "paste the id from CreateCountJob"\n}',
  },
  {
    query: `# The newest jobs, optionally filtered by type and state.
query ListJobs {
  jobs(first: 10, filter: { types: ["demo.count"] }) {
    nodes {
      id
      type
      state
      progress { processed total fraction }
      attempts
      maxAttempts
      createdAt
      finishedAt
    }
    pageInfo { hasNextPage endCursor }
  }
}
`,
  },
  {
    query: `# Every job type the workers can run,
# with the JSON Schema of its input.
query JobTypes {
  jobTypes {
    name
    description
    defaultMaxAttempts
    concurrency
    inputSchema
  }
}
`,
  },
  {
    query: `# What monitoring sees: RUNNING jobs whose worker died or
# which hang (zombies), and jobs parked in the debug queue
# after their last attempt. Operator keys see every tenant.
query ZombiesAndDebugQueue {
  monitoring {
    zombies {
      reason
      since
      workerId
      attempt
      action
      lastProgress { processed total }
      job { id type state }
    }
    debugQueue(first: 10) {
      nodes {
        id
        type
        attempts
        maxAttempts
        errors { attempt code message }
        debugActions { kind at by reason }
      }
    }
  }
}
`,
  },
  {
    query: `# Connect the sandbox org (the Salesforce simulator that
# \`longhaul all\` starts on port 4100) and back it up.
# Run ConnectSandbox, put the org id it returns into the
# variables, then run BackupSandbox and watch its job in the
# WatchJob tab.
mutation ConnectSandbox {
  connectOrg(
    input: {
      name: "sandbox"
      loginUrl: "http://127.0.0.1:4100"
      username: "demo@sandbox.longhaul"
      password: "demo"
      clientId: "longhaul-graphiql"
      clientSecret: "any"
    }
  ) {
    id
    name
    status
    salesforceOrgId
    apiBudget { max remaining }
  }
}

mutation BackupSandbox($orgId: ID!) {
  startBackup(orgId: $orgId) {
    id
    type
    state
  }
}
`,
    variables: '{\n  "orgId": "paste the id from ConnectSandbox"\n}',
  },
  {
    query: `# Put an org under a daily backup policy: a backup every
# day at 01:30 in its zone (FULL every 7 days, INCREMENTAL
# otherwise), grandfather-father-son retention, pruned after
# every backup. Connect the org first (previous tab).
mutation SetPolicy($orgId: ID!) {
  setBackupPolicy(
    orgId: $orgId
    policy: { at: "01:30", timezone: "Europe/Paris", fullEvery: 7, retention: { daily: 7, weekly: 4, monthly: 12 } }
  ) {
    cron
    timezone
    retention { daily weekly monthly keepDays }
  }
}

# Which backups the policy keeps, by which rule, and when the
# next prune deletes the others.
query Backups($orgId: ID!) {
  backups(orgId: $orgId) {
    id
    mode
    status
    records
    createdAt
    keptBy
    expiresAt
    changes { object created updated deleted }
  }
}
`,
    variables: '{\n  "orgId": "paste the id from ConnectSandbox"\n}',
  },
  {
    query: `# A recurring job: every 30 seconds, or with a cron in a
# time zone. Each occurrence creates one job, however many
# workers run; an overlap SKIPs while the last one runs.
mutation CreateSchedule {
  createSchedule(
    input: { name: "count every 30 s", jobType: "demo.count", input: { to: 5, delayMs: 200 }, every: "PT30S" }
  ) {
    id
    nextRuns(count: 3)
  }
}

query Schedules {
  schedules(first: 20) {
    edges {
      node {
        id
        name
        cron
        every
        timezone
        enabled
        owner
        nextRunAt
        lastRun { occurrenceAt job { id state } }
      }
    }
  }
}

mutation Pause($id: ID!) {
  pauseSchedule(id: $id) { id enabled }
}
`,
    variables: '{\n  "id": "paste the id from CreateSchedule"\n}',
  },
];
