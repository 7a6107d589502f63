#!/usr/bin/env node
// Generates apps/console/src/assets/hunan.json, the offline outline of Hunan drawn by the console's
// 落图选点 map, from the Hunan map of the echarts 4.x npm package (Apache-2.0).
//
//   npm pack echarts@4.9.0 && tar xzf echarts-4.9.0.tgz package/map/json/province/hunan.json
//   node tools/gen-hunan-map.js package/map/json/province/hunan.json
//
// echarts ships the geometry compressed ("UTF8Encoding": each coordinate pair is two characters,
// zigzag + delta encoded from geometry.encodeOffsets, scale 1024). This decodes it into plain
// GeoJSON (lon/lat as echarts has it), rounded to 0.001° and thinned to points at least 0.01°
// apart (about 1 km, a pixel at the console's map size): an outline to click on, not a survey.
// Plain node, no dependencies; deterministic.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const outFile = path.join(root, 'apps', 'console', 'src', 'assets', 'hunan.json');
const SCALE = 1024;
const MIN_STEP = 0.01;

function fail(message) {
  console.error(`gen-hunan-map: ${message}`);
  process.exit(1);
}

/** One ring of echarts' UTF-8 encoding (src/coord/geo/parseGeoJson.js of echarts 4). */
function decodeRing(encoded, offsets) {
  let prevX = offsets[0];
  let prevY = offsets[1];
  const ring = [];
  for (let i = 0; i < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += prevX;
    y += prevY;
    prevX = x;
    prevY = y;
    ring.push([x / SCALE, y / SCALE]);
  }
  return ring;
}

function thin(ring) {
  const out = [];
  for (const [lon, lat] of ring) {
    const last = out[out.length - 1];
    if (last && Math.abs(last[0] - lon) < MIN_STEP && Math.abs(last[1] - lat) < MIN_STEP) continue;
    out.push([Math.round(lon * 1000) / 1000, Math.round(lat * 1000) / 1000]);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push(first);
  return out;
}

function decodeGeometry(geometry) {
  const rings = (encodedRings, offsets) =>
    encodedRings.map((r, i) => thin(typeof r === 'string' ? decodeRing(r, offsets[i]) : r));
  if (geometry.type === 'Polygon') return [rings(geometry.coordinates, geometry.encodeOffsets)];
  if (geometry.type === 'MultiPolygon')
    return geometry.coordinates.map((polygon, i) => rings(polygon, geometry.encodeOffsets[i]));
  fail(`unexpected geometry type ${geometry.type}`);
}

const input = process.argv[2];
if (!input) fail('usage: node tools/gen-hunan-map.js <echarts>/map/json/province/hunan.json');
const source = JSON.parse(fs.readFileSync(input, 'utf8'));
if (!source.UTF8Encoding) fail('expected the UTF8Encoding map of echarts 4.x');
const features = source.features
  .map((f) => ({
    type: 'Feature',
    id: String(f.id),
    properties: { name: f.properties.name, cp: f.properties.cp.map((v) => Math.round(v * 1000) / 1000) },
    geometry: { type: 'MultiPolygon', coordinates: decodeGeometry(f.geometry) },
  }))
  .sort((a, b) => a.id.localeCompare(b.id));
const out = {
  type: 'FeatureCollection',
  source: 'echarts 4.9.0 map/json/province/hunan.json (Apache-2.0), decoded by tools/gen-hunan-map.js',
  features,
};
fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(outFile, JSON.stringify(out) + '\n');
const points = features.reduce((n, f) => n + f.geometry.coordinates.flat(2).length, 0);
console.log(`${path.relative(root, outFile)}: ${features.length} features, ${points} points`);
