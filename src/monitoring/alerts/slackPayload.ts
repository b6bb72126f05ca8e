import type { AlertNotice } from './alertNotice.ts';

/** A Slack incoming-webhook message: `text` (the fallback and notification line) and Block Kit `blocks`. */
export interface SlackPayload {
  text: string;
  blocks: Record<string, unknown>[];
}

/** Formats a notice for a Slack-compatible incoming webhook. */
export function slackPayload(notice: AlertNotice): SlackPayload {
  const { alert } = notice;
  const fired = notice.event === 'fired';
  const headline = `${fired ? ':rotating_light: [FIRING]' : ':white_check_mark: [RESOLVED]'} ${alert.kind}: ${alert.message}`;
  const fields = [
    `*Rule:* ${alert.rule}`,
    `*Key:* ${alert.key}`,
    `*Tenant:* ${alert.tenantId ?? 'all'}`,
    `*Fired:* ${alert.firedAt.toISOString()}`,
    ...(alert.resolvedAt ? [`*Resolved:* ${alert.resolvedAt.toISOString()}`] : []),
    ...(alert.details?.changedIds !== undefined ? [`*Changed Ids:* \`${changedIdsQuery(alert.details.changedIds as Record<string, unknown>)}\``] : []),
  ];
  return {
    text: headline,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: headline } },
      { type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn', text })) },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `longhaul alert ${alert._id}` }] },
    ],
  };
}

/** The `backupChanges` call listing a data-change alert's Ids. */
function changedIdsQuery(ids: Record<string, unknown>): string {
  return `backupChanges(backupId: "${String(ids.backupId)}", object: "${String(ids.object)}", kind: ${String(ids.kind)})`;
}
