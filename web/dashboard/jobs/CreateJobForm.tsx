import { useEffect, useState, type FormEvent } from 'react';
import { useConnection } from '../api/connectionContext.ts';
import { GraphqlError } from '../api/graphqlError.ts';
import { CREATE_JOB, type JobRow, type JobType } from '../api/jobOperations.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';

/** An example input per demo type, so the form is one click away from a running job. */
const EXAMPLE_INPUTS: Record<string, string> = {
  'demo.count': '{ "to": 100, "delayMs": 50 }',
  'demo.flaky': '{ "failures": 2 }',
};

/** The create-job form: a type from `jobTypes`, its input as JSON. */
export function CreateJobForm(props: { types: JobType[]; onCreated(job: JobRow): void }) {
  const connection = useConnection();
  const [type, setType] = useState('');
  const [input, setInput] = useState('{}');
  const [error, setError] = useState<GraphqlError | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (type === '' && props.types.length > 0) choose(props.types.find((t) => t.name === 'demo.count')?.name ?? props.types[0]!.name);
  }, [props.types, type]);

  function choose(name: string) {
    setType(name);
    setInput(EXAMPLE_INPUTS[name] ?? '{}');
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    let parsed: unknown;
    try {
      parsed = JSON.parse(input);
    } catch (failure) {
      setError(new GraphqlError('BAD_JSON', `the input is not JSON: ${(failure as Error).message}`));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const { createJob } = await connection.request(CREATE_JOB, { input: { type, input: parsed } });
      props.onCreated(createJob);
    } catch (failure) {
      setError(GraphqlError.from(failure));
    } finally {
      setBusy(false);
    }
  };

  const description = props.types.find((t) => t.name === type)?.description;
  return (
    <form className="create-job" onSubmit={(event) => void submit(event)} aria-label="Create a job">
      <label>
        Type{' '}
        <select name="type" value={type} onChange={(event) => choose(event.target.value)}>
          {props.types.map((t) => (
            <option key={t.name} value={t.name}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <label className="create-job-input">
        Input (JSON){' '}
        <textarea name="input" rows={2} spellCheck={false} value={input} onChange={(event) => setInput(event.target.value)} />
      </label>
      <button type="submit" disabled={busy || type === ''}>
        Create job
      </button>
      {description === undefined ? null : <p className="hint">{description}</p>}
      <ErrorNotice error={error} what="createJob" />
    </form>
  );
}
