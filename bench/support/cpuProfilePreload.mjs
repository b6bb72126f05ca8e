// Preloaded into `longhaul work`'s worker process by the backup bench (`BENCH_BACKUP_CPU_PROF`, through
// NODE_OPTIONS=--import, which refuses `--cpu-prof` itself): profiles the process running `worker-process` and
// writes `worker-<pid>.cpuprofile` into LONGHAUL_BENCH_CPU_PROF_DIR when it exits. Other processes are left alone.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const dir = process.env.LONGHAUL_BENCH_CPU_PROF_DIR;
if (dir !== undefined && dir !== '' && process.argv.includes('worker-process')) {
  const session = new Session();
  session.connect();
  session.post('Profiler.setSamplingInterval', { interval: 1000 });
  session.post('Profiler.enable');
  session.post('Profiler.start');
  // A same-thread session answers synchronously, so the profile is written before the process is gone.
  process.once('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (error === null) writeFileSync(join(dir, `worker-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
