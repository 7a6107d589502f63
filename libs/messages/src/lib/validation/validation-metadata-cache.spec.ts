import 'reflect-metadata';
import { getMetadataStorage, IsInt, IsString, Min, registerDecorator, validateSync } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata-cache';

class Base {
  @IsString()
  name!: string;
}

class Derived extends Base {
  @IsInt()
  count!: number;
}

describe(cacheValidationMetadata.name, () => {
  const storage = getMetadataStorage();

  it('answers the same metadata as the library, inherited fields included, the second time from the cache', () => {
    cacheValidationMetadata(storage);
    const first = storage.getTargetValidationMetadatas(Derived, '', true, false);
    expect(first.map((m) => m.propertyName).sort()).toEqual(['count', 'name']);
    expect(storage.getTargetValidationMetadatas(Derived, '', true, false)).toBe(first);
    expect(validateSync(Object.assign(new Derived(), { name: 1, count: 'x' })).map((e) => e.property)).toEqual([
      'count',
      'name',
    ]);
  });

  it('drops the cache when a class gains a rule after a lookup, so the new rule is applied', () => {
    cacheValidationMetadata(storage);
    expect(validateSync(Object.assign(new Derived(), { name: 'a', count: -1 }))).toEqual([]);
    Min(0)(Derived.prototype, 'count');
    expect(validateSync(Object.assign(new Derived(), { name: 'a', count: -1 })).map((e) => e.property)).toEqual([
      'count',
    ]);
    registerDecorator({
      target: Base,
      propertyName: 'name',
      validator: { validate: (v: unknown) => v !== 'forbidden' },
    });
    expect(validateSync(Object.assign(new Derived(), { name: 'forbidden', count: 1 })).map((e) => e.property)).toEqual([
      'name',
    ]);
  });

  it('patches a storage once (a second call keeps the first cache)', () => {
    cacheValidationMetadata(storage);
    const patched = storage.getTargetValidationMetadatas;
    cacheValidationMetadata(storage);
    expect(storage.getTargetValidationMetadatas).toBe(patched);
  });
});
