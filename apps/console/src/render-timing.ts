/**
 * Render timing of a list (issue 12: 100 rows in < 200 ms): `start` is taken once the data is in,
 * before the rows are built; the end is the next frame after the page is in the document, with
 * layout forced, so the measure covers building, inserting and laying out the rows (and at most one
 * frame of waiting: an upper bound). Read by the browser test as `performance` entries `render:<name>`.
 */
export function timeRender(name: string, start: number, root: HTMLElement): void {
  requestAnimationFrame(() => {
    if (!root.isConnected) return; // replaced by a newer navigation
    void root.getBoundingClientRect();
    performance.measure(`render:${name}`, { start, end: performance.now() });
  });
}
