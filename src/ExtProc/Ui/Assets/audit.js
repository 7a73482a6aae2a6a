// Audit search (GET /audit, JSON lines) and record detail with the rule hits highlighted.
import { api, apiJson } from './api.js';
import { $, clear, describe, fields, renderHighlighted, show, text } from './dom.js';

const PAGE = 200;
let after = 0;

function query() {
  const params = new URLSearchParams();
  const add = (name, id) => { const value = $(id).value.trim(); if (value) { params.set(name, value); } };
  add('since', 'audit-since');
  add('until', 'audit-until');
  add('subject', 'audit-subject');
  add('repository', 'audit-repository');
  add('run_id', 'audit-run-id');
  add('rule', 'audit-rule');
  add('verdict', 'audit-verdict');
  return params;
}

export async function searchAudit(append) {
  show('audit-view');
  const error = $('audit-error');
  error.hidden = true;
  const body = $('audit-body');
  if (!append) { clear(body); after = 0; }
  const params = query();
  params.set('limit', String(PAGE));
  if (after > 0) { params.set('after', String(after)); }
  let records;
  try {
    const response = await api('/audit?' + params.toString());
    records = (await response.text()).split('\n').filter((line) => line.length > 0).map((line) => JSON.parse(line));
  } catch (e) {
    if (e.status === 401) { return; }
    error.textContent = describe(e);
    error.hidden = false;
    return;
  }
  for (const record of records) {
    const row = document.createElement('tr');
    row.setAttribute('data-testid', 'audit-row');
    row.dataset.seq = String(record.seq);
    row.appendChild(text('td', record.seq));
    row.appendChild(text('td', record.time));
    row.appendChild(text('td', record.verdict, 'status-' + record.verdict));
    row.appendChild(text('td', record.subject || '—'));
    row.appendChild(text('td', record.repository || '—'));
    row.appendChild(text('td', record.run_id || '—'));
    row.appendChild(text('td', record.rule_hits.map((h) => h.rule + '×' + h.count).join(', ')));
    row.appendChild(text('td', record.hold_id || ''));
    row.addEventListener('click', () => { location.hash = '#/audit/' + record.seq; });
    body.appendChild(row);
    after = record.seq;
  }
  $('audit-empty').hidden = body.childElementCount > 0;
  $('audit-more').hidden = records.length < PAGE;
}

export async function openAuditRecord(seq) {
  show('audit-record-view');
  const record = await apiJson('/api/audit/' + encodeURIComponent(seq));
  $('audit-record-seq').textContent = String(record.seq);
  fields($('audit-record-fields'), [
    ['time', record.time], ['verdict', record.verdict], ['subject', record.subject], ['email', record.email],
    ['groups', (record.groups || []).join(', ')], ['ci system', record.ci_system], ['repository', record.repository],
    ['run id', record.run_id], ['run attempt', record.run_attempt], ['job id', record.job_id], ['sha', record.sha],
    ['ref', record.ref], ['workflow', record.workflow], ['actor', record.actor], ['route', record.route],
    ['provider', record.provider], ['model', record.model], ['policy sha256', record.policy_sha256],
    ['hold id', record.hold_id], ['approver', record.approver], ['justification', record.justification],
    ['latency (µs)', record.latency_us], ['request truncated', record.request_truncated],
    ['response truncated', record.response_truncated], ['prev hash', record.prev_hash], ['hash', record.hash],
  ]);
  const hits = $('audit-record-hits');
  clear(hits);
  const ids = [];
  for (const hit of record.rule_hits) {
    ids.push(hit.rule);
    const item = document.createElement('li');
    item.setAttribute('data-testid', 'audit-hit');
    item.appendChild(text('mark', hit.rule, 'hit'));
    item.appendChild(document.createTextNode(' ×' + hit.count));
    hits.appendChild(item);
  }
  if (record.rule_hits.length === 0) { hits.appendChild(text('li', 'none')); }
  renderHighlighted($('audit-record-request'), record.masked_request, ids);
  renderHighlighted($('audit-record-response'), record.masked_response, ids);
}
