/** What the relay and consumers need from a logger; NestJS's Logger and console both fit. */
export interface PersistenceLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Default when none is given: quiet on success, loud on trouble. */
export const consoleWarnLogger: PersistenceLogger = {
  log: () => undefined,
  warn: (m) => console.warn(m),
  error: (m) => console.error(m),
};
