/** The part of js-yaml (present in node_modules through @nestjs/swagger, no types shipped) the deploy specs use. */
declare module 'js-yaml' {
  export function loadAll(input: string): unknown[];
  export function load(input: string): unknown;
}
