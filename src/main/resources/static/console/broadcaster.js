// The broadcaster page: with the organisation's key, submit, amend and cancel requests and see their status.
import * as api from './api.js';
import { esc, TYPES, TYPE_NAMES } from './format.js';

const $ = (id) => document.getElementById(id);
let me = null;
let mine = [];
let confirmed = [];

const path = (suffix = '') => `/api/events/${encodeURIComponent(me.event)}${suffix}`;
const list = (text) => text.split(',').map((part) => part.trim()).filter(Boolean);

function toast(message) {
  $('toast').textContent = message;
  setTimeout(() => { $('toast').textContent = ''; }, 6000);
}

async function signIn(key) {
  api.signIn(key);
  me = await api.get('/api/me');
  if (me.role !== 'BROADCASTER') {
    api.signOut();
    throw new Error('This is not a broadcaster key; staff use the console at /.');
  }
  $('signin').hidden = true;
  $('desk').hidden = $('who').hidden = false;
  $('who-name').textContent = `${me.organisation} at ${me.event}`;
  await refresh();
}

async function refresh() {
  let offers;
  [mine, confirmed, offers] = await Promise.all([api.get(path('/requests')), api.get(path('/allocations')),
    api.get(path('/offers'))]);
  const open = offers.filter((o) => o.status === 'OPEN');
  // A place freed by another's cancellation, offered until it expires: take it or let it go to the next in line.
  $('offers').innerHTML = open.length ? `<ul>${open.map((o) => `<li>${esc(o.resourceId)}: ${esc(o.start)} – `
    + `${esc(o.end)} for request ${esc(o.requestId)}, until ${esc(o.expiresAt)} `
    + `<button type="button" data-accept="${esc(o.requestId)}">Accept</button> `
    + `<button type="button" data-decline="${esc(o.requestId)}">Decline</button></li>`).join('')}</ul>`
    : '<p class="muted">No offers: when a place frees up, it may be offered to a waitlisted request.</p>';
  $('requests').innerHTML = '<thead><tr><th scope="col">Request</th><th scope="col">Type</th>'
    + '<th scope="col">Window</th><th scope="col">Status</th><th scope="col">Why</th><th scope="col"></th></tr></thead>'
    + `<tbody>${mine.map((r) => `<tr><td>${esc(r.id)}</td><td>${esc(TYPE_NAMES[r.type] ?? r.type)}</td>`
      + `<td>${esc(r.window.from)} – ${esc(r.window.to)}${r.durationMinutes ? `, ${r.durationMinutes} min` : ''}</td>`
      + `<td>${esc(r.status)}</td><td>${(r.reasons ?? []).map(esc).join('<br>')}</td>`
      + `<td><button type="button" data-edit="${esc(r.id)}" aria-label="Amend ${esc(r.id)}">Amend</button> `
      + `<button type="button" data-cancel="${esc(r.id)}" aria-label="Cancel ${esc(r.id)}">Cancel</button></td></tr>`)
      .join('')}</tbody>`;
  $('confirmed').innerHTML = confirmed.length ? `<ul>${confirmed.map((a) => `<li>${esc(a.resource)}: `
    + `${esc(a.start)} – ${esc(a.end)} (request ${esc(a.request)})</li>`).join('')}</ul>`
    : '<p class="muted">Nothing confirmed yet: bookings are confirmed when the planners publish a round.</p>';
}

function fill(request) {
  $('form-title').textContent = request ? `Amend ${request.id}` : 'New request';
  $('f-submit').textContent = request ? 'Save the amendment' : 'Submit request';
  $('version').value = request?.version ?? '';
  $('f-id').value = request?.id ?? '';
  $('f-id').readOnly = Boolean(request);
  $('f-type').value = request?.type ?? 'EDIT_BOOTH';
  $('f-from').value = request?.window.from ?? '';
  $('f-to').value = request?.window.to ?? '';
  $('f-duration').value = request?.durationMinutes ?? '';
  $('f-crew').value = request?.crewSize ?? '';
  $('f-vehicle').value = request?.vehicle?.kind ?? '';
  $('f-length').value = request?.vehicle?.lengthMetres ?? '';
  $('f-required').value = (request?.requiredFeatures ?? []).join(', ');
  $('f-preferred').value = (request?.preferredFeatures ?? []).join(', ');
  $('f-priority').value = request?.priority ?? 2;
  $('f-fibre').checked = Boolean(request?.needsFibre);
}

function body() {
  const number = (id) => ($(id).value === '' ? undefined : Number($(id).value));
  return {
    id: $('f-id').value.trim(), organisation: me.organisation, type: $('f-type').value,
    window: { from: $('f-from').value.trim(), to: $('f-to').value.trim() },
    durationMinutes: number('f-duration'), crewSize: number('f-crew'),
    vehicle: $('f-vehicle').value ? { kind: $('f-vehicle').value, lengthMetres: number('f-length') } : undefined,
    requiredFeatures: list($('f-required').value), preferredFeatures: list($('f-preferred').value),
    priority: Number($('f-priority').value), needsFibre: $('f-fibre').checked,
  };
}

$('f-type').innerHTML = TYPES.map(([type, name]) => `<option value="${type}">${esc(name)}</option>`).join('');
$('signin-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('signin-error').textContent = '';
  try {
    await signIn(api.bearer($('key').value));
  } catch (error) {
    api.signOut();
    $('signin-error').textContent = error.status === 401 ? 'This key is not valid (or was revoked).' : error.message;
  }
});
$('sign-out').addEventListener('click', () => { api.signOut(); location.reload(); });
$('f-new').addEventListener('click', () => fill(null));
$('request-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('form-error').textContent = '';
  const request = body();
  try {
    if ($('version').value) {
      await api.call('PUT', path(`/requests/${encodeURIComponent(request.id)}`), request,
        { 'If-Match': `"${$('version').value}"` });
      toast(`Amended ${request.id}`);
    } else {
      await api.call('POST', path('/requests'), request, { 'Idempotency-Key': crypto.randomUUID() });
      toast(`Submitted ${request.id}`);
    }
    // The list first, then the form: a form back at "New request" means the list shows the change.
    await refresh();
    fill(null);
  } catch (error) {
    const errors = error.problem?.errors ?? error.problem?.violations;
    $('form-error').textContent = error.message + (Array.isArray(errors) ? ': ' + errors
      .map((e) => (typeof e === 'string' ? e : e.message ?? JSON.stringify(e))).join('; ') : '');
  }
});
$('requests').addEventListener('click', async (event) => {
  const edit = event.target.closest('[data-edit]');
  const cancel = event.target.closest('[data-cancel]');
  try {
    if (edit) {
      fill(mine.find((r) => r.id === edit.dataset.edit));
      $('f-from').focus();
    } else if (cancel && confirm(`Cancel request ${cancel.dataset.cancel}?`)) {
      await api.call('DELETE', path(`/requests/${encodeURIComponent(cancel.dataset.cancel)}`));
      toast(`Cancelled ${cancel.dataset.cancel}`);
      await refresh();
    }
  } catch (error) {
    toast(error.message);
  }
});
$('offers').addEventListener('click', async (event) => {
  const answer = event.target.closest('[data-accept], [data-decline]');
  if (!answer) return;
  const accept = answer.hasAttribute('data-accept');
  const request = accept ? answer.dataset.accept : answer.dataset.decline;
  try {
    await api.call('POST', path(`/offers/${encodeURIComponent(request)}/${accept ? 'accept' : 'decline'}`));
    toast(`${accept ? 'Accepted' : 'Declined'} the offer for ${request}`);
    await refresh();
  } catch (error) {
    toast(error.message);
  }
});
$('ics').addEventListener('click', () => api.download(path('/allocations.ics'), 'text/calendar', `${me.organisation}.ics`)
  .catch((error) => toast(error.message)));
// A calendar app sends no headers: the feed's secret address stands in for the key (docs/notifications.md).
$('subscribe').addEventListener('click', () => api.call('POST', path('/calendar-feeds')).then((feed) => {
  $('feed-url').textContent = feed.webcal;
  $('feed').hidden = false;
}).catch((error) => toast(error.message)));
if (api.stored()) signIn(api.stored()).catch(() => api.signOut());
