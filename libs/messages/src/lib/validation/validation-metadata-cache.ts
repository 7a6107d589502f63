import { getMetadataStorage } from 'class-validator';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type TargetMetadatas = ReturnType<MetadataStorage['getTargetValidationMetadatas']>;

const PATCHED = Symbol.for('hn.messages.validationMetadataCache');

/**
 * Memoizes class-validator's lookup of a class's validation metadata. The library recomputes it on
 * every validated object, walking the metadata of EVERY registered class to find the inherited ones
 * (`prototype instanceof` over the whole storage): with the few hundred message classes of this
 * library that was most of the cost of validating a contract filing (measured: ≈ 1 ms of 1.4 ms per
 * filing in the contracts service). Metadata is registered when classes are declared, so the cache is
 * dropped whenever metadata is added; lookups with validation groups (not used here) are not cached.
 */
export function cacheValidationMetadata(storage: MetadataStorage = getMetadataStorage()): void {
  const patched = storage as MetadataStorage & { [PATCHED]?: true };
  if (patched[PATCHED]) return;
  patched[PATCHED] = true;
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let cache = new Map<unknown, Map<string, TargetMetadatas>>();
  storage.addValidationMetadata = (metadata) => {
    cache = new Map();
    add(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    if (groups && groups.length > 0) return lookup(target, schema, always, strictGroups, groups);
    const key = `${schema}\u0000${always}\u0000${strictGroups}`;
    let byOptions = cache.get(target);
    if (!byOptions) cache.set(target, (byOptions = new Map()));
    let found = byOptions.get(key);
    if (!found) byOptions.set(key, (found = lookup(target, schema, always, strictGroups, groups)));
    return found;
  };
}
