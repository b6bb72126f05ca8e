import { createHash } from 'node:crypto';
import type { WebhookConfig, WebhookFormat } from '../../config/monitoringConfig.ts';

/** A configured receiver: its stable id (from format and URL), and a URL safe to log. */
export interface WebhookTarget {
  /** Ten hex digits of a SHA-256 of format and URL; names its delivery fields in alert records. */
  id: string;
  format: WebhookFormat;
  url: string;
  /** Scheme, host and port only: webhook paths and queries often are the secret. */
  safeUrl: string;
}

/** Builds a {@link WebhookTarget} from its configuration. */
export function webhookTarget(config: WebhookConfig): WebhookTarget {
  return {
    id: createHash('sha256').update(`${config.format} ${config.url}`).digest('hex').slice(0, 10),
    format: config.format,
    url: config.url,
    safeUrl: redactUrl(config.url),
  };
}

/** `https://hooks.example/T0/B1/secret?x=y` → `https://hooks.example/…`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}/…`;
  } catch {
    return '[unparseable url]';
  }
}
