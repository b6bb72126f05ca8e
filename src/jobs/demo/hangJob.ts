import { z } from 'zod';
import { defineJobType } from '../../engine/jobType.ts';
import { untilAborted } from './abortable.ts';

const HangInput = z.object({}).strict();

/** `demo.hang`: reports one progress step, then never progresses nor returns (until its signal fires). */
export const hangJob = defineJobType<z.output<typeof HangInput>, never, never>({
  name: 'demo.hang',
  description: 'Reports progress once, then stops making progress and never returns, unless cancelled.',
  input: HangInput,
  // A demonstration of hang detection: declared NO_PROGRESS after 5 s without progress.
  defaults: { maxAttempts: 1, hang: { noProgressMs: 5000 } },
  async run(ctx) {
    ctx.progress({ processed: 0, total: 1, message: 'hanging' });
    return untilAborted(ctx.signal);
  },
});
