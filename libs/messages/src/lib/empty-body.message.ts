/**
 * The body of a contract that takes nothing (health, the public checkpoint and keys): no properties, so
 * any field sent is refused (forbidNonWhitelisted) with its name in the field list.
 */
export class EmptyBodyV1 {}
