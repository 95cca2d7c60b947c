// The console's shell: sign-in, the event and round pickers, and the views behind the tabs. The only module that
// imports the views: it hands them to the router and lets each subscribe to the store's change events.
import * as api from './api.js';
import { esc, score } from './format.js';
import * as store from './store.js';
import { state } from './store.js';
import { $, failed, route, leave, useViews } from './ui.js';
import * as round from './round.js';
import * as timeline from './timeline.js';
import * as site from './site.js';
import * as conflicts from './conflicts.js';
import * as organisation from './organisation.js';
import * as exports from './exports.js';
import * as notifications from './notifications.js';
import * as hand from './hand.js';

const views = { round, timeline, site, conflicts, organisation, notifications, exports, hand };

async function signInWith(authorization) {
  api.signIn(authorization);
  const me = await api.get('/api/me');
  if (me.role === 'BROADCASTER') {
    api.signOut();
    throw new Error('This is a broadcaster key: use the broadcaster page.');
  }
  store.signedIn(me, await api.get('/api/events'));
  $('event-pick').innerHTML = state.events
    .map((e) => `<option value="${esc(e.id)}">${esc(e.name)}</option>`).join('');
  const remembered = store.rememberedEvent();
  if (remembered) $('event-pick').value = remembered;
  if (state.events.length) await store.pickEvent($('event-pick').value);
  route();
}

/** Signed in: the pickers, the tabs and who is signed in; signed out: only the sign-in form. */
function session(s) {
  const signedIn = Boolean(s.me);
  $('signin').hidden = signedIn;
  $('tabs').hidden = $('who').hidden = $('pickers').hidden = !signedIn;
  $('who-name').textContent = signedIn ? `${s.me.name} (${s.me.role.toLowerCase()})` : '';
  if (signedIn) document.body.dataset.role = s.me.role;
  else leave();
}

function roundsListed(s) {
  $('round-pick').innerHTML = s.rounds.length ? s.rounds.map((r) =>
    `<option value="${r.round}">Round ${r.round}${r.kind === 'FILL' ? ' (fill)' : ''} · ${r.status.toLowerCase()}`
    + '</option>').join('')
    : '<option value="">No rounds yet</option>';
  if (s.round) $('round-pick').value = s.round.round;
}

function roundSelected(s) {
  if (s.round) $('round-pick').value = s.round.round;
  document.title = `Broadcast allocation — ${s.event.name}`
    + (s.round ? ` — round ${s.round.round} (${score(s.round.score)})` : '');
}

// The shell's own listeners first: a view that reads the pickers finds them current.
store.subscribe('session', session);
store.subscribe('rounds', roundsListed);
store.subscribe('round', roundSelected);
useViews(views);
for (const view of Object.values(views)) view.init?.(state);

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
$('sign-out').addEventListener('click', () => store.signedOut());
$('event-pick').addEventListener('change', (e) => store.pickEvent(e.target.value).catch(failed));
$('round-pick').addEventListener('change', (e) => store.pickRound(e.target.value).catch(failed));
window.addEventListener('hashchange', () => { if (state.me) route(); });

// A reload keeps the tab signed in; only refused credentials sign it out.
if (api.stored()) {
  signInWith(api.stored()).catch((error) => {
    if (error.status === 401) store.signedOut();
    else failed(error);
  });
}
