import { useState } from 'react';
import { useConnection } from '../api/connectionContext.ts';
import { GraphqlError } from '../api/graphqlError.ts';
import { PAUSE_SCHEDULE, RESUME_SCHEDULE, type ScheduleRow } from '../api/scheduleOperations.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';

/** Pause (an enabled schedule) or Resume (a paused one); `onChanged` gets the schedule as the mutation answered it. */
export function ScheduleToggle(props: { schedule: ScheduleRow; onChanged: (schedule: ScheduleRow) => void }) {
  const connection = useConnection();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<GraphqlError | undefined>();
  const { schedule } = props;
  const toggle = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const changed = schedule.enabled ? (await connection.request(PAUSE_SCHEDULE, { id: schedule.id })).pauseSchedule : (await connection.request(RESUME_SCHEDULE, { id: schedule.id })).resumeSchedule;
      props.onChanged(changed);
    } catch (failure) {
      setError(GraphqlError.from(failure));
    } finally {
      setBusy(false);
    }
  };
  const action = schedule.enabled ? 'Pause' : 'Resume';
  return (
    <div className="actions">
      <button type="button" disabled={busy} onClick={() => void toggle()} aria-label={`${action} schedule ${schedule.name}`}>
        {action}
      </button>
      <ErrorNotice error={error} />
    </div>
  );
}
