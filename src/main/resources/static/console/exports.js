// Downloads with the signed-in credentials: the selected round's report as CSV or XLSX, an organisation's confirmed
// bookings as iCalendar, and the timeline laid out for printing.
import * as api from './api.js';
import { esc } from './format.js';
import { state, subscribe, eventPath } from './store.js';
import { $, failed, go } from './ui.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function fetched(promise) {
  promise.then((name) => { $('export-status').textContent = `Downloaded ${name}`; }).catch(failed);
}

function report(accept, extension) {
  if (!state.report) {
    $('export-status').textContent = 'Select a round with a solution first.';
    return;
  }
  const number = state.round.round;
  fetched(api.download(eventPath(`/rounds/${number}/report`), accept, `${state.event.id}-round-${number}.${extension}`));
}

export function init() {
  $('export-csv').addEventListener('click', () => report('text/csv', 'csv'));
  $('export-xlsx').addEventListener('click', () => report(XLSX, 'xlsx'));
  $('export-print').addEventListener('click', () => {
    go('timeline');
    window.print();
  });
  $('export-ics').addEventListener('click', () => {
    const organisation = $('export-org').value;
    fetched(api.download(eventPath(`/organisations/${encodeURIComponent(organisation)}/allocations.ics`),
      'text/calendar', `${organisation}.ics`));
  });
  subscribe('event', eventChanged);
}

function eventChanged(s) {
  $('export-org').innerHTML = s.organisations
    .map((o) => `<option value="${esc(o.id)}">${esc(o.name)}</option>`).join('');
}
