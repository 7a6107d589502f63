import { h } from '../dom.js';
import { classLabel, classOf, colourClasses, FigureDef, isWhole, unitOf } from '../statistics-core.js';
import { formatNumber } from '../statistics-format.js';
import { Feature, HEIGHT, loadOutline, pathOf, svg, WIDTH, x, y } from './hunan-map.js';

/**
 * The 统计 map: the 14 市州 of assets/hunan.json (the shipped outline has the cities' polygons and
 * no county boundaries) coloured by one figure in classes named in a text legend, each city's
 * value written on it. A click on a city drills into it; the table beside it is the keyboard way
 * (the map is one role="img" with a label saying so). At a city's level the map shows where the
 * city lies (its counties are in the table only).
 */
export interface MapRegion {
  code: string;
  name: string;
  value: number;
  /** where a click goes (the city's summary); null: not clickable */
  link: string | null;
}

const shortName = (name: string): string => name.replace('土家族苗族自治州', '州').replace(/市$/, '');

export async function statisticsMap(regions: MapRegion[], figure: FigureDef, current: string): Promise<HTMLElement> {
  let features: Feature[];
  try {
    features = await loadOutline();
  } catch {
    return h(
      'p',
      { class: 'hint', id: 'statistics-map' },
      '地图未能加载，请使用下表 (the map did not load: use the table)',
    );
  }
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const values = regions.map((r) => r.value);
  const classes = colourClasses(values, 4, isWhole(figure.kind));
  const format = (v: number): string => formatNumber(v, figure.kind);
  const unit = unitOf(figure.kind) ? ` ${unitOf(figure.kind)}` : '';
  const cityLevel = regions.length === 0;
  const currentName = features.find((f) => f.id === current)?.properties.name ?? current;
  const label = cityLevel
    ? `湖南省地图，标出${currentName}的位置（地图数据无县市区边界，县市区见下表）`
    : `湖南省各市州${figure.label}分级着色地图：` +
      regions.map((r) => `${r.name} ${format(r.value)}${unit}`).join('，') +
      '。点击市州进入该市州；键盘操作请使用下表。';
  const map = svg('svg', {
    viewBox: `0 0 ${WIDTH.toFixed(1)} ${HEIGHT.toFixed(1)}`,
    role: 'img',
    'aria-label': label,
    class: 'hunan-map statistics-map',
    id: 'statistics-map',
  });
  map.append(svg('title', {}, label));
  for (const f of features) {
    const r = byCode.get(f.id);
    const cls = cityLevel
      ? f.id === current
        ? 'region current'
        : 'region other'
      : `region fill-${r ? classOf(r.value, classes) : 0}${r?.link ? ' link' : ''}`;
    const path = svg('path', { d: pathOf(f), class: cls, 'data-code': f.id });
    if (r) path.append(svg('title', {}, `${r.name}：${format(r.value)}${unit}`));
    if (r?.link) {
      const target = r.link;
      path.addEventListener('click', () => {
        location.hash = target;
      });
    }
    map.append(path);
  }
  for (const f of features) {
    const r = byCode.get(f.id);
    const [cx, cy] = [x(f.properties.cp[0]), y(f.properties.cp[1])];
    const text = svg(
      'text',
      { x: cx.toFixed(1), y: cy.toFixed(1), class: 'region-name' },
      shortName(f.properties.name),
    );
    map.append(text);
    if (r)
      map.append(svg('text', { x: cx.toFixed(1), y: (cy + 13).toFixed(1), class: 'region-value' }, format(r.value)));
  }
  const legend = cityLevel
    ? h(
        'figcaption',
        { class: 'hint', id: 'statistics-legend' },
        `图中蓝色区域为${currentName}。随平台提供的地图数据只有市州边界，县市区请看表格。`,
      )
    : h(
        'div',
        { class: 'legend', id: 'statistics-legend' },
        h('p', { class: 'legend-title' }, `图例：${figure.label}${unit ? `（${unit.trim()}）` : ''}`),
        h(
          'ul',
          {},
          classes.map((c, i) =>
            h(
              'li',
              {},
              h('span', { class: `swatch fill-${i}`, 'aria-hidden': 'true' }),
              classLabel(c, figure.kind, format),
            ),
          ),
        ),
      );
  return h('figure', { class: 'map-figure' }, map, legend);
}
