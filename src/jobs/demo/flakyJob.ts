import { z } from 'zod';
import { defineJobType } from '../../engine/jobType.ts';
import { untilAborted } from './abortable.ts';

const FlakyInput = z
  .object({
    failures: z.number().int().min(0).max(100).describe('Attempts that fail before one succeeds.'),
    mode: z
      .enum(['throw', 'unhandledRejection', 'uncaughtException'])
      .default('throw')
      .describe('How an attempt fails: it throws, leaves a rejected promise nobody awaits, or throws from a timer.'),
  })
  .strict();

/** `demo.flaky`: fails its first `failures` attempts (in the chosen way), then succeeds. */
export const flakyJob = defineJobType<z.output<typeof FlakyInput>, never, { attempts: number }>({
  name: 'demo.flaky',
  description: 'Fails its first `failures` attempts (throw, unhandled rejection or uncaught exception), then succeeds. Result: { attempts }.',
  input: FlakyInput as unknown as z.ZodType<z.output<typeof FlakyInput>>,
  defaults: { maxAttempts: 3, backoff: { delayMs: 200, jitter: 0.1 } },
  async run(ctx) {
    const { failures, mode } = ctx.input;
    ctx.progress({ processed: 0, total: 1, message: `attempt ${ctx.attempt}` });
    if (ctx.attempt <= failures) {
      const error = new Error(`planned failure ${ctx.attempt} of ${failures}`);
      switch (mode) {
        case 'throw':
          throw error;
        case 'unhandledRejection':
          void Promise.reject(error);
          return untilAborted(ctx.signal);
        case 'uncaughtException':
          setTimeout(() => {
            throw error;
          }, 10);
          return untilAborted(ctx.signal);
        default: {
          const exhaustive: never = mode;
          throw new Error(`unknown mode ${String(exhaustive)}`);
        }
      }
    }
    ctx.progress({ processed: 1, total: 1, message: 'done' });
    return { attempts: ctx.attempt };
  },
});
