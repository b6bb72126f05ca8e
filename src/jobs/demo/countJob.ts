import { setImmediate as yieldToEventLoop, setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { defineJobType } from '../../engine/jobType.ts';

const CountInput = z
  .object({
    to: z.number().int().min(0).max(1_000_000_000).describe('Count to this number.'),
    delayMs: z.number().int().min(0).max(60_000).default(0).describe('Pause after each step, in ms.'),
    checkpointEvery: z.number().int().min(1).default(10).describe('Save a checkpoint every this many steps.'),
    logSteps: z.boolean().default(false).describe('Log a line per step (tests use it to see which steps ran).'),
  })
  .strict();

/** `demo.count`: counts to `to`, reporting progress each step and checkpointing every `checkpointEvery` steps; resumes from its checkpoint. */
export const countJob = defineJobType<z.output<typeof CountInput>, { next: number }, { counted: number }>({
  name: 'demo.count',
  description: 'Counts to `to`, one step every `delayMs`, checkpointing every `checkpointEvery` steps. Result: { counted }.',
  input: CountInput,
  defaults: { concurrency: 10, maxAttempts: 3, backoff: { delayMs: 500 } },
  async run(ctx) {
    const { to, delayMs, checkpointEvery, logSteps } = ctx.input;
    let next = ctx.checkpoint()?.next ?? 0;
    if (next > 0) ctx.logger.info(`resuming from checkpoint at step ${next}`);
    ctx.progress({ processed: next, total: to, message: next > 0 ? `resumed at ${next}` : 'starting' });
    while (next < to) {
      if (ctx.signal.aborted) {
        await ctx.saveCheckpoint({ next }).catch(() => undefined);
        throw ctx.signal.reason;
      }
      if (delayMs > 0) await sleep(delayMs, undefined, { signal: ctx.signal }).catch(() => undefined);
      // Without a delay, still let heartbeats, other jobs and the signal through now and then.
      else if (next % 256 === 0) await yieldToEventLoop();
      if (ctx.signal.aborted) continue;
      next += 1;
      if (logSteps) ctx.logger.info(`step ${next}`);
      ctx.progress({ processed: next, total: to, message: `counted ${next}` });
      if (next % checkpointEvery === 0 || next === to) await ctx.saveCheckpoint({ next });
    }
    return { counted: to };
  },
});
