/** Exit codes of the `longhaul` client commands (`jobs …`), for scripts. */
export const CliExitCode = {
  /** Done; for `jobs watch`, the job SUCCEEDED. */
  Success: 0,
  /** `jobs watch`: the job ended FAILED, CANCELLED or in the debug queue. */
  JobUnsuccessful: 1,
  /** The command could not do its work: bad arguments, API error (the message names its code), no connection. */
  Error: 2,
  /** Interrupted by SIGINT (Ctrl-C), as shells report it. */
  Interrupted: 130,
} as const;
export type CliExitCode = (typeof CliExitCode)[keyof typeof CliExitCode];
