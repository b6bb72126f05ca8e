import { z } from 'zod';
import { defineJobType } from '../../engine/jobType.ts';

const BlockInput = z
  .object({
    seconds: z.number().min(0).max(600).describe('How long each blocking attempt keeps the event loop busy, in seconds.'),
    blockAttempts: z.number().int().min(0).max(100).default(1).describe('Attempts that block; later ones finish at once.'),
  })
  .strict();

/**
 * `demo.block`: blocks its process's event loop with a synchronous busy loop (nothing else in the process
 * runs meanwhile: no heartbeat, no IPC answer, no signal handler), on its first `blockAttempts` attempts.
 * It checkpoints before blocking, so a later attempt resumes after the block.
 */
export const blockJob = defineJobType<z.output<typeof BlockInput>, { blocked: number }, { attempts: number; resumed: boolean }>({
  name: 'demo.block',
  description: 'Blocks the worker\'s event loop synchronously for `seconds` on its first `blockAttempts` attempts, then succeeds. Result: { attempts, resumed }.',
  input: BlockInput,
  defaults: { maxAttempts: 3, concurrency: 1, backoff: { delayMs: 200 } },
  async run(ctx) {
    const { seconds, blockAttempts } = ctx.input;
    const resumed = ctx.checkpoint() !== undefined;
    if (resumed) ctx.logger.info(`resuming after ${ctx.checkpoint()!.blocked} blocking attempt(s)`);
    ctx.progress({ processed: 0, total: 1, message: `attempt ${ctx.attempt}` });
    if (ctx.attempt <= blockAttempts) {
      await ctx.saveCheckpoint({ blocked: ctx.attempt });
      ctx.logger.warn(`blocking the event loop for ${seconds} s`);
      const end = Date.now() + seconds * 1000;
      let spins = 0;
      while (Date.now() < end) spins++;
      ctx.logger.info(`event loop free again after ${spins} spins`);
    }
    ctx.progress({ processed: 1, total: 1, message: 'done' });
    return { attempts: ctx.attempt, resumed };
  },
});
