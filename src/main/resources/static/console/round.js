// The round view: the selected round's state and actions, its best score live from the SSE stream as a small chart,
// a form for a new round with what-if overrides, and the list of rounds.
import * as api from './api.js';
import { esc, score, when, number } from './format.js';
import { state, subscribe, eventPath, refreshRounds, pickRound } from './store.js';
import { $, failed, toast } from './ui.js';

let watching = null;
let points = [];
let pointsRound = null;

export function init() {
  $('round-solve').addEventListener('click', () => act('POST', 'solve', 'Solving'));
  $('round-stop').addEventListener('click', () => act('DELETE', 'solve', 'Stopping'));
  $('round-publish').addEventListener('click', () => act('POST', 'publish', 'Published'));
  $('new-round').addEventListener('submit', (event) => { event.preventDefault(); createRound().catch(failed); });
  $('rounds-table').addEventListener('click', (event) => {
    const row = event.target.closest('[data-round]');
    if (row) pickRound(row.dataset.round).catch(failed);
  });
  subscribe('session', (s) => { if (!s.me) stopWatching(); });
  // Another event's rounds are not this stream's.
  subscribe('event', stopWatching);
  subscribe('rounds', roundsChanged);
  subscribe('round', roundChanged);
}

function roundsChanged(s) {
  $('rounds-table').innerHTML = '<thead><tr><th scope="col">Round</th><th scope="col">Status</th>'
    + '<th scope="col">Score</th><th scope="col">Created</th><th scope="col">Solving time</th>'
    + '<th scope="col">Published</th></tr></thead><tbody>'
    + s.rounds.slice().reverse().map((r) => `<tr><td><button type="button" class="link" data-round="${r.round}">`
      + `Round ${r.round}${r.kind === 'FILL' ? ' (fill)' : ''}</button></td><td>${esc(r.status)}${r.stale ? ' (stale)' : ''}</td><td>${score(r.score)}</td>`
      + `<td>${when(r.createdAt)} by ${esc(r.createdBy)}</td><td>${r.elapsedMillis == null ? '—'
        : (r.elapsedMillis / 1000).toFixed(1) + ' s'}</td>`
      + `<td>${r.publishedAt ? `${when(r.publishedAt)} by ${esc(r.publishedBy)}` : ''}</td></tr>`).join('')
    + '</tbody>';
}

function roundChanged(s) {
  const r = s.round;
  const facts = r ? [
    ['Round', r.round], ['Status', r.status + (r.stale ? ' — another round was published since; not publishable' : '')],
    ['Best score', score(r.score)],
    ['Served', s.report ? `${number(s.report.summary?.served)} of ${number(s.report.summary?.requests)} requests`
      : '—'],
    ['Solving time', r.elapsedMillis == null ? '—' : `${(r.elapsedMillis / 1000).toFixed(1)} s`],
  ] : [['Round', 'none yet: create one']];
  $('round-facts').innerHTML = facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('');
  const planner = s.me?.role === 'PLANNER';
  // A solved round is solved again once changed by hand: the solver works around the hand placements.
  const byHand = [...(s.report?.allocations ?? []), ...(s.report?.unassigned ?? [])].some((a) => a.byHand);
  $('round-solve').disabled = !planner || !r || !(['CREATED', 'STOPPED', 'INTERRUPTED'].includes(r.status)
    || (r.status === 'SOLVED' && byHand));
  $('round-stop').disabled = !planner || !['QUEUED', 'SOLVING'].includes(r?.status);
  $('round-publish').disabled = !planner || !r || !['SOLVED', 'STOPPED', 'INTERRUPTED'].includes(r.status)
    || r.stale;
  $('new-round').querySelector('button').disabled = !planner;
  if (pointsRound !== r?.round) {
    points = [];
    pointsRound = r?.round;
  }
  drawChart();
  if (['QUEUED', 'SOLVING'].includes(r?.status) && watching?.round !== r.round) watch(r.round);
}

async function act(method, what, done) {
  const r = state.round;
  const seconds = $('new-seconds').value;
  const query = what === 'solve' && method === 'POST' && seconds ? `?seconds=${Number(seconds)}` : '';
  try {
    await api.call(method, eventPath(`/rounds/${r.round}/${what}${query}`));
    toast(`${done}: round ${r.round}`);
    await refreshRounds();
    await pickRound(r.round);
  } catch (error) {
    failed(error);
  }
}

function list(text) {
  return text.split(',').map((part) => part.trim()).filter(Boolean);
}

async function createRound() {
  const overrides = {};
  const closed = list($('new-closed').value);
  if (closed.length) overrides.closedResources = closed;
  const quota = list($('new-quota').value);
  if (quota.length) {
    overrides.quota = Object.fromEntries(quota.map((entry) => {
      const [type, limit] = entry.split('=').map((part) => part.trim());
      return [type.toUpperCase(), Number(limit)];
    }));
  }
  const weights = {};
  if ($('new-walking').value !== '') weights.walkingPerMetre = Number($('new-walking').value);
  if ($('new-preference').value !== '') weights.missingPreferredFeature = Number($('new-preference').value);
  if (Object.keys(weights).length) overrides.weights = weights;
  const seconds = $('new-seconds').value;
  if (seconds) overrides.seconds = Number(seconds);
  const created = await api.call('POST', eventPath('/rounds'), overrides);
  await api.call('POST', eventPath(`/rounds/${created.round}/solve${seconds ? `?seconds=${Number(seconds)}` : ''}`));
  toast(`Round ${created.round} is solving`);
  await refreshRounds();
  await pickRound(created.round);
}

function stopWatching() {
  watching?.abort.abort();
  watching = null;
}

/** Follows the round's progress stream; each 'best' adds a point, 'end' reloads the round and its report. */
function watch(number) {
  watching?.abort.abort();
  const abort = new AbortController();
  const event = state.event.id;
  watching = { round: number, abort };
  api.stream(eventPath(`/rounds/${number}/progress`), (name, update) => {
    if (update.hard != null) {
      points.push({ t: update.millis, medium: update.medium, soft: update.soft, hard: update.hard });
      drawChart();
      const facts = $('round-facts').querySelectorAll('dd');
      if (facts[2]) facts[2].textContent = score(update);
    }
    if (name === 'end') abort.abort();
  }, abort.signal).catch((error) => { if (!abort.signal.aborted) failed(error); })
    .finally(async () => {
      if (watching?.abort !== abort) return;
      watching = null;
      if (state.event.id !== event) return;
      await refreshRounds();
      if (state.round?.round === number) await pickRound(number);
      toast(`Round ${number} ended: ${state.round?.status?.toLowerCase() ?? ''}`);
    });
}

const WAITING = { QUEUED: 'Waiting for a solver…', SOLVING: 'Waiting for the first solution…' };

function drawChart() {
  const svg = $('score-chart');
  const w = 480; const h = 180; const left = 64; const bottom = 24;
  if (!points.length) {
    svg.innerHTML = `<text x="${w / 2}" y="${h / 2}" text-anchor="middle" class="muted">`
      + `${WAITING[state.round?.status] ?? 'Shown while a round solves'}</text>`;
    return;
  }
  const tMax = Math.max(1000, ...points.map((p) => p.t));
  const values = points.map((p) => p.medium);
  const lo = Math.min(...values); const hi = Math.max(...values, lo + 1);
  const x = (t) => left + (t / tMax) * (w - left - 8);
  // The top 28 px hold the latest score; the line stays below it.
  const y = (v) => 28 + (1 - (v - lo) / (hi - lo)) * (h - bottom - 36);
  // A step line: the best score holds until the next improvement.
  let path = '';
  points.forEach((p, i) => {
    path += i === 0 ? `M${x(p.t)},${y(p.medium)}` : `H${x(p.t)}V${y(p.medium)}`;
  });
  path += `H${x(tMax)}`;
  const last = points.at(-1);
  svg.innerHTML = `<line x1="${left}" y1="${h - bottom}" x2="${w}" y2="${h - bottom}" class="axis"/>`
    + `<line x1="${left}" y1="0" x2="${left}" y2="${h - bottom}" class="axis"/>`
    + `<text x="${left - 4}" y="${y(hi) + 4}" text-anchor="end">${number(hi)}</text>`
    + `<text x="${left - 4}" y="${y(lo) + 4}" text-anchor="end">${number(lo)}</text>`
    + `<text x="${left}" y="${h - 6}">0 s</text>`
    + `<text x="${w - 4}" y="${h - 6}" text-anchor="end">${(tMax / 1000).toFixed(1)} s</text>`
    + `<path d="${path}" class="line"/>`
    + `<text x="${w - 4}" y="16" text-anchor="end" class="latest">${score(last)}</text>`;
}
