// The service's HTTP API as the console uses it: credentials kept for the browser tab only (sessionStorage), sent
// on every call; errors arrive as RFC 9457 problem details and are thrown with their detail as the message.

const STORE = 'broadcast-allocation.credentials';

export function signIn(authorization) {
  sessionStorage.setItem(STORE, authorization);
}

export function signOut() {
  sessionStorage.removeItem(STORE);
}

export function stored() {
  return sessionStorage.getItem(STORE);
}

export function basic(user, password) {
  return 'Basic ' + btoa(unescape(encodeURIComponent(user + ':' + password)));
}

export function bearer(key) {
  return 'Bearer ' + key.trim();
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

function headers(extra = {}) {
  // X-Requested-With keeps the service from answering a 401 with a Basic challenge (the browser's own dialog).
  const all = { 'X-Requested-With': 'XMLHttpRequest', ...extra };
  const credentials = sessionStorage.getItem(STORE);
  if (credentials) all.Authorization = credentials;
  return all;
}

async function send(method, path, body, extra = {}) {
  const init = { method, headers: headers(extra) };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch { /* not a problem document */ }
    throw new ApiError(response.status, problem);
  }
  return response;
}

export async function get(path) {
  return (await send('GET', path, undefined, { Accept: 'application/json' })).json();
}

export async function call(method, path, body, extra) {
  const response = await send(method, path, body, { Accept: 'application/json', ...extra });
  return response.status === 204 ? null : response.json();
}

/** Fetches with the credentials and hands the file to the browser as a download (a plain link cannot send them). */
export async function download(path, accept, fallbackName) {
  const response = await send('GET', path, undefined, { Accept: `${accept}, application/problem+json` });
  const disposition = response.headers.get('Content-Disposition') || '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] || fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/**
 * Reads a Server-Sent Events stream with fetch (EventSource cannot send the Authorization header). Calls onEvent
 * with (name, data) for each event until the stream ends or the signal aborts.
 */
export async function stream(path, onEvent, signal) {
  const response = await send('GET', path, undefined, { Accept: 'text/event-stream' });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  signal?.addEventListener('abort', () => reader.cancel());
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
      }
      if (data.length) onEvent(name, JSON.parse(data.join('\n')));
    }
  }
}
