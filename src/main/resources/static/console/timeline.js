// The timeline: one row per resource, grouped by type, across the event with closed hours shaded; allocations as
// bars coloured by organisation. Built as one HTML string per render with one delegated listener, so thousands of
// bars cost one layout, not thousands of listeners. Other views jump here with requests to highlight.
import { esc, TYPES, TYPE_NAMES, colour, when, span, day, midnights } from './format.js';
import { state, subscribe, requests } from './store.js';
import { $, failed, toast } from './ui.js';

const LABEL = 120;

export function init() {
  $('timeline-type').insertAdjacentHTML('beforeend',
    TYPES.map(([type, name]) => `<option value="${type}">${esc(name)}</option>`).join(''));
  for (const id of ['timeline-type', 'timeline-org', 'timeline-scale']) {
    $(id).addEventListener('change', () => render(state));
  }
  $('timeline-print').addEventListener('click', () => window.print());
  const container = $('timeline');
  container.addEventListener('click', (event) => {
    const bar = event.target.closest('.alloc');
    if (bar) detail(bar.dataset.request).catch(failed);
  });
  container.addEventListener('keydown', (event) => {
    const bar = event.target.closest('.alloc');
    if (bar && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      detail(bar.dataset.request).catch(failed);
    }
  });
  subscribe('event', eventChanged);
  subscribe('round', roundChanged);
}

function eventChanged(s) {
  $('timeline-org').innerHTML = '<option value="">All</option>' + s.organisations
    .map((o) => `<option value="${esc(o.id)}">${esc(o.name)}</option>`).join('');
}

/**
 * Rendered when shown: the whole-event scale needs the visible width. With { highlight: [request ids] } (a jump
 * from another view), those requests' bars are marked.
 */
export function shown(s, params) {
  if (params?.highlight) highlight(params.highlight);
  else render(s);
}

function roundChanged(s) {
  $('timeline-detail').hidden = true;
  // A hidden timeline has no width to fit; it renders when shown.
  if (!$('view-timeline').hidden) render(s);
}

function render(s) {
  // Measured (browser dev tools, Performance): one render of the whole timeline, string building and layout.
  const started = performance.now();
  const container = $('timeline');
  if (!s.report) {
    container.innerHTML = '<p class="muted">Select a round with a solution to see its timeline.</p>';
    return;
  }
  const from = Date.parse(s.event.start);
  const to = Date.parse(s.event.end);
  const scale = $('timeline-scale').value;
  // "Whole event": the event fits the visible width (a printed page too), never below 4 px an hour.
  const perHour = scale === 'fit' ? Math.max(4, (container.clientWidth - LABEL - 24) / ((to - from) / 3_600_000))
    : Number(scale);
  const px = (ms) => ((ms - from) / 3_600_000) * perHour;
  const width = Math.ceil(px(to));
  const onlyType = $('timeline-type').value;
  const onlyOrg = $('timeline-org').value;
  // A bar is pinned when an earlier publication fixed it, or when this very round was published.
  const published = s.round?.status === 'PUBLISHED';

  const html = [];
  // The scale: a day label at each midnight, an hour tick every six hours.
  html.push(`<div class="tl-row tl-scale" style="width:${LABEL + width}px"><div class="tl-label">Resource</div>`
    + `<div class="tl-track" style="width:${width}px">`);
  for (const midnight of [from, ...midnights(from + 1, to)]) {
    html.push(`<span class="tl-day" style="left:${px(midnight)}px">${esc(day(midnight))}</span>`);
  }
  html.push('</div></div>');

  const lanesByType = new Map(TYPES.map(([type]) => [type, []]));
  // EB-2 before EB-10: resource ids in natural order.
  const ordered = s.lanes.slice().sort((a, b) => a.resource.localeCompare(b.resource, 'en', { numeric: true }));
  for (const lane of ordered) lanesByType.get(lane.type)?.push(lane);
  let rows = 0;
  for (const [type, lanes] of lanesByType) {
    if ((onlyType && type !== onlyType) || !lanes.length) continue;
    // Off-screen groups skip layout and paint (content-visibility); their height is known: 24 px a row.
    html.push(`<div class="tl-group" role="rowgroup" aria-label="${esc(TYPE_NAMES[type])}"`
      + ` style="contain-intrinsic-size: ${LABEL + width}px ${lanes.length * 24 + 27}px">`
      + `<div class="tl-group-title" style="width:${LABEL + width}px">${esc(TYPE_NAMES[type])}</div>`);
    for (const lane of lanes) {
      rows++;
      html.push(`<div class="tl-row" style="width:${LABEL + width}px"><div class="tl-label">${esc(lane.resource)}</div>`
        + `<div class="tl-track" style="width:${width}px">`);
      for (const bar of lane.allocations) {
        if (onlyOrg && bar.organisation !== onlyOrg) continue;
        const pinned = bar.pinned || published;
        const left = px(Date.parse(bar.start));
        const barWidth = Math.max(3, px(Date.parse(bar.end)) - left);
        const label = `${bar.request} · ${bar.organisation} · ${span(bar.start, bar.end)}`
          + (pinned ? ' · published' : '') + (bar.byHand ? ' · placed by hand' : '');
        html.push(`<div class="alloc${pinned ? ' pinned' : ''}" tabindex="0" role="button" data-request="`
          + `${esc(bar.request)}" style="left:${left}px;width:${barWidth}px;background:${colour(bar.organisation)}"`
          + ` title="${esc(label)}" aria-label="${esc(label)}">${pinned ? '◆ ' : ''}${bar.byHand ? '✋ ' : ''}`
          + `${esc(bar.request)}</div>`);
      }
      html.push('</div></div>');
    }
    html.push('</div>');
  }
  // The closed hours: one shaded layer under every row, not one per row.
  const closed = [];
  let open = from;
  for (const hours of (s.event.openingHours ?? []).slice().sort((a, b) => Date.parse(a.from) - Date.parse(b.from))) {
    if (Date.parse(hours.from) > open) closed.push([open, Date.parse(hours.from)]);
    open = Math.max(open, Date.parse(hours.to));
  }
  if (s.event.openingHours?.length && open < to) closed.push([open, to]);
  const shade = closed.map(([a, b]) => `<div class="tl-closed" style="left:${LABEL + px(a)}px;width:${px(b) - px(a)}px"`
    + ` title="Closed ${esc(span(new Date(a).toISOString(), new Date(b).toISOString()))}"></div>`).join('');
  container.innerHTML = `<div class="tl-body" style="width:${LABEL + width}px">${shade}${html.join('')}</div>`;
  container.dataset.rows = rows;
  container.getBoundingClientRect();
  performance.measure('timeline-render', { start: started, end: performance.now() });
}

/** Marks the bars of the given requests and scrolls the first into view; says so when none has a bar. */
function highlight(ids) {
  for (const marked of document.querySelectorAll('.alloc.highlight')) marked.classList.remove('highlight');
  $('timeline-type').value = '';
  $('timeline-org').value = '';
  render(state);
  const bars = ids.flatMap((id) => [...document.querySelectorAll(`.alloc[data-request="${CSS.escape(id)}"]`)]);
  bars.forEach((bar) => bar.classList.add('highlight'));
  if (bars.length) {
    bars[0].scrollIntoView({ block: 'center', inline: 'center' });
    bars[0].focus({ preventScroll: true });
    detail(bars[0].dataset.request).catch(failed);
  } else if (ids.length) {
    toast(`${ids.join(', ')}: not placed in this round`);
  }
}

async function detail(id) {
  const all = await requests();
  const request = all.find((r) => r.id === id);
  const allocation = state.report?.allocations.find((a) => a.request === id);
  const panel = $('timeline-detail');
  const rows = [
    ['Request', id], ['Organisation', request?.organisation ?? allocation?.organisation],
    ['Status', request?.status], ['Type', TYPE_NAMES[request?.type] ?? request?.type],
    ['Window', request ? span(request.window.from, request.window.to) : ''],
    ['Slot', request?.durationMinutes ? `${request.durationMinutes} min` : 'the whole window'],
    ['Crew', request?.crewSize], ['Vehicle', request?.vehicle ? `${request.vehicle.kind}, ${request.vehicle.lengthMetres} m` : ''],
    ['Needs fibre', request?.needsFibre ? 'yes' : 'no'], ['Priority', request?.priority ?? 2],
    ['Submitted', when(request?.submittedAt)],
    ['Allocated', allocation ? `${allocation.resource}, ${span(allocation.start, allocation.end)}`
      + (allocation.pinned || state.round?.status === 'PUBLISHED' ? ' (published)' : '') : 'not in this round'],
  ];
  panel.innerHTML = `<h3>Request ${esc(id)}</h3><dl class="facts">`
    + rows.filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('') + '</dl>';
  panel.hidden = false;
}
