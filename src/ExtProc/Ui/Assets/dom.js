// DOM helpers of the review UI. Server data only ever becomes text (textContent, text nodes), never markup.

const VIEWS = ['login-view', 'holds-view', 'hold-view', 'audit-view', 'audit-record-view', 'policy-view'];

export const $ = (id) => document.getElementById(id);

export function text(tag, value, className) {
  const node = document.createElement(tag);
  node.textContent = value === null || value === undefined ? '' : String(value);
  if (className) { node.className = className; }
  return node;
}

export function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

export function show(id) {
  for (const view of VIEWS) { $(view).hidden = view !== id; }
  for (const link of ['nav-holds', 'nav-audit', 'nav-policy']) {
    $(link).classList.toggle('active', id.startsWith(link.substring(4)));
  }
}

export function banner(message) {
  const node = $('banner');
  node.textContent = message || '';
  node.hidden = !message;
}

export function fields(dl, pairs) {
  clear(dl);
  for (const [name, value] of pairs) {
    dl.appendChild(text('dt', name));
    const dd = text('dd', value === null || value === undefined || value === '' ? '—' : value);
    dd.dataset.field = name;
    dl.appendChild(dd);
  }
}

// The excerpt marks the held span with U+27E6 and U+27E7; everything else is plain masked text.
export function renderExcerpt(pre, excerpt) {
  clear(pre);
  const source = String(excerpt || '');
  let index = 0;
  while (index < source.length) {
    const open = source.indexOf('\u27E6', index);
    if (open < 0) { pre.appendChild(document.createTextNode(source.substring(index))); break; }
    if (open > index) { pre.appendChild(document.createTextNode(source.substring(index, open))); }
    const close = source.indexOf('\u27E7', open + 1);
    const end = close < 0 ? source.length : close;
    const mark = text('mark', source.substring(open + 1, end), 'held');
    mark.setAttribute('data-testid', 'held-span');
    pre.appendChild(mark);
    index = close < 0 ? source.length : close + 1;
  }
}

function escapeRegExp(value) { return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

// Highlights mask placeholders ([MASKED:…]) and the ids of the record's rule hits inside masked text.
export function renderHighlighted(pre, value, ruleIds) {
  clear(pre);
  const source = value === null || value === undefined ? '' : String(value);
  if (!source) { pre.textContent = '(none)'; return; }
  const parts = ['\\[MASKED:[^\\]\\n]{0,200}\\]'];
  for (const id of ruleIds) { if (id) { parts.push(escapeRegExp(id)); } }
  const pattern = new RegExp(parts.join('|'), 'g');
  let last = 0;
  let match;
  while ((match = pattern.exec(source)) !== null) {
    if (match[0].length === 0) { pattern.lastIndex++; continue; }
    if (match.index > last) { pre.appendChild(document.createTextNode(source.substring(last, match.index))); }
    const mark = text('mark', match[0], 'hit');
    mark.setAttribute('data-testid', 'hit-mark');
    pre.appendChild(mark);
    last = match.index + match[0].length;
  }
  if (last < source.length) { pre.appendChild(document.createTextNode(source.substring(last))); }
}

// "type: message" of an API error, for error lines.
export function describe(error) { return (error.type ? error.type + ': ' : '') + error.message; }
