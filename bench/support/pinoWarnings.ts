/** Counts the messages of pino lines at level warn (40) or above in a process's output, by message. */
export function countPinoWarnings(output: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string };
      if ((entry.level ?? 0) >= 40 && entry.msg !== undefined) counts.set(entry.msg, (counts.get(entry.msg) ?? 0) + 1);
    } catch {
      // A partial line at the start of the kept output.
    }
  }
  return counts;
}

/** `3x "msg", 1x "other"`, or `undefined` when there is nothing to say. */
export function describePinoWarnings(output: string): string | undefined {
  const counts = countPinoWarnings(output);
  if (counts.size === 0) return undefined;
  return [...counts].map(([message, count]) => `${count}x "${message}"`).join(', ');
}
