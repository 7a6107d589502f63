/** CloudEvents source of the permits service's events (marking and correction events included). */
export const PERMITS_EVENT_SOURCE = '/hn/permits';
