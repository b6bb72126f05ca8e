/** Parent of the `Monitoring` type's fields: the fields read who calls from the context. */
export type MonitoringRoot = Record<string, never>;
