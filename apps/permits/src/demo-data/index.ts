export * from './demo-data-generator';
export * from './seeded-random';
