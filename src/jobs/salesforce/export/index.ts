export { createExportJobType, EXPORT_JOB_TYPE } from './exportJob.ts';
export { ExportJobInput } from './exportJobInput.ts';
export type { ExportJobDependencies, ExportJobResult } from './exportRun.ts';
