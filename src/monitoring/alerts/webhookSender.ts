import type { AlertNotice } from './alertNotice.ts';
import { jsonPayload } from './jsonPayload.ts';
import { slackPayload } from './slackPayload.ts';
import type { WebhookTarget } from './webhookTarget.ts';

/** Outcome of one POST to a receiver; `detail` never contains the URL. */
export type SendOutcome = { ok: true } | { ok: false; detail: string };

/** Posts notices to receivers. An interface so tests and other transports can stand in. */
export interface WebhookSender {
  send(target: WebhookTarget, notice: AlertNotice): Promise<SendOutcome>;
}

/** {@link WebhookSender} over `fetch`: a 2xx answer within `timeoutMs` is a success, anything else a failed try. */
export class HttpWebhookSender implements WebhookSender {
  constructor(private readonly timeoutMs: number) {}

  async send(target: WebhookTarget, notice: AlertNotice): Promise<SendOutcome> {
    const body = target.format === 'slack' ? slackPayload(notice) : jsonPayload(notice);
    try {
      const res = await fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'longhaul-alerts' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'error',
      });
      await res.arrayBuffer().catch(() => undefined);
      return res.ok ? { ok: true } : { ok: false, detail: `HTTP ${res.status}` };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return { ok: false, detail: cause ?? (error as Error).name };
    }
  }
}
