import { z } from 'zod';
import { defineJobType } from '../../engine/jobType.ts';
import { untilAborted } from './abortable.ts';

const FlakyInput = z
  .object({
    failures: z.number().int().min(0).max(100).describe('Attempts that fail before one succeeds, counted over the job\'s whole life (kept in its checkpoint: a retried or requeued job goes on counting).'),
    mode: z
      .enum(['throw', 'unhandledRejection', 'uncaughtException'])
      .default('throw')
      .describe('How an attempt fails: it throws, leaves a rejected promise nobody awaits, or throws from a timer.'),
    code: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{0,39}$/)
      .optional()
      .describe('Error code the planned failures carry; `VALIDATION_FAILED` is not retried: the job goes straight to the debug queue.'),
    log: z.boolean().default(false).describe('Log an info and a debug line per attempt (debug lines reach the job log only in a debug rerun).'),
  })
  .strict();

/** Error codes of `demo.flaky` that no retry fixes. */
export const FLAKY_NON_RETRYABLE_CODES = ['VALIDATION_FAILED'] as const;

/** `demo.flaky`'s checkpoint: the attempts that failed so far. */
interface FlakyCheckpoint {
  failed: number;
}

/**
 * `demo.flaky`: fails its first `failures` attempts (in the chosen way), then succeeds. Failures are
 * counted in its checkpoint, so a job retried or requeued from the debug queue goes on from where it was.
 */
export const flakyJob = defineJobType<z.output<typeof FlakyInput>, FlakyCheckpoint, { attempts: number }>({
  name: 'demo.flaky',
  description: 'Fails its first `failures` attempts (throw, unhandled rejection or uncaught exception), then succeeds; out of attempts it waits in the debug queue. Result: { attempts }.',
  input: FlakyInput,
  defaults: { maxAttempts: 3, backoff: { delayMs: 200, jitter: 0.1 } },
  debugQueue: { straightToDebug: FLAKY_NON_RETRYABLE_CODES },
  async run(ctx) {
    const { failures, mode, code, log } = ctx.input;
    ctx.progress({ processed: 0, total: 1, message: `attempt ${ctx.attempt}` });
    const failed = ctx.checkpoint()?.failed ?? 0;
    if (log) {
      ctx.logger.info(`attempt ${ctx.attempt}: ${failed < failures ? 'will fail' : 'will succeed'}`);
      ctx.logger.debug(`attempt ${ctx.attempt}: debug detail`, { failed, failures, mode });
    }
    if (failed < failures) {
      // Counted before failing: an attempt that takes its process down still counts.
      await ctx.saveCheckpoint({ failed: failed + 1 });
      const message = `planned failure ${failed + 1} of ${failures}`;
      const error = code === undefined ? new Error(message) : Object.assign(new Error(message), { code });
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
