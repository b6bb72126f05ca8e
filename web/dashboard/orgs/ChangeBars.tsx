import type { BackupObjectChanges } from '../api/orgOperations.ts';

/** Width of the longest bar, in SVG units (pixels at scale 1). */
const BAR_WIDTH = 160;
const BAR_HEIGHT = 10;

/** The three kinds of change, in the order their segments are drawn. */
const KINDS = [
  { kind: 'created', label: 'created', className: 'change-created' },
  { kind: 'updated', label: 'updated', className: 'change-updated' },
  { kind: 'deleted', label: 'deleted', className: 'change-deleted' },
] as const satisfies readonly { kind: keyof BackupObjectChanges; label: string; className: string }[];

function changedOf(changes: BackupObjectChanges): number {
  return changes.created + changes.updated + changes.deleted;
}

/** What a screen reader hears for one object (and what the tests read): the counts, as the API gave them. */
export function changeSummary(changes: BackupObjectChanges): string {
  return `${changes.object}: ${changes.created} created, ${changes.updated} updated, ${changes.deleted} deleted of ${changes.previousRecords} records`;
}

/** One object's changes as a stacked bar; `scale` is the changed count that fills {@link BAR_WIDTH}. */
function ChangeBar(props: { changes: BackupObjectChanges; scale: number }) {
  const { changes } = props;
  let x = 0;
  const segments = KINDS.map(({ kind, label, className }) => {
    const count = changes[kind];
    const width = props.scale === 0 ? 0 : (count / props.scale) * BAR_WIDTH;
    const segment = (
      <rect key={kind} className={className} data-kind={kind} data-count={count} x={x} y={0} width={width} height={BAR_HEIGHT}>
        <title>{`${count} ${label}`}</title>
      </rect>
    );
    x += width;
    return segment;
  });
  return (
    <li className="change-row" data-object={changes.object}>
      <span className="change-object">{changes.object}</span>
      <svg className="change-bar" role="img" aria-label={changeSummary(changes)} width={BAR_WIDTH} height={BAR_HEIGHT} viewBox={`0 0 ${BAR_WIDTH} ${BAR_HEIGHT}`}>
        <rect className="change-track" x={0} y={0} width={BAR_WIDTH} height={BAR_HEIGHT} />
        {segments}
      </svg>
      <span className="change-counts" aria-hidden="true">
        <span className="change-created-text">{`+${changes.created}`}</span> <span className="change-updated-text">{`~${changes.updated}`}</span>{' '}
        <span className="change-deleted-text">{`−${changes.deleted}`}</span>
      </span>
    </li>
  );
}

/**
 * Created, updated and deleted records per object of one backup, each object a small stacked bar (plain SVG). The
 * object with the most changes fills the width, the others are to scale with it; the counts stay written beside.
 */
export function ChangeBars(props: { changes: readonly BackupObjectChanges[]; backupId: string }) {
  if (props.changes.length === 0) return <span className="hint">nothing to compare with</span>;
  const scale = Math.max(...props.changes.map(changedOf));
  return (
    <ul className="changes" aria-label={`Changes per object in backup ${props.backupId}`}>
      {props.changes.map((changes) => (
        <ChangeBar key={changes.object} changes={changes} scale={scale} />
      ))}
    </ul>
  );
}
