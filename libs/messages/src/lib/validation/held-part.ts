import type { MessageValidation } from './validate-message';

/**
 * The properties of a request class that carry `@ValidatedAs` (by class, inherited ones included), and
 * the hand-over of their values past class-transformer. The part is transformed and validated by its
 * own class inside ValidatedAs; transforming the wrapper would first deep-copy the whole part for
 * nothing (measured: a third of validating a contract filing's RPC body). A part is therefore handed
 * over as a function holding it, which class-transformer passes through untouched. The registry of the
 * parts (their checks, by class) is kept here too: ValidatedAs writes it, rpcPartPipe and validateMessage read it.
 */
export type PartCheck = (value: unknown) => Promise<MessageValidation<object>>;

/** The check of each ValidatedAs property, by the class declaring it. */
const PARTS = new WeakMap<object, Map<string, PartCheck>>();
const HELD = new WeakMap<object, unknown>();

export function registerPart(target: object, property: string, check: PartCheck): void {
  const parts = PARTS.get(target) ?? new Map<string, PartCheck>();
  parts.set(property, check);
  PARTS.set(target, parts);
}

/** The ValidatedAs parts of a class and its ancestors, nearest declaration first. */
function* partsOf(type: object): Generator<[string, PartCheck]> {
  for (let cls: unknown = type; typeof cls === 'function'; cls = Object.getPrototypeOf(cls))
    yield* PARTS.get(cls) ?? [];
}

/** The ValidatedAs properties of a class and its ancestors. */
export function partNamesOf(type: object): string[] {
  return [...partsOf(type)].map(([name]) => name);
}

/** The check of one ValidatedAs property of a class (or an ancestor), if it has one. */
export function partCheckOf(type: object, property: string): PartCheck | undefined {
  for (const [name, check] of partsOf(type)) if (name === property) return check;
  return undefined;
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
