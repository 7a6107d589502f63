/** The service's notion of now: injectable so tests move the date (dates move without events). */
export interface Clock {
  now(): Date;
}

export const ALERTS_CLOCK = Symbol('ALERTS_CLOCK');

export const systemClock: Clock = { now: () => new Date() };
