import { InvalidJobIdError } from './errors/index.ts';

/** How a job id is written: 24 hexadecimal digits. */
const JOB_ID_PATTERN = /^[0-9a-f]{24}$/i;

/** Checks a job id from a client and returns it as stored (lower case); throws {@link InvalidJobIdError}. */
export function parseJobId(id: string): string {
  if (!JOB_ID_PATTERN.test(id)) throw new InvalidJobIdError(`"${id.slice(0, 40)}" is not a job id`);
  return id.toLowerCase();
}
