// The planner's hand: the fills planned for freed places and the offers they made, and placing a request by hand in
// the selected round — pick a request, see where it could go (Timefold's recommendations, each with its score
// change in words) and choose one, or give a resource and a start, or leave it unassigned.
import * as api from './api.js';
import { esc, when, score } from './format.js';
import { state, subscribe, eventPath, refreshRounds, pickRound } from './store.js';
import { $, failed, toast } from './ui.js';

export function init() {
  $('hand-request').addEventListener('change', () => recommend().catch(failed));
  $('hand-places').addEventListener('click', (event) => {
    const button = event.target.closest('[data-resource]');
    if (button) place({ resource: button.dataset.resource, start: button.dataset.start }).catch(failed);
  });
  $('hand-form').addEventListener('submit', (event) => {
    event.preventDefault();
    place({ resource: $('hand-resource').value, start: new Date($('hand-start').value).toISOString() })
      .catch(failed);
  });
  $('hand-unassign').addEventListener('click', () => place({ unassigned: true }).catch(failed));
  subscribe('rounds', fillsChanged);
  subscribe('round', roundChanged);
}

export function shown() {
  offers().catch(failed);
}

function fillsChanged(s) {
  const fills = s.rounds.filter((r) => r.kind === 'FILL');
  $('fills').innerHTML = fills.length ? '<thead><tr><th scope="col">Fill</th><th scope="col">Status</th>'
    + '<th scope="col">Score</th><th scope="col">Planned</th></tr></thead><tbody>'
    + fills.slice().reverse().map((r) => `<tr><td>Round ${r.round}</td><td>${esc(r.status)}</td>`
      + `<td>${score(r.score)}</td><td>${when(r.createdAt)}</td></tr>`).join('') + '</tbody>'
    : '<tbody><tr><td class="muted">No fills yet: a cancelled confirmation plans one at once.</td></tr></tbody>';
}

async function offers() {
  if (!state.event) return;
  const list = await api.get(eventPath('/offers'));
  $('offers').innerHTML = list.length ? '<thead><tr><th scope="col">Request</th><th scope="col">Organisation</th>'
    + '<th scope="col">Place</th><th scope="col">Status</th><th scope="col">Expires</th></tr></thead><tbody>'
    + list.map((o) => `<tr><td>${esc(o.requestId)}</td><td>${esc(o.organisation)}</td>`
      + `<td>${esc(o.resourceId)} ${when(o.start)}</td><td>${esc(o.status)}</td><td>${when(o.expiresAt)}</td></tr>`)
      .join('') + '</tbody>'
    : '<tbody><tr><td class="muted">No offers yet.</td></tr></tbody>';
}

/** Placing by hand needs a round whose solver is done and which is not published. */
function changeable(r) {
  return state.me?.role === 'PLANNER' && r && ['SOLVED', 'STOPPED', 'INTERRUPTED'].includes(r.status)
    && Boolean(state.report);
}

function roundChanged(s) {
  const report = s.report;
  $('hand-places').innerHTML = '';
  $('hand-answer').textContent = '';
  const requests = report ? [...report.unassigned.map((u) => [u.request, 'unassigned']),
    ...report.allocations.filter((a) => !a.pinned).map((a) => [a.request, `${a.resource}${a.byHand ? ', by hand' : ''}`])]
    : [];
  $('hand-request').innerHTML = '<option value="">Choose a request…</option>' + requests
    .map(([id, where]) => `<option value="${esc(id)}">${esc(id)} (${esc(where)})</option>`).join('');
  $('hand-resource').innerHTML = state.resources.map((r) => `<option>${esc(r.id)}</option>`).join('');
  const open = changeable(s.round);
  for (const id of ['hand-request', 'hand-unassign']) $(id).disabled = !open;
  $('hand-form').querySelector('button').disabled = !open;
  $('hand-state').textContent = open ? '' : 'Select an ended, unpublished round to place by hand.';
  if (s.event) offers().catch(failed);
}

async function recommend() {
  const request = $('hand-request').value;
  $('hand-places').innerHTML = '';
  if (!request) return;
  const answer = await api.get(eventPath(`/rounds/${state.round.round}/requests/${encodeURIComponent(request)}`
    + '/recommendations'));
  $('hand-places').innerHTML = `<p>Now: ${esc(answer.currently)}</p>` + (answer.places.length
    ? `<ol>${answer.places.map((p) => `<li><button type="button" data-resource="${esc(p.resource)}"`
      + ` data-start="${esc(p.start)}">Place on ${esc(p.resource)} ${when(p.start)}</button>`
      + ` <span class="muted">${esc(p.change)}</span></li>`).join('')}</ol>`
    : `<p>Nowhere:</p><ul class="reasons">${answer.nowhere.map((why) => `<li>${esc(why)}</li>`).join('')}</ul>`);
}

async function place(where) {
  const request = $('hand-request').value;
  if (!request) throw new Error('Choose a request first.');
  const number = state.round.round;
  $('hand-answer').textContent = '';
  const placed = await api.call('PUT', eventPath(`/rounds/${number}/allocations/${encodeURIComponent(request)}`),
    where);
  toast(`${request} placed by hand: ${placed.unassigned ? 'unassigned' : placed.resource}`);
  await refreshRounds();
  await pickRound(number);
  $('hand-request').value = request;
  $('hand-answer').textContent = `Score ${score(placed.score)} — ${placed.change}`;
}
