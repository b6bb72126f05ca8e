import { useCallback, useState } from 'react';
import { JOB_EVENTS } from '../api/jobOperations.ts';
import { ALERTS, DEBUG_QUEUE, MONITORING_EVENTS, QUEUE_STATS, WORKERS, ZOMBIES, type MonitoringEvent } from '../api/monitoringOperations.ts';
import { useEventRefresh } from '../api/useEventRefresh.ts';
import { useQuery } from '../api/useQuery.ts';
import { AlertsPanel } from './AlertsPanel.tsx';
import { DebugQueuePanel } from './DebugQueuePanel.tsx';
import { QueueStatsPanel } from './QueueStatsPanel.tsx';
import { WorkersPanel } from './WorkersPanel.tsx';
import { ZombiesPanel } from './ZombiesPanel.tsx';

/** Least time between two refreshes caused by monitoring events. */
const MONITORING_REFRESH_MS = 1000;
/** Least time between two refreshes of statistics and workers caused by job events (there is no event for a heartbeat). */
const JOB_EVENT_REFRESH_MS = 3000;
/** Monitoring events the feed keeps. */
const FEED_SIZE = 50;
const STATS_WINDOW_MINUTES = 15;

/**
 * Zombies, the debug queue, workers, queue statistics and alerts. Each panel is its own query (one failing field
 * must not blank the others); they are queried again when `monitoringEvents` reports something, and statistics and
 * workers also when jobs move (`jobEvents`), throttled. Nothing runs on a timer.
 */
export function MonitoringView() {
  const zombies = useQuery(ZOMBIES, {});
  const debugQueue = useQuery(DEBUG_QUEUE, { first: 50 });
  const workers = useQuery(WORKERS, {});
  const stats = useQuery(QUEUE_STATS, { windowMinutes: STATS_WINDOW_MINUTES });
  const alerts = useQuery(ALERTS, {});
  const [feed, setFeed] = useState<MonitoringEvent[]>([]);

  const refreshAll = useCallback(() => {
    zombies.refetch();
    debugQueue.refetch();
    workers.refetch();
    stats.refetch();
    alerts.refetch();
  }, [zombies.refetch, debugQueue.refetch, workers.refetch, stats.refetch, alerts.refetch]);
  const refreshMoving = useCallback(() => {
    stats.refetch();
    workers.refetch();
  }, [stats.refetch, workers.refetch]);

  const eventsError = useEventRefresh(MONITORING_EVENTS, MONITORING_REFRESH_MS, refreshAll, {
    onEvent: ({ monitoringEvents }) => setFeed((previous) => [monitoringEvents, ...previous].slice(0, FEED_SIZE)),
  });
  const jobEventsError = useEventRefresh(JOB_EVENTS, JOB_EVENT_REFRESH_MS, refreshMoving);

  return (
    <main className="monitoring">
      <WorkersPanel workers={workers.data?.monitoring.workers} error={workers.error} answeredAt={workers.receivedAt} onRefresh={workers.refetch} />
      <ZombiesPanel zombies={zombies.data?.monitoring.zombies} error={zombies.error} onRefresh={zombies.refetch} />
      <DebugQueuePanel jobs={debugQueue.data?.monitoring.debugQueue.nodes} error={debugQueue.error} onRefresh={debugQueue.refetch} />
      <QueueStatsPanel stats={stats.data?.monitoring.queueStats} failureRate={stats.data?.monitoring.failureRate} error={stats.error ?? jobEventsError} onRefresh={stats.refetch} />
      <AlertsPanel alerts={alerts.data?.monitoring.alerts} error={alerts.error} events={feed} eventsError={eventsError} onRefresh={alerts.refetch} />
    </main>
  );
}
