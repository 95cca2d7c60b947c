// Small helpers shared by the views: escaping, times in the event's zone, colours per organisation.

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export const TYPES = [
  ['EDIT_BOOTH', 'Edit booths'], ['STANDUP_INDOOR', 'Stand-ups indoor'], ['STANDUP_OUTDOOR', 'Stand-ups outdoor'],
  ['LIVE_AREA', 'Live areas'], ['TV_STUDIO', 'TV studio'], ['ONLINE_STUDIO', 'Online studio'],
  ['PARKING_SNG', 'SNG parking'], ['PARKING_OB', 'OB parking'],
];

export const TYPE_NAMES = Object.fromEntries(TYPES);

export function isParking(type) {
  return type === 'PARKING_SNG' || type === 'PARKING_OB';
}

let zone = 'UTC';

export function useTimeZone(timeZone) {
  zone = timeZone;
}

const formats = new Map();

function formatter(options) {
  const key = zone + JSON.stringify(options);
  if (!formats.has(key)) formats.set(key, new Intl.DateTimeFormat('en-GB', { timeZone: zone, ...options }));
  return formats.get(key);
}

/** "24 Jun 07:00" in the event's time zone. */
export function when(iso) {
  if (!iso) return '';
  return formatter({ day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false })
    .format(new Date(iso));
}

export function span(from, to) {
  return `${when(from)} – ${when(to)}`;
}

export function day(ms) {
  return formatter({ weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(ms));
}

export function hour(ms) {
  return formatter({ hour: '2-digit', hour12: false }).format(new Date(ms));
}

/** Midnights in the event's time zone between two instants (for day lines). */
export function midnights(fromMs, toMs) {
  const marks = [];
  for (let t = Math.floor(fromMs / 3_600_000) * 3_600_000; t <= toMs; t += 3_600_000) {
    if (hour(t) === '00') marks.push(t);
  }
  return marks;
}

/** A stable, well-spread hue per organisation; dark enough for white text at every hue (contrast >= 4.5:1). */
export function colour(organisation) {
  let hash = 0;
  for (const c of String(organisation)) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return `hsl(${Math.round((hash * 137.508) % 360)} 60% 27%)`;
}

export function score(s) {
  return s ? `${s.hard} hard / ${number(s.medium)} medium / ${number(s.soft)} soft` : '—';
}

export function number(n) {
  return n == null ? '—' : Number(n).toLocaleString('en-GB');
}
