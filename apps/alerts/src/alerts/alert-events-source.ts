/** CloudEvents source of every event the alerts service publishes. */
export const ALERT_EVENTS_SOURCE = '/hn/alerts';
