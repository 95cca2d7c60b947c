// The site plan: every resource at its position; for the chosen organisation its vans, its positions, and the
// walking distance (|dx| + |dy|, as the rules count it) from each van to each position held at the same time.
import { esc, TYPES, TYPE_NAMES, isParking, span, number } from './format.js';
import { state, subscribe } from './store.js';
import { $ } from './ui.js';

const SHAPES = Object.fromEntries(TYPES.map(([type], i) => [type, i]));

export function init() {
  $('site-org').addEventListener('change', () => render(state));
  subscribe('event', eventChanged);
  subscribe('round', render);
}

function eventChanged(s) {
  $('site-org').innerHTML = '<option value="">Choose…</option>' + s.organisations
    .map((o) => `<option value="${esc(o.id)}">${esc(o.name)}</option>`).join('');
}

/** A jump with { organisation } shows that organisation's vans and walks. */
export function shown(s, params) {
  if (!params?.organisation) return;
  $('site-org').value = params.organisation;
  render(s);
}

/** " · 7.5 m" for parking (metres of vehicle length), " · 2 people" for the rest; nothing when unlimited. */
function capacity(resource) {
  if (resource.capacity == null) return '';
  return isParking(resource.type) ? ` · ${number(resource.capacity)} m` : ` · ${number(resource.capacity)} people`;
}

function overlaps(a, b) {
  return Date.parse(a.start) < Date.parse(b.end) && Date.parse(b.start) < Date.parse(a.end);
}

function render(s) {
  const svg = $('site-plan');
  if (!s.resources.length) {
    svg.innerHTML = '';
    return;
  }
  const xs = s.resources.map((r) => r.x);
  const ys = s.resources.map((r) => r.y);
  const pad = 40;
  const minX = Math.min(...xs) - pad; const maxX = Math.max(...xs) + pad;
  const minY = Math.min(...ys) - pad; const maxY = Math.max(...ys) + pad;
  svg.setAttribute('viewBox', `${minX} ${minY} ${maxX - minX} ${maxY - minY}`);
  const byId = new Map(s.resources.map((r) => [r.id, r]));
  const organisation = $('site-org').value;
  const mine = organisation && s.report ? s.report.allocations.filter((a) => a.organisation === organisation) : [];
  const held = new Set(mine.map((a) => a.resource));

  const parts = [];
  // Type labels at the middle of each type's cluster.
  for (const [type, name] of TYPES) {
    const ofType = s.resources.filter((r) => r.type === type);
    if (!ofType.length) continue;
    const cx = ofType.reduce((sum, r) => sum + r.x, 0) / ofType.length;
    const top = Math.min(...ofType.map((r) => r.y));
    parts.push(`<text class="site-type" x="${cx}" y="${top - 12}" text-anchor="middle">${esc(name)}</text>`);
  }
  const walks = [];
  const distances = new Map();
  for (const van of mine.filter((a) => isParking(a.type))) {
    for (const position of mine.filter((a) => !isParking(a.type) && overlaps(a, van))) {
      const from = byId.get(van.resource); const to = byId.get(position.resource);
      if (!from || !to) continue;
      const metres = Math.abs(from.x - to.x) + Math.abs(from.y - to.y);
      walks.push({ van, position, metres });
      // Walking follows the paths of the site grid: along x, then along y.
      parts.push(`<path class="walk" d="M${from.x},${from.y}H${to.x}V${to.y}"/>`);
      // The distance is written at the position (many walks share a van's path, so mid-path labels would collide).
      distances.set(position.resource, [...new Set([...(distances.get(position.resource) ?? []), metres])]);
    }
  }
  for (const resource of s.resources) {
    const mark = held.has(resource.id) ? ' held' : '';
    const title = `${resource.id} · ${TYPE_NAMES[resource.type]} · zone ${resource.zone} · (${resource.x}, ${resource.y})`
      + capacity(resource);
    parts.push(`<rect class="res t${SHAPES[resource.type]}${mark}" x="${resource.x - 2.5}" y="${resource.y - 2.5}"`
      + ` width="5" height="5"><title>${esc(title)}</title></rect>`);
    if (held.has(resource.id)) {
      const walked = distances.get(resource.id);
      parts.push(`<text class="res-label" x="${resource.x + 4}" y="${resource.y + 3}">${esc(resource.id)}`
        + (walked ? `<tspan class="walk-label"> ${walked.join(' / ')} m</tspan>` : '') + '</text>');
    }
  }
  svg.innerHTML = parts.join('');
  const name = s.organisations.find((o) => o.id === organisation)?.name ?? organisation;
  $('site-walks').innerHTML = !organisation ? '<p class="muted">Choose an organisation to see its van and walks.</p>'
    : !s.report ? '<p class="muted">Select a round with a solution.</p>'
    : `<h3>${esc(name)}: ${mine.length} allocation(s), ${walks.length} walk(s)</h3>`
      + (walks.length ? '<table><thead><tr><th scope="col">Van</th><th scope="col">Position</th>'
        + '<th scope="col">When (position)</th><th scope="col">Walk</th></tr></thead><tbody>'
        + walks.map((w) => `<tr><td>${esc(w.van.resource)}</td><td>${esc(w.position.resource)}</td>`
          + `<td>${esc(span(w.position.start, w.position.end))}</td><td>${number(w.metres)} m</td></tr>`).join('')
        + '</tbody></table>' : '<p>No van together with a position at the same time in this round.</p>');
}
