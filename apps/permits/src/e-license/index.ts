export * from './e-license-renderer';
export * from './e-license-fonts';
