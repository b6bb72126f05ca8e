/** A tab GraphiQL opens with (`TabDefinition` of @graphiql/react). */
export interface ExampleTab {
  query: string;
  variables?: string;
  headers?: string;
}

/** The operations GraphiQL opens with, one tab each: create a job, watch it, list jobs, the job types. */
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
];
