import type { AlertNotice } from './alertNotice.ts';

/** The generic JSON webhook body: what happened and the incident. */
export interface JsonAlertPayload {
  event: 'fired' | 'resolved';
  alert: {
    id: string;
    kind: string;
    rule: string;
    key: string;
    tenantId: string | null;
    message: string;
    firedAt: string;
    resolvedAt: string | null;
    /** Counts and where the changed Ids are (data-change alerts); absent otherwise. */
    details?: Record<string, unknown>;
  };
}

/** Formats a notice as the generic JSON payload. */
export function jsonPayload(notice: AlertNotice): JsonAlertPayload {
  const { alert } = notice;
  return {
    event: notice.event,
    alert: {
      id: alert._id,
      kind: alert.kind,
      rule: alert.rule,
      key: alert.key,
      tenantId: alert.tenantId,
      message: alert.message,
      firedAt: alert.firedAt.toISOString(),
      resolvedAt: alert.resolvedAt?.toISOString() ?? null,
      ...(alert.details === undefined || alert.details === null ? {} : { details: alert.details }),
    },
  };
}
