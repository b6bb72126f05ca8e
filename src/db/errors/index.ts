export { DatabaseErrorCode } from './databaseErrorCode.ts';
export { DatabaseStartError } from './databaseStartError.ts';
export { DatabaseUnavailableError } from './databaseUnavailableError.ts';
