// The console's state and selection, and the change events views render from: the shell and the views subscribe
// to a topic; whoever changes the state notifies it. No DOM here, so any module may import it without a circle.
//
// Topics, each listener called with the state:
//   session  signed in or out (state.me)
//   event    another event picked: its resources and organisations are loaded
//   rounds   the event's list of rounds was fetched again
//   round    another round selected, or the selected one changed: its report and timeline are loaded if it has them
import * as api from './api.js';
import { useTimeZone } from './format.js';

export const state = {
  me: null, events: [], event: null, rounds: [], round: null,
  report: null, lanes: [], resources: [], organisations: [], requests: null,
};

const listeners = new Map();

/** Calls the listener with the state each time the topic is notified; returns what unsubscribes it. */
export function subscribe(topic, listener) {
  if (!listeners.has(topic)) listeners.set(topic, new Set());
  listeners.get(topic).add(listener);
  return () => listeners.get(topic).delete(listener);
}

export function notify(topic) {
  for (const listener of listeners.get(topic) ?? []) listener(state);
}

export function signedIn(me, events) {
  state.me = me;
  state.events = events;
  notify('session');
}

export function signedOut() {
  api.signOut();
  state.me = null;
  notify('session');
}

export function eventPath(suffix = '') {
  return `/api/events/${encodeURIComponent(state.event.id)}${suffix}`;
}

/** Picks the event and selects its latest round with a solution (or its last round). */
export async function pickEvent(id) {
  sessionStorage.setItem('broadcast-allocation.event', id);
  state.event = state.events.find((e) => e.id === id);
  useTimeZone(state.event.timeZone);
  [state.resources, state.organisations] = await Promise.all([
    api.get(eventPath('/resources')), api.get(eventPath('/organisations'))]);
  notify('event');
  await refreshRounds();
  const readable = state.rounds.filter((r) => r.score).map((r) => r.round);
  await pickRound(readable.length ? Math.max(...readable) : state.rounds.at(-1)?.round ?? null);
}

/** The event picked last in this tab, if it still exists. */
export function rememberedEvent() {
  const wanted = sessionStorage.getItem('broadcast-allocation.event');
  return state.events.some((e) => e.id === wanted) ? wanted : null;
}

export async function refreshRounds() {
  state.rounds = await api.get(eventPath('/rounds'));
  notify('rounds');
}

/** Selects a round; its report and timeline are loaded once it has a solution. */
export async function pickRound(number) {
  state.round = state.rounds.find((r) => r.round === Number(number)) ?? null;
  state.report = null;
  // Statuses move with rounds (allocated, confirmed, waitlisted): fetched again when next needed.
  state.requests = null;
  state.lanes = [];
  if (state.round?.score && !['QUEUED', 'SOLVING'].includes(state.round.status)) {
    const base = eventPath(`/rounds/${state.round.round}`);
    [state.report, state.lanes] = await Promise.all([api.get(`${base}/report`), api.get(`${base}/timeline`)]);
  }
  notify('round');
}

/** Every request of the event, fetched once per selected round when a view first needs them. */
export async function requests() {
  if (!state.requests) state.requests = await api.get(eventPath('/requests'));
  return state.requests;
}
