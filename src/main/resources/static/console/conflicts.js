// The conflicts view: every unassigned request with its reasons, the competing requests they name linked to the
// timeline; the score per rule (with each match in words on demand); first-come-first-served; two rounds compared.
import * as api from './api.js';
import { esc, TYPE_NAMES, number, score } from './format.js';
import { state, subscribe, eventPath } from './store.js';
import { $, failed, go } from './ui.js';

export function init() {
  const view = $('view-conflicts');
  view.addEventListener('click', (event) => {
    const link = event.target.closest('[data-show]');
    if (link) go('timeline', { highlight: link.dataset.show.split(' ') });
  });
  view.addEventListener('toggle', (event) => {
    if (event.target.matches('details[data-rule]') && event.target.open) analysis(event.target).catch(failed);
  }, true);
  $('diff-other').addEventListener('change', () => diff().catch(failed));
  subscribe('rounds', roundsChanged);
  subscribe('round', roundChanged);
}

function roundsChanged(s) {
  $('diff-other').innerHTML = '<option value="">Choose a round…</option>' + s.rounds.filter((r) => r.score)
    .map((r) => `<option value="${r.round}">Round ${r.round}</option>`).join('');
}

function roundChanged(s) {
  analysisCache = null;
  $('diff').innerHTML = '';
  $('diff-other').value = '';
  const report = s.report;
  if (!report) {
    for (const id of ['comparison', 'rules', 'unassigned']) $(id).innerHTML = '';
    $('comparison').innerHTML = '<p class="muted">Select a round with a solution.</p>';
    return;
  }
  comparison(report);
  $('rules').innerHTML = report.constraints.map((rule, i) => `<details data-rule="${i}" data-name="${esc(rule.name)}">`
    + `<summary><span class="level ${esc(rule.level)}">${esc(rule.level)}</span> ${esc(rule.name)}: `
    + `<strong>${number(rule.score)}</strong> (${number(rule.matches)} matches)</summary><div class="matches"></div>`
    + '</details>').join('');
  const known = new Set([...report.allocations.map((a) => a.request), ...report.unassigned.map((u) => u.request)]);
  $('unassigned').innerHTML = '<thead><tr><th scope="col">Request</th><th scope="col">Organisation</th>'
    + '<th scope="col">Type</th><th scope="col">Weight</th><th scope="col">Why it got nothing</th></tr></thead><tbody>'
    + report.unassigned.slice().sort((a, b) => b.weight - a.weight).map((u) => `<tr id="unassigned-${esc(u.request)}">`
      + `<td>${esc(u.request)}</td><td>${esc(u.organisation)}</td><td>${esc(TYPE_NAMES[u.type] ?? u.type)}</td>`
      + `<td>${number(u.weight)}</td><td><ul class="reasons">${u.reasons.map((reason) => `<li>${linked(reason, known)}`
        + '</li>').join('')}</ul></td></tr>`).join('')
    + '</tbody>';
}

/** The reason's text with each request id it names turned into a link to that request on the timeline. */
function linked(reason, known) {
  const named = [];
  const text = esc(reason).replace(/[A-Za-z0-9][A-Za-z0-9._-]*/g, (token) => {
    const id = token.replace(/[.]+$/, '');
    if (!known.has(id)) return token;
    named.push(id);
    return `<button type="button" class="link" data-show="${esc(id)}">${esc(id)}</button>${token.slice(id.length)}`;
  });
  return named.length > 1
    ? `${text} <button type="button" class="link all" data-show="${esc(named.join(' '))}">show all ${named.length}`
      + ' on the timeline</button>' : text;
}

function comparison(report) {
  const c = report.comparison;
  const mine = report.summary;
  if (!c || !mine) {
    $('comparison').innerHTML = '<p class="muted">No comparison in this report.</p>';
    return;
  }
  const base = c.baselineSummary;
  const row = (label, a, b) => `<tr><th scope="row">${esc(label)}</th><td>${a}</td><td>${b}</td></tr>`;
  $('comparison').innerHTML = '<table><thead><tr><th scope="col"></th><th scope="col">This round</th>'
    + `<th scope="col">${esc(c.baseline ?? 'first come, first served')}</th></tr></thead><tbody>`
    + row('Requests served', `${number(mine.served)} of ${number(mine.requests)}`, `${number(base.served)} of `
      + number(base.requests))
    + row('Weight served', number(mine.servedWeight), number(base.servedWeight))
    + row('Weight left unserved', number(mine.unservedWeight), number(base.unservedWeight))
    + row('Walking (metres)', number(mine.walkingMetres), number(base.walkingMetres))
    + row('Score', score(report.score), score(c.baselineScore))
    + '</tbody></table>'
    + `<p>${more(c.moreRequestsServed, 'requests')} and ${more(c.moreWeightServed, 'weight')} served`
    + (c.unservedWeightReductionPercent == null ? '' : `; unserved weight down by ${c.unservedWeightReductionPercent
      .toFixed(1)} %`) + '.</p>'
    + bound(report.bounds);
}

/** What the report's bound says of this round: proven best, or how far from the best possible at most. */
function bound(b) {
  if (!b) return '';
  const text = b.proven ? 'Proven best: no allocation serves more weight'
    : b.gapPercent == null ? 'Not proven best: the best possible may leave nothing unserved'
      : `At most ${b.gapPercent.toFixed(1)} % more unserved weight than the best possible`;
  return `<p class="bound">${esc(text)} (no allocation leaves less than ${number(Math.abs(b.medium))} unserved).</p>`;
}

/** "12 more requests", "8 fewer requests", "455 more weight", "30 less weight". */
function more(n, what) {
  const fewer = what === 'weight' ? 'less' : 'fewer';
  return `${number(Math.abs(n))} ${n < 0 ? fewer : 'more'} ${what}`;
}

let analysisCache = null;

async function analysis(details) {
  const box = details.querySelector('.matches');
  if (box.dataset.loaded) return;
  box.textContent = 'Loading…';
  analysisCache ??= api.get(eventPath(`/rounds/${state.round.round}/analysis`));
  const rule = (await analysisCache).find((r) => r.name === details.dataset.name);
  const texts = rule?.justifications ?? [];
  box.innerHTML = texts.length ? `<ul>${texts.slice(0, 200).map((t) => `<li>${esc(t)}</li>`).join('')}</ul>`
    + (texts.length > 200 ? `<p class="muted">and ${texts.length - 200} more</p>` : '') : '<p>No matches.</p>';
  box.dataset.loaded = 'yes';
}

async function diff() {
  const other = $('diff-other').value;
  if (!other || !state.round) {
    $('diff').innerHTML = '';
    return;
  }
  const d = await api.get(eventPath(`/rounds/${state.round.round}/diff/${other}`));
  $('diff').innerHTML = `<p>From round ${d.round} to round ${d.other}: <strong>${d.moved}</strong> moved, `
    + `<strong>${d.newlyServed}</strong> newly served, <strong>${d.newlyUnserved}</strong> newly unserved.</p>`
    + (d.changes.length ? '<div class="scroll"><table><thead><tr><th scope="col">Request</th>'
      + `<th scope="col">Round ${d.round}</th><th scope="col">Round ${d.other}</th></tr></thead><tbody>`
      + d.changes.map((c) => `<tr><td>${esc(c.request)}</td><td>${esc(c.before ?? 'unassigned')}</td>`
        + `<td>${esc(c.after ?? 'unassigned')}</td></tr>`).join('') + '</tbody></table></div>' : '');
}
