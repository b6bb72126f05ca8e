import type { AlertDocument } from '../alertDocument.ts';
import type { AlertDeliveryEvent } from './alertIncidentStore.ts';

/** One message about an incident: fired or resolved, with the incident as it was then. */
export interface AlertNotice {
  event: AlertDeliveryEvent;
  alert: Pick<AlertDocument, '_id' | 'kind' | 'rule' | 'key' | 'tenantId' | 'message' | 'firedAt' | 'resolvedAt' | 'details'>;
}
