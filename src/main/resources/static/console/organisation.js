// One organisation at a glance: its requests and their statuses, what the selected round gives it, why the rest
// waits, and how much of each quota it uses at the busiest moment.
import * as api from './api.js';
import { esc, TYPES, TYPE_NAMES, span } from './format.js';
import { state, subscribe, requests, eventPath } from './store.js';
import { $, failed, go } from './ui.js';

export function init() {
  $('org-pick').addEventListener('change', () => render().catch(failed));
  $('org-detail').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]');
    if (!button) return;
    const organisation = $('org-pick').value;
    if (button.dataset.action === 'site') {
      go('site', { organisation });
    } else if (button.dataset.action === 'timeline') {
      go('timeline', { highlight: (state.report?.allocations ?? []).filter((a) => a.organisation === organisation)
        .map((a) => a.request) });
    } else if (button.dataset.action === 'ics') {
      api.download(eventPath(`/organisations/${encodeURIComponent(organisation)}/allocations.ics`), 'text/calendar',
        `${organisation}.ics`).catch(failed);
    }
  });
  subscribe('event', eventChanged);
  subscribe('round', roundChanged);
}

function eventChanged(s) {
  $('org-pick').innerHTML = '<option value="">Choose…</option>' + s.organisations
    .map((o) => `<option value="${esc(o.id)}">${esc(o.name)}</option>`).join('');
  $('org-detail').innerHTML = '';
}

function roundChanged() {
  if ($('org-pick').value) render().catch(failed);
}

/** The most allocations of one type the organisation holds at any one moment (what the quota limits). */
function peak(allocations) {
  const edges = allocations.flatMap((a) => [[Date.parse(a.start), 1], [Date.parse(a.end), -1]])
    .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let now = 0; let most = 0;
  for (const [, step] of edges) most = Math.max(most, (now += step));
  return most;
}

async function render() {
  const id = $('org-pick').value;
  const box = $('org-detail');
  if (!id) {
    box.innerHTML = '';
    return;
  }
  const organisation = state.organisations.find((o) => o.id === id);
  const mine = (await requests()).filter((r) => r.organisation === id);
  const report = state.report;
  const allocated = new Map((report?.allocations ?? []).filter((a) => a.organisation === id).map((a) => [a.request, a]));
  const waiting = new Map((report?.unassigned ?? []).filter((u) => u.organisation === id).map((u) => [u.request, u]));
  const quota = state.event.quota ?? {};
  const quotaRows = TYPES.filter(([type]) => mine.some((r) => r.type === type)).map(([type, name]) => {
    const used = peak([...allocated.values()].filter((a) => a.type === type));
    const limit = quota[type];
    return `<tr><th scope="row">${esc(name)}</th><td>${used}</td><td>${limit ?? 'no quota'}</td>`
      + `<td>${limit != null && used >= limit ? 'reached' : ''}</td></tr>`;
  }).join('');
  box.innerHTML = `<h3>${esc(organisation?.name ?? id)}</h3>`
    + `<p>${esc(organisation?.kind ?? '')}${organisation?.country ? `, ${esc(organisation.country)}` : ''} · `
    + `${mine.length} request(s); in ${state.round ? `round ${state.round.round}` : 'no round'}: ${allocated.size} `
    + `allocated, ${waiting.size} unassigned.</p>`
    + '<div class="actions"><button type="button" data-action="timeline">Show on the timeline</button>'
    + '<button type="button" data-action="site">Show on the site plan</button>'
    + '<button type="button" data-action="ics">Confirmed bookings (.ics)</button></div>'
    + '<h4>Quota use (most held at one moment, this round)</h4><table><thead><tr><th scope="col">Type</th>'
    + '<th scope="col">Held</th><th scope="col">Quota</th><th scope="col"></th></tr></thead>'
    + `<tbody>${quotaRows}</tbody></table>`
    + '<h4>Requests</h4><div class="scroll"><table><thead><tr><th scope="col">Request</th><th scope="col">Type</th>'
    + '<th scope="col">Window</th><th scope="col">Status</th><th scope="col">This round</th></tr></thead><tbody>'
    + mine.map((r) => {
      const a = allocated.get(r.id);
      const u = waiting.get(r.id);
      const outcome = a ? `${esc(a.resource)}, ${esc(span(a.start, a.end))}${a.pinned ? ' (published)' : ''}`
        : u ? `unassigned: ${u.reasons.map(esc).join('; ')}` : 'not in this round';
      return `<tr><td>${esc(r.id)}</td><td>${esc(TYPE_NAMES[r.type] ?? r.type)}</td>`
        + `<td>${esc(span(r.window.from, r.window.to))}</td><td>${esc(r.status)}`
        + `${r.reasons?.length ? `<br><small>${r.reasons.map(esc).join('; ')}</small>` : ''}</td>`
        + `<td>${outcome}</td></tr>`;
    }).join('') + '</tbody></table></div>';
}
