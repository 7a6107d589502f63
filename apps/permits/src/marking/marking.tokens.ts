/** Injection token of the permits configuration inside the marking feature. */
export const PERMITS_CONFIG = Symbol('PERMITS_CONFIG');
