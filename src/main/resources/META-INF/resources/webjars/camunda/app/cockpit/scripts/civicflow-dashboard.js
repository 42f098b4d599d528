// civicflow: the supervisors' SLA map on the Cockpit dashboard (Camunda 7 front-end plugin, plugin point
// cockpit.dashboard). Data: GET /api/v1/dashboard/districts and /api/v1/dashboard/districts/{code}/cases, authorised
// by the Cockpit session (the browser sends the session cookie), within the office-scoped rules.

const METRICS = {
  overdue: {label: '超期未办结 Open overdue cases', value: d => d.overdue, rate: false},
  response: {label: '响应率 Response rate', value: d => d.responseRate, rate: true},
  resolution: {label: '解决率 Resolution rate', value: d => d.resolutionRate, rate: true},
  satisfaction: {label: '满意率 Satisfaction rate', value: d => d.satisfactionRate, rate: true}
};
const PERIODS = [7, 30, 90, 365];
const WARNING_COLOURS = {BLUE: '#1565c0', YELLOW: '#f9a825', ORANGE: '#ef6c00', RED: '#c62828'};
const SVG = 'http://www.w3.org/2000/svg';

const CSS = `
.cf-dash { margin: 10px 0 20px; font-size: 13px; }
.cf-dash h3 { margin: 0 0 8px; }
.cf-controls { margin-bottom: 8px; display: flex; gap: 16px; align-items: center; flex-wrap: wrap; }
.cf-controls select { padding: 2px 4px; }
.cf-body { display: flex; gap: 16px; align-items: flex-start; }
.cf-map { width: 640px; height: 560px; border: 1px solid #ddd; background: #f7fbff; flex: none; }
.cf-district { stroke: #fff; stroke-width: 0.6; cursor: pointer; vector-effect: non-scaling-stroke; }
.cf-district:hover { opacity: .8; }
.cf-district.cf-selected { stroke: #000; stroke-width: 2.5; }
.cf-district.cf-warned { stroke-width: 3; }
.cf-label { pointer-events: none; fill: #222; text-anchor: middle; paint-order: stroke; stroke: #fff; stroke-width: .25px; }
.cf-side { flex: 1; min-width: 300px; }
.cf-totals td { padding: 1px 8px 1px 0; }
.cf-legend { display: flex; align-items: center; gap: 4px; margin: 6px 0; }
.cf-legend span.cf-swatch { display: inline-block; width: 18px; height: 12px; border: 1px solid #ccc; }
.cf-warning { display: inline-block; padding: 0 6px; border-radius: 3px; color: #fff; margin: 0 4px 2px 0; }
.cf-tooltip { position: fixed; z-index: 2000; background: #fff; border: 1px solid #999; padding: 6px 8px;
  box-shadow: 0 2px 6px rgba(0,0,0,.2); pointer-events: none; display: none; font-size: 12px; }
.cf-cases { width: 100%; margin-top: 6px; }
.cf-cases th, .cf-cases td { padding: 2px 6px; border-bottom: 1px solid #eee; text-align: left; }
.cf-error { color: #b71c1c; }
`;

function el(tag, attrs, ...children) {
  const node = tag.startsWith('svg:') ? document.createElementNS(SVG, tag.substring(4)) : document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => { if (v !== null && v !== undefined) node.setAttribute(k, v); });
  children.flat().forEach(c => node.append(c instanceof Node ? c : document.createTextNode(String(c))));
  return node;
}

function pct(rate) {
  return rate === null || rate === undefined ? '—' : (rate * 100).toFixed(1) + '%';
}

function colour(metric, value, max) {
  if (value === null || value === undefined) return '#e0e0e0';
  if (metric.rate) return `hsl(${Math.round(value * 120)}, 65%, 48%)`;
  if (value === 0) return '#e8f5e9';
  const t = max > 0 ? Math.min(1, value / max) : 0;
  return `hsl(${Math.round(40 - 40 * t)}, 85%, ${Math.round(72 - 35 * t)}%)`;
}

async function getJson(url, api) {
  const headers = {Accept: 'application/json'};
  if (api && api.CSRFToken) headers['X-XSRF-TOKEN'] = api.CSRFToken;
  const response = await fetch(url, {credentials: 'same-origin', headers});
  if (!response.ok) {
    let detail = response.statusText;
    try { detail = (await response.json()).detail || detail; } catch (e) { /* not JSON */ }
    throw new Error(response.status + ' ' + detail);
  }
  return response.json();
}

function isoDate(date) {
  return new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().substring(0, 10);
}

export default {
  id: 'civicflow-sla-map',
  pluginPoint: 'cockpit.dashboard',
  priority: 100,
  properties: {label: 'SLA map'},

  render: (node, {api}) => {
    const started = performance.now();
    const state = {metric: 'overdue', days: 30, data: null, selected: null};
    const style = el('style', {}, CSS);
    const metricSelect = el('select', {class: 'cf-metric'},
      Object.entries(METRICS).map(([k, m]) => el('option', {value: k}, m.label)));
    const periodSelect = el('select', {class: 'cf-period'},
      PERIODS.map(d => el('option', {value: d}, `最近 ${d} 天 last ${d} days`)));
    periodSelect.value = '30';
    const map = el('svg:svg', {class: 'cf-map', id: 'civicflow-map', preserveAspectRatio: 'xMidYMid meet'});
    const side = el('div', {class: 'cf-side'});
    const details = el('div', {class: 'cf-details'});
    const tooltip = el('div', {class: 'cf-tooltip'});
    const title = el('h3', {}, '督办地图 Supervisors\' SLA map');
    const root = el('div', {class: 'cf-dash', id: 'civicflow-dashboard'}, style, title,
      el('div', {class: 'cf-controls'},
        el('label', {}, '着色 Colour by ', metricSelect),
        el('label', {}, '时段 Period (rates) ', periodSelect)),
      el('div', {class: 'cf-body'}, map, side), tooltip);
    node.append(root);

    metricSelect.addEventListener('change', () => { state.metric = metricSelect.value; draw(); });
    periodSelect.addEventListener('change', () => { state.days = Number(periodSelect.value); load(); });

    function figures(d) {
      const rows = [
        ['未办结 Open cases', d.openCases],
        ['超期 Overdue', d.overdue],
        ['督办 Escalated', d.escalated],
        [`受理 Submitted (${state.data.from} – ${state.data.to})`, d.cases],
        ['响应率 Response', `${pct(d.responseRate)} (${d.respondedInTime}/${d.responseDecided})`],
        ['解决率 Resolution', `${pct(d.resolutionRate)} (${d.resolved}/${d.replied})`],
        ['满意率 Satisfaction', `${pct(d.satisfactionRate)} (${d.satisfied}/${d.calledBack})`]
      ];
      return el('table', {class: 'cf-totals'}, rows.map(([k, v]) => el('tr', {}, el('td', {}, k), el('td', {class: 'cf-v'}, v))));
    }

    function warningBadges(warnings) {
      return (warnings || []).map(w => el('span', {class: 'cf-warning', style: `background:${WARNING_COLOURS[w.colour] || '#666'}`},
        `${w.kindName}${w.colourName}预警 ${w.kind.toLowerCase()} ${w.colour.toLowerCase()}`));
    }

    function draw() {
      const data = state.data;
      const metric = METRICS[state.metric];
      map.replaceChildren();
      map.setAttribute('viewBox', data.viewBox);
      const max = Math.max(0, ...data.districts.map(d => d.overdue));
      const width = Number(data.viewBox.split(' ')[2]);
      const shapes = el('svg:g', {class: 'cf-shapes'});
      const labels = el('svg:g', {class: 'cf-labels'});
      data.districts.forEach(d => {
        const warned = d.warnings && d.warnings.length > 0;
        const path = el('svg:path', {
          d: d.path, class: 'cf-district' + (warned ? ' cf-warned' : '') + (state.selected === d.code ? ' cf-selected' : ''),
          fill: colour(metric, metric.value(d), max), 'data-code': d.code, 'data-name': d.name,
          'data-overdue': d.overdue, 'data-escalated': d.escalated,
          style: warned ? `stroke:${WARNING_COLOURS[d.warnings[0].colour]}` : null
        });
        path.addEventListener('mousemove', event => {
          tooltip.replaceChildren(el('strong', {}, `${d.name} ${d.nameEn}`), ...warningBadges(d.warnings).map(b => [el('br'), b]).flat(), figures(d));
          tooltip.style.display = 'block';
          tooltip.style.left = (event.clientX + 14) + 'px';
          tooltip.style.top = (event.clientY + 14) + 'px';
        });
        path.addEventListener('mouseleave', () => { tooltip.style.display = 'none'; });
        path.addEventListener('click', () => select(d));
        shapes.append(path);
        const value = metric.value(d);
        const text = data.districts.length > 1 ? d.name : `${d.name} ${metric.rate ? pct(value) : value}`;
        labels.append(el('svg:text', {class: 'cf-label', x: d.labelX, y: d.labelY,
          'font-size': (width / (data.districts.length > 1 ? 75 : 22)).toFixed(2)}, text));
      });
      map.append(shapes, labels);
      drawSide();
    }

    function drawSide() {
      const data = state.data;
      const metric = METRICS[state.metric];
      const t = data.totals;
      const warned = data.districts.filter(d => d.warnings && d.warnings.length);
      const legend = metric.rate
        ? [0, 0.5, 0.8, 0.9, 1].map(v => [el('span', {class: 'cf-swatch', style: `background:${colour(metric, v, 1)}`}), pct(v)])
        : [...new Set([0, 0.25, 0.5, 1].map(v => Math.round(v * Math.max(0, ...data.districts.map(d => d.overdue)))))]
          .map(n => [el('span', {class: 'cf-swatch', style: `background:${colour(metric, n, Math.max(0, ...data.districts.map(d => d.overdue)))}`}), String(n)]);
      side.replaceChildren(
        el('div', {}, el('strong', {}, data.scope === 'city' ? '全市 Whole city' : data.districts.map(d => d.name).join('、')),
          ` · ${data.user} · ${data.districts.length} 区县 district(s) · 截至 as of ${data.asOf.substring(0, 16).replace('T', ' ')}`),
        el('div', {class: 'cf-legend'}, metric.label + ': ', legend.flat(), el('span', {class: 'cf-swatch', style: 'background:#e0e0e0'}), '无数据 none'),
        el('table', {class: 'cf-totals'},
          el('tr', {}, el('td', {}, '未办结 Open'), el('td', {}, t.openCases), el('td', {}, '超期 Overdue'), el('td', {class: 'cf-total-overdue'}, t.overdue),
            el('td', {}, '督办 Escalated'), el('td', {}, t.escalated)),
          el('tr', {}, el('td', {}, '响应率 Response'), el('td', {}, pct(t.responseRate)), el('td', {}, '解决率 Resolution'),
            el('td', {}, pct(t.resolutionRate)), el('td', {}, '满意率 Satisfaction'), el('td', {}, pct(t.satisfactionRate)))),
        el('div', {class: 'cf-warnings'}, data.warningsAvailable
          ? (warned.length ? ['预警 Warnings in force: ', warned.map(d => [d.name + ' ', warningBadges(d.warnings)]).flat()] : '无生效预警 No warnings in force')
          : ''),
        details);
    }

    async function select(d) {
      state.selected = d.code;
      draw();
      details.replaceChildren(el('h4', {}, `${d.name} ${d.nameEn}`), figures(d), el('p', {}, '加载中 Loading…'));
      try {
        const list = await getJson(`/api/v1/dashboard/districts/${d.code}/cases`, api);
        const rows = list.cases.map(c => el('tr', {class: 'cf-case', 'data-key': c.businessKey},
          el('td', {}, c.processInstanceId
            ? el('a', {href: `#/process-instance/${c.processInstanceId}/runtime`, class: 'cf-instance'}, c.businessKey)
            : c.businessKey),
          el('td', {}, c.statusLabel),
          el('td', {}, c.officeName || c.office || ''),
          el('td', {}, c.handlingDueAt ? c.handlingDueAt.substring(0, 16).replace('T', ' ') : '—'),
          el('td', {}, [c.overdue ? '超期 overdue' : '', c.breaches > 0 ? `督办 escalated ×${c.breaches}` : ''].filter(Boolean).join(' · ')),
          el('td', {}, el('a', {href: c.auditUrl, target: '_blank', rel: 'noopener', class: 'cf-audit'}, '审计 audit'))));
        details.replaceChildren(el('h4', {}, `${d.name} ${d.nameEn}`), figures(d),
          el('div', {}, `超期或督办的案件 Overdue or escalated cases: ${list.cases.length}${list.cases.length >= list.limit ? '+' : ''}`),
          el('table', {class: 'cf-cases'},
            el('tr', {}, ['案件 Case', '状态 Status', '单位 Office', '办理期限 Due', '', ''].map(h => el('th', {}, h))), rows));
      } catch (e) {
        details.replaceChildren(el('h4', {}, d.name), el('p', {class: 'cf-error'}, '无法加载 Cannot load: ' + e.message));
      }
    }

    async function load() {
      const to = new Date();
      const from = new Date(to.getTime() - (state.days - 1) * 86400000);
      try {
        state.data = await getJson(`/api/v1/dashboard/districts?from=${isoDate(from)}&to=${isoDate(to)}`, api);
        draw();
        root.setAttribute('data-load-ms', String(Math.round(performance.now() - started)));
        root.setAttribute('data-loaded', 'true');
        if (state.data.districts.length === 1 && !state.selected) {
          select(state.data.districts[0]);
        }
      } catch (e) {
        side.replaceChildren(el('p', {class: 'cf-error'}, '无法加载地图 Cannot load the map: ' + e.message));
        root.setAttribute('data-loaded', 'error');
      }
    }

    load();
  }
};
