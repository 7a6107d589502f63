import { h } from '../dom.js';

/**
 * 落图选点: an offline map of Hunan (the outline shipped as assets/hunan.json, see
 * tools/gen-hunan-map.js) drawn as SVG with a plain lon/lat projection; a click sets the point, the
 * latitude / longitude inputs show it and, edited, move the marker. The inputs are the keyboard way
 * to set the point; the map is the pointer way. The 统计 map (statistics-map.ts) draws the same outline.
 */

/** The server's bounds for a location (HUNAN_BOUNDS of the presale submission): the map's frame. */
export const BOUNDS = { minLat: 24.6, maxLat: 30.2, minLng: 108.7, maxLng: 114.3 } as const;

export interface Feature {
  id: string;
  properties: { name: string; cp: [number, number] };
  geometry: { type: 'MultiPolygon'; coordinates: Array<Array<Array<[number, number]>>> };
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const UNIT = 100; // SVG units per degree of latitude
const KX = Math.cos((((BOUNDS.minLat + BOUNDS.maxLat) / 2) * Math.PI) / 180); // shorter degrees of longitude
export const WIDTH = (BOUNDS.maxLng - BOUNDS.minLng) * UNIT * KX;
export const HEIGHT = (BOUNDS.maxLat - BOUNDS.minLat) * UNIT;

let outline: Promise<Feature[]> | null = null;

export function loadOutline(): Promise<Feature[]> {
  outline ??= fetch('assets/hunan.json', { credentials: 'omit' })
    .then((res) => {
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return res.json() as Promise<{ features: Feature[] }>;
    })
    .then((json) => json.features)
    .catch((err: unknown) => {
      outline = null; // try again next time
      throw err;
    });
  return outline;
}

export const x = (lng: number): number => (lng - BOUNDS.minLng) * UNIT * KX;
export const y = (lat: number): number => (BOUNDS.maxLat - lat) * UNIT;

export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  ...children: Array<SVGElement | string>
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c);
  return el;
}

export function pathOf(feature: Feature): string {
  return feature.geometry.coordinates
    .flatMap((polygon) =>
      polygon.map(
        (ring) =>
          ring.map(([lng, lat], i) => `${i ? 'L' : 'M'}${x(lng).toFixed(1)} ${y(lat).toFixed(1)}`).join('') + 'Z',
      ),
    )
    .join('');
}

/** Even-odd ray casting over all rings of the feature. */
function contains(feature: Feature, lng: number, lat: number): boolean {
  let inside = false;
  for (const polygon of feature.geometry.coordinates)
    for (const ring of polygon)
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]!;
        const [xj, yj] = ring[j]!;
        if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
      }
  return inside;
}

export function parseCoordinate(value: string, min: number, max: number): number | null {
  if (!/^-?\d+(\.\d+)?$/.test(value.trim())) return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= min && n <= max ? n : null;
}

/** The map for the given inputs (named location.lat / location.lng in the form). */
export async function hunanMapPicker(lat: HTMLInputElement, lng: HTMLInputElement): Promise<HTMLElement> {
  const status = h('p', { role: 'status', class: 'map-status', id: 'map-point' });
  let features: Feature[] = [];
  try {
    features = await loadOutline();
  } catch {
    status.textContent = '地图未能加载，请直接输入经纬度 (the map did not load: type the coordinates)';
    return h('div', { class: 'map-picker' }, status);
  }
  const marker = svg(
    'g',
    { class: 'marker', visibility: 'hidden', 'aria-hidden': 'true' },
    svg('circle', { r: 9, class: 'marker-ring' }),
    svg('circle', { r: 3, class: 'marker-dot' }),
  );
  const map = svg(
    'svg',
    {
      viewBox: `0 0 ${WIDTH.toFixed(1)} ${HEIGHT.toFixed(1)}`,
      role: 'img',
      'aria-labelledby': 'map-title',
      'aria-describedby': 'map-point',
      class: 'hunan-map',
      id: 'hunan-map',
    },
    svg('title', { id: 'map-title' }, '湖南省地图：点击地图选点，或在下方输入经纬度 (click to set the point)'),
    ...features.map((f) => svg('path', { d: pathOf(f), class: 'region', 'data-code': f.id })),
    ...features.map((f) =>
      svg(
        'text',
        { x: x(f.properties.cp[0]).toFixed(1), y: y(f.properties.cp[1]).toFixed(1), class: 'region-name' },
        f.properties.name.replace('土家族苗族自治州', '州').replace(/市$/, ''),
      ),
    ),
    marker,
  );

  const show = (la: number | null, ln: number | null): void => {
    if (la === null || ln === null) {
      marker.setAttribute('visibility', 'hidden');
      status.textContent = '尚未选点 (no point yet)';
      return;
    }
    marker.setAttribute('transform', `translate(${x(ln).toFixed(1)} ${y(la).toFixed(1)})`);
    marker.setAttribute('visibility', 'visible');
    const where = features.find((f) => contains(f, ln, la))?.properties.name;
    status.textContent =
      `已选点：北纬 ${la.toFixed(5)}°，东经 ${ln.toFixed(5)}°` +
      (where ? `（${where}）` : '（不在湖南省界内，请核对）');
  };
  const fromInputs = (): void =>
    show(
      parseCoordinate(lat.value, BOUNDS.minLat, BOUNDS.maxLat),
      parseCoordinate(lng.value, BOUNDS.minLng, BOUNDS.maxLng),
    );
  map.addEventListener('click', (event) => {
    const ctm = map.getScreenCTM();
    if (!ctm) return;
    const p = new DOMPoint(event.clientX, event.clientY).matrixTransform(ctm.inverse());
    const la = BOUNDS.maxLat - p.y / UNIT;
    const ln = BOUNDS.minLng + p.x / (UNIT * KX);
    if (la < BOUNDS.minLat || la > BOUNDS.maxLat || ln < BOUNDS.minLng || ln > BOUNDS.maxLng) return;
    lat.value = la.toFixed(5);
    lng.value = ln.toFixed(5);
    for (const input of [lat, lng]) input.removeAttribute('aria-invalid');
    show(Number(lat.value), Number(lng.value));
  });
  lat.addEventListener('input', fromInputs);
  lng.addEventListener('input', fromInputs);
  fromInputs();
  return h('div', { class: 'map-picker' }, map, status);
}
