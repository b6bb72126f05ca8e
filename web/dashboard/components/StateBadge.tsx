/** A job state (or zombie reason, worker status) as a coloured badge; the colour follows the text. */
export function StateBadge(props: { state: string }) {
  return <span className={`badge badge-${props.state.toLowerCase()}`}>{props.state}</span>;
}
