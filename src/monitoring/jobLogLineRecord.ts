/** A job log line as kept with a zombie (a copy: the job's log may be trimmed later). */
export interface JobLogLineRecord {
  at: Date;
  level: string;
  message: string;
  attempt: number | null;
}
