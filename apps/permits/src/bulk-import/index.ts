export * from './import-record';
export * from './import-columns';
export * from './parse-import-file';
export * from './validate-import-record';
export * from './bulk-importer';
