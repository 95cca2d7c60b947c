// What every view does with the page: find elements, tell the user (toast), report a failure, and move between
// views. The router knows the views only as app.js hands them over, so a view jumps to another by name
// (go('timeline', { highlight })) without importing it.
import * as api from './api.js';
import { state, signedOut } from './store.js';

export const $ = (id) => document.getElementById(id);

export function toast(message) {
  $('toast').textContent = message;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { $('toast').textContent = ''; }, 6000);
}

/** Tells the user what went wrong; refused credentials sign the tab out. */
export function failed(error) {
  toast(error instanceof api.ApiError ? `${error.message}` : `Something went wrong: ${error.message}`);
  if (error.status === 401) signedOut();
}

const views = new Map();
let current = null;

/** The views behind the tabs, by name: each has a section #view-<name> and a tab with data-view="<name>". */
export function useViews(named) {
  for (const [name, view] of Object.entries(named)) views.set(name, view);
}

/**
 * Shows the view the address names (#round when none). A view's shown(state, params) runs when it appears, and
 * again when a jump brings it parameters while it is shown already.
 */
export function route(params) {
  const name = (location.hash || '#round').slice(1).split('/')[0];
  if (name === current && !params) return;
  if (name !== current) {
    current = name;
    for (const view of views.keys()) {
      $(`view-${view}`).hidden = view !== name;
      document.querySelector(`#tabs a[data-view="${view}"]`)
        .setAttribute('aria-current', view === name ? 'page' : 'false');
    }
  }
  views.get(name)?.shown?.(state, params);
}

/** Jumps to a view at once, with what it should show (the hashchange that follows finds it shown already). */
export function go(name, params) {
  location.hash = name;
  route(params);
}

/** Hides every view (signed out); the next route shows one again. */
export function leave() {
  current = null;
  for (const view of views.keys()) $(`view-${view}`).hidden = true;
}
