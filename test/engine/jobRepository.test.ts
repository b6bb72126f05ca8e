import { withTestDatabase } from '../support/database.ts';
import { ensureIndexes } from '../../src/db/ensureIndexes.ts';
import { AgendaJobRepository } from '../../src/engine/agenda/agendaJobRepository.ts';
import { jobsCollection } from '../../src/engine/agenda/jobsCollection.ts';
import { jobHistoryCollection } from '../../src/engine/agenda/jobHistoryCollection.ts';
import { jobRepositoryContract } from './jobRepository.contract.ts';

jobRepositoryContract('AgendaJobRepository on the run\'s database', async () => {
  const database = await withTestDatabase('jobrepo');
  await ensureIndexes(database.db, [jobsCollection, jobHistoryCollection]);
  return { repository: new AgendaJobRepository(database.db), dispose: () => database.drop() };
});
