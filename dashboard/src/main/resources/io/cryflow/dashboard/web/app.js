// Cryflow dashboard: one tile per room, kept live by server-sent events from /events.
'use strict';

const rooms = new Map(); // room id -> latest view
const grid = document.getElementById('rooms');
const template = document.getElementById('tile');
const STATE_LABEL = { QUIET: 'quiet', CRYING: 'crying', OFFLINE: 'mic offline', NOT_ANALYSED: 'not analysed',
  SILENT: 'mic silent', CLIPPING: 'mic clipping' };
const MICROPHONE_PROBLEMS = ['OFFLINE', 'SILENT', 'CLIPPING'];

function causeLabel(cause) {
  return (cause || 'uncertain').replace('_', ' ');
}

function time(millis) {
  return new Date(millis).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

// 24-hour HH:MM:SS, so 'not analysed since' reads the same on every screen.
function clockTime(millis) {
  return new Date(millis).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
}

function tileFor(id) {
  let tile = document.getElementById('room-' + CSS.escape(id));
  if (!tile) {
    tile = template.content.firstElementChild.cloneNode(true);
    tile.id = 'room-' + id;
    tile.dataset.room = id;
    tile.querySelector('.room').textContent = id;
    // keep tiles in room order
    const next = [...grid.children].find(t => t.dataset.room.localeCompare(id, undefined, { numeric: true }) > 0);
    grid.insertBefore(tile, next || null);
  }
  return tile;
}

function render(view) {
  rooms.set(view.room, view);
  const tile = tileFor(view.room);
  tile.dataset.state = view.state;
  // Audio that nobody analyses must not pass for a quiet room: say since when it was last analysed.
  tile.querySelector('.state').textContent = view.state === 'NOT_ANALYSED'
    ? 'not analysed' + (view.notAnalysedSinceMillis != null ? ' since ' + clockTime(view.notAnalysedSinceMillis) : '')
    : STATE_LABEL[view.state] || view.state;
  let detail = '';
  if (view.crying) {
    detail = causeLabel(view.cause) + (view.confidence != null ? ' · cry ' + Math.round(view.confidence * 100) + '%' : '');
  }
  if (view.statusDetail) {
    detail = view.statusDetail + (detail ? ' — crying: ' + detail : '');
  }
  tile.querySelector('.detail').textContent = detail;
  const level = view.levelDbfs;
  tile.querySelector('.bar').style.width = level == null ? '0' : Math.max(0, Math.min(100, (level + 80) * 100 / 80)) + '%';
  tile.querySelector('.level').textContent = level == null ? 'no audio yet' : level.toFixed(0) + ' dBFS';
  tile.querySelector('.sensitivity').textContent = view.sensitivity == null ? '' : 'sensitivity ' + (view.sensitivity > 0 ? '+' : '') + view.sensitivity + ' dB';
  const history = tile.querySelector('.history');
  history.replaceChildren(...view.history.map(e => {
    const li = document.createElement('li');
    const seconds = e.endMillis == null ? null : Math.round((e.endMillis - e.startMillis) / 1000);
    li.textContent = time(e.startMillis) + ' ' + causeLabel(e.cause) + (seconds == null ? ' (ongoing)' : ' · ' + seconds + ' s') + ' · peak ' + Math.round(e.peakConfidence * 100) + '%';
    return li;
  }));
  summarise();
}

function summarise() {
  const views = [...rooms.values()];
  const crying = views.filter(v => v.crying).length;
  const technical = views.filter(v => MICROPHONE_PROBLEMS.includes(v.state)).length;
  const notAnalysed = views.filter(v => v.state === 'NOT_ANALYSED').length;
  document.getElementById('summary').textContent =
    views.length + ' rooms · ' + crying + ' crying' + (notAnalysed ? ' · ' + notAnalysed + ' not analysed' : '')
    + (technical ? ' · ' + technical + ' with a microphone problem' : '');
}

function connect() {
  const status = document.getElementById('connection');
  const source = new EventSource('events');
  source.addEventListener('snapshot', e => {
    grid.replaceChildren();
    rooms.clear();
    JSON.parse(e.data).forEach(render);
    summarise();
  });
  source.addEventListener('room', e => render(JSON.parse(e.data)));
  source.onopen = () => { status.textContent = 'live'; status.classList.remove('down'); };
  source.onerror = () => { status.textContent = 'reconnecting'; status.classList.add('down'); };
}

connect();
