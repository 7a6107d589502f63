/**
 * The properties of a request class that carry `@ValidatedAs` (by class, inherited ones included), and
 * the hand-over of their values past class-transformer. The part is transformed and validated by its
 * own class inside ValidatedAs; transforming the wrapper would first deep-copy the whole part for
 * nothing (measured: a third of validating a contract filing's RPC body). A part is therefore handed
 * over as a function holding it, which class-transformer passes through untouched.
 */
const PART_NAMES = new WeakMap<object, Set<string>>();
const HELD = new WeakMap<object, unknown>();

export function registerPart(target: object, property: string): void {
  const names = PART_NAMES.get(target) ?? new Set<string>();
  names.add(property);
  PART_NAMES.set(target, names);
}

/** The ValidatedAs properties of a class and its ancestors. */
export function partNamesOf(type: object): string[] {
  const names: string[] = [];
  for (let cls: unknown = type; typeof cls === 'function'; cls = Object.getPrototypeOf(cls))
    for (const name of PART_NAMES.get(cls) ?? []) names.push(name);
  return names;
}

/** A shallow copy of the body with each present part held (see above); the body itself is not changed. */
export function holdParts(body: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const copy = { ...body };
  for (const name of names) {
    const value = copy[name];
    if (value === undefined || value === null) continue;
    const held = (): unknown => value;
    HELD.set(held, value);
    copy[name] = held;
  }
  return copy;
}

/** The part a value holds, or the value itself. */
export function heldValue(value: unknown): unknown {
  return typeof value === 'function' && HELD.has(value) ? HELD.get(value) : value;
}
