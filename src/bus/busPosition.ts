/** Error for a position string that no event ever had. */
export class InvalidPositionError extends Error {
  override readonly name = 'InvalidPositionError';
  readonly code = 'INVALID_POSITION';
}

/** Encodes a bus sequence number as the opaque position clients pass back as `after`. */
export function encodePosition(seq: number): string {
  return seq.toString(36).padStart(8, '0');
}

/** Decodes a position from {@link encodePosition}; throws {@link InvalidPositionError} when malformed. */
export function decodePosition(position: string): number {
  if (!/^[0-9a-z]{1,13}$/.test(position)) throw new InvalidPositionError(`"${position}" is not an event position`);
  const seq = Number.parseInt(position, 36);
  if (!Number.isSafeInteger(seq)) throw new InvalidPositionError(`"${position}" is not an event position`);
  return seq;
}
