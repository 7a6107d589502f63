export * from './lib/cloud-event';
export * from './lib/principal';
export * from './lib/problem';
export * from './lib/permits';
export * from './lib/health';
export * from './lib/presale';
export * from './lib/contract-filings';
export * from './lib/reconciliation';
