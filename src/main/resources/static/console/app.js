// The console's shell: sign-in, the event and round pickers, the views behind the tabs. Each view renders from the
// shared state when its data or the selected round changes.
import * as api from './api.js';
import { esc, score, useTimeZone } from './format.js';
import * as round from './round.js';
import * as timeline from './timeline.js';
import * as site from './site.js';
import * as conflicts from './conflicts.js';
import * as organisation from './organisation.js';
import * as exports from './exports.js';

const $ = (id) => document.getElementById(id);
const views = { round, timeline, site, conflicts, organisation, exports };

export const state = {
  me: null, events: [], event: null, rounds: [], round: null,
  report: null, lanes: [], resources: [], organisations: [], requests: null,
};

export function toast(message) {
  $('toast').textContent = message;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { $('toast').textContent = ''; }, 6000);
}

export function failed(error) {
  toast(error instanceof api.ApiError ? `${error.message}` : `Something went wrong: ${error.message}`);
  if (error.status === 401) signOut();
}

/** Switches to a view at once (the hashchange that follows finds it shown already). */
export function show(view) {
  location.hash = view;
  route();
}

let current = null;

function route() {
  const view = (location.hash || '#round').slice(1).split('/')[0];
  if (view === current) return;
  current = view;
  for (const name of Object.keys(views)) {
    $(`view-${name}`).hidden = name !== view;
    document.querySelector(`#tabs a[data-view="${name}"]`)
      .setAttribute('aria-current', name === view ? 'page' : 'false');
  }
  views[view]?.shown?.(state);
}

async function signInWith(authorization) {
  api.signIn(authorization);
  const me = await api.get('/api/me');
  if (me.role === 'BROADCASTER') {
    api.signOut();
    throw new Error('This is a broadcaster key: use the broadcaster page.');
  }
  state.me = me;
  $('signin').hidden = true;
  $('tabs').hidden = $('who').hidden = $('pickers').hidden = false;
  $('who-name').textContent = `${me.name} (${me.role.toLowerCase()})`;
  document.body.dataset.role = me.role;
  state.events = await api.get('/api/events');
  $('event-pick').innerHTML = state.events
    .map((e) => `<option value="${esc(e.id)}">${esc(e.name)}</option>`).join('');
  const wanted = sessionStorage.getItem('broadcast-allocation.event');
  if (state.events.some((e) => e.id === wanted)) $('event-pick').value = wanted;
  if (state.events.length) await pickEvent($('event-pick').value);
  route();
}

function signOut() {
  api.signOut();
  state.me = null;
  current = null;
  $('signin').hidden = false;
  $('tabs').hidden = $('who').hidden = $('pickers').hidden = true;
  for (const name of Object.keys(views)) $(`view-${name}`).hidden = true;
}

async function pickEvent(id) {
  round.stopWatching();
  sessionStorage.setItem('broadcast-allocation.event', id);
  state.event = state.events.find((e) => e.id === id);
  useTimeZone(state.event.timeZone);
  const base = `/api/events/${encodeURIComponent(id)}`;
  [state.resources, state.organisations] = await Promise.all([
    api.get(`${base}/resources`), api.get(`${base}/organisations`)]);
  for (const view of Object.values(views)) view.eventChanged?.(state);
  await refreshRounds();
  const readable = state.rounds.filter((r) => r.score).map((r) => r.round);
  await pickRound(readable.length ? Math.max(...readable) : state.rounds.at(-1)?.round ?? null);
}

export function eventPath(suffix = '') {
  return `/api/events/${encodeURIComponent(state.event.id)}${suffix}`;
}

export async function refreshRounds() {
  state.rounds = await api.get(eventPath('/rounds'));
  $('round-pick').innerHTML = state.rounds.length ? state.rounds.map((r) =>
    `<option value="${r.round}">Round ${r.round} · ${r.status.toLowerCase()}</option>`).join('')
    : '<option value="">No rounds yet</option>';
  if (state.round) $('round-pick').value = state.round.round;
  round.roundsChanged(state);
  conflicts.roundsChanged(state);
}

/** Selects a round; its report and timeline are loaded once it has a solution. */
export async function pickRound(number) {
  state.round = state.rounds.find((r) => r.round === Number(number)) ?? null;
  state.report = null;
  // Statuses move with rounds (allocated, confirmed, waitlisted): fetched again when next needed.
  state.requests = null;
  state.lanes = [];
  if (state.round) $('round-pick').value = state.round.round;
  if (state.round?.score && !['QUEUED', 'SOLVING'].includes(state.round.status)) {
    const base = eventPath(`/rounds/${state.round.round}`);
    [state.report, state.lanes] = await Promise.all([api.get(`${base}/report`), api.get(`${base}/timeline`)]);
  }
  for (const view of Object.values(views)) view.roundChanged?.(state);
  document.title = `Broadcast allocation — ${state.event.name}`
    + (state.round ? ` — round ${state.round.round} (${score(state.round.score)})` : '');
}

/** Every request of the event, fetched once per event when a view first needs them. */
export async function requests() {
  if (!state.requests) state.requests = await api.get(eventPath('/requests'));
  return state.requests;
}

$('signin-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('signin-error').textContent = '';
  try {
    await signInWith(api.basic($('signin-user').value, $('signin-password').value));
  } catch (error) {
    api.signOut();
    $('signin-error').textContent = error.status === 401 ? 'User name or password is wrong.' : error.message;
  }
});
$('sign-out').addEventListener('click', signOut);
$('event-pick').addEventListener('change', (e) => pickEvent(e.target.value).catch(failed));
$('round-pick').addEventListener('change', (e) => pickRound(e.target.value).catch(failed));
window.addEventListener('hashchange', () => { if (state.me) route(); });
for (const view of Object.values(views)) view.init?.(state);

// A reload keeps the tab signed in; only refused credentials sign it out.
if (api.stored()) {
  signInWith(api.stored()).catch((error) => {
    if (error.status === 401) signOut();
    else failed(error);
  });
}
