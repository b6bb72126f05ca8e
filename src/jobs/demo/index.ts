export { blockJob } from './blockJob.ts';
export { countJob } from './countJob.ts';
export { flakyJob } from './flakyJob.ts';
export { hangJob } from './hangJob.ts';
