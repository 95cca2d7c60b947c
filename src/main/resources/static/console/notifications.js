// How one organisation hears from the service: its webhook endpoints, the messages sent to it (each attempt, and a
// planner's redelivery), its contact addresses and its calendar feeds (a planner may make one; its address, with
// the secret, is shown once).
import * as api from './api.js';
import { esc, when } from './format.js';
import { state, subscribe, eventPath } from './store.js';
import { $, failed, toast } from './ui.js';

export function init() {
  $('notify-org').addEventListener('change', () => render().catch(failed));
  $('notify-detail').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]');
    if (!button) return;
    act(button.dataset.action, button.dataset.id).catch(failed);
  });
  subscribe('event', (s) => {
    $('notify-org').innerHTML = '<option value="">Choose…</option>' + s.organisations
      .map((o) => `<option value="${esc(o.id)}">${esc(o.name)}</option>`).join('');
    $('notify-detail').innerHTML = '';
  });
}

export function shown() {
  if ($('notify-org').value) render().catch(failed);
}

function forOrganisation(suffix) {
  return eventPath(`${suffix}?organisation=${encodeURIComponent($('notify-org').value)}`);
}

async function act(action, id) {
  if (action === 'redeliver') {
    await api.call('POST', eventPath(`/deliveries/${encodeURIComponent(id)}/redeliver`));
    toast(`Message ${id} will be sent again now.`);
  } else if (action === 'feed') {
    const made = await api.call('POST', forOrganisation('/calendar-feeds'));
    await render();
    $('notify-feed-url').textContent = made.webcal;
    return;
  }
  await render();
}

async function render() {
  const organisation = $('notify-org').value;
  const box = $('notify-detail');
  if (!organisation) {
    box.innerHTML = '';
    return;
  }
  const [endpoints, deliveries, contacts, feeds] = await Promise.all([api.get(forOrganisation('/webhooks')),
    api.get(forOrganisation('/deliveries')), api.get(forOrganisation('/contacts')),
    api.get(forOrganisation('/calendar-feeds'))]);
  const planner = state.me?.role === 'PLANNER';
  box.innerHTML = '<h3>Webhook endpoints</h3>'
    + (endpoints.length ? `<ul id="notify-endpoints">${endpoints.map((e) => `<li>${esc(e.url)} · `
      + `${e.events.map(esc).join(', ')}</li>`).join('')}</ul>` : '<p id="notify-endpoints">None registered.</p>')
    + `<h3>E-mail</h3><p id="notify-contacts">${contacts.addresses.length ? contacts.addresses.map(esc).join(', ')
      : 'No addresses.'} (e-mail is ${esc(contacts.email)})</p>`
    + '<h3>Calendar feeds</h3>'
    + `<p id="notify-feeds">${feeds.length ? feeds.map((f) => `${esc(f.id)}, made ${esc(when(f.createdAt))}`
      + `${f.rotatedAt ? `, rotated ${esc(when(f.rotatedAt))}` : ''}`).join('; ') : 'No feed.'}</p>`
    + (planner ? '<div class="actions"><button type="button" data-action="feed">Make a calendar feed</button></div>'
      : '')
    + '<p><code id="notify-feed-url"></code></p>'
    + '<h3>Deliveries</h3><div class="scroll"><table id="notify-deliveries"><thead><tr><th scope="col">Message</th>'
    + '<th scope="col">To</th><th scope="col">Status</th><th scope="col">Attempts</th><th scope="col"></th></tr>'
    + '</thead><tbody>'
    + deliveries.map((d) => `<tr><td>${esc(d.type)}<br><small>${esc(d.messageId)}</small></td>`
      + `<td>${esc(d.channel === 'EMAIL' ? d.address
        : endpoints.find((e) => e.id === d.endpoint)?.url ?? d.endpoint)}</td>`
      + `<td>${esc(d.status.toLowerCase())}${d.status === 'PENDING' ? `<br><small>next ${esc(when(d.nextAttemptAt))}`
        + '</small>' : ''}</td>`
      + `<td><ol>${d.attempts.map((a) => `<li>${esc(when(a.at))}: ${esc(a.outcome)}</li>`).join('')}</ol></td>`
      + `<td>${planner ? `<button type="button" data-action="redeliver" data-id="${d.id}">Send again</button>` : ''}`
      + '</td></tr>').join('')
    + '</tbody></table></div>';
}
