// Holds: the list, the detail with the highlighted held span, approve and deny.
import { apiJson } from './api.js';
import { $, clear, describe, fields, renderExcerpt, show, text } from './dom.js';

let currentHold = null;

export async function renderHolds() {
  show('holds-view');
  const status = $('holds-status').value;
  const body = $('holds-body');
  const data = await apiJson('/api/holds?status=' + encodeURIComponent(status) + '&limit=200');
  clear(body);
  for (const hold of data.holds) {
    const row = document.createElement('tr');
    row.setAttribute('data-testid', 'hold-row');
    row.dataset.holdId = hold.id;
    const requester = hold.requester || {};
    const ci = requester.ci || {};
    row.appendChild(text('td', hold.created_at));
    row.appendChild(text('td', hold.status, 'status-' + hold.status));
    row.appendChild(text('td', requester.subject || '—'));
    row.appendChild(text('td', ci.repository || '—'));
    row.appendChild(text('td', hold.rules.map((r) => r.rule).join(', ')));
    row.appendChild(text('td', hold.model || '—'));
    const cell = document.createElement('td');
    const link = text('a', 'Open');
    link.href = '#/holds/' + encodeURIComponent(hold.id);
    link.setAttribute('data-testid', 'hold-link');
    cell.appendChild(link);
    row.appendChild(cell);
    row.addEventListener('click', () => { location.hash = '#/holds/' + encodeURIComponent(hold.id); });
    body.appendChild(row);
  }
  $('holds-empty').hidden = data.holds.length > 0;
}

function renderHold(hold, me) {
  currentHold = hold;
  $('hold-id').textContent = hold.id;
  const status = $('hold-status');
  status.textContent = hold.status;
  status.className = 'status-' + hold.status;
  fields($('hold-summary'), [
    ['created', hold.created_at], ['expires', hold.expires_at], ['route', hold.route], ['provider', hold.provider],
    ['model', hold.model], ['approver groups', hold.approver_groups.join(', ')], ['policy sha256', hold.policy_sha256],
    ['answer digest', hold.answer_digest],
  ]);
  renderExcerpt($('hold-excerpt'), hold.excerpt);
  const rules = $('hold-rules');
  clear(rules);
  for (const rule of hold.rules) {
    const item = document.createElement('li');
    item.setAttribute('data-testid', 'hold-rule');
    item.appendChild(text('mark', rule.rule, 'hit'));
    item.appendChild(document.createTextNode(' ×' + rule.count + ' — ' + rule.reason + ' (approvers: ' + rule.approvers.join(', ') + ')'));
    rules.appendChild(item);
  }
  const requester = hold.requester || {};
  const ci = requester.ci || {};
  fields($('hold-requester'), [['subject', requester.subject], ['email', requester.email], ['groups', (requester.groups || []).join(', ')]]);
  fields($('hold-ci'), [
    ['system', ci.system], ['repository', ci.repository], ['run id', ci.run_id], ['run attempt', ci.run_attempt],
    ['sha', ci.sha], ['ref', ci.ref], ['workflow', ci.workflow], ['actor', ci.actor],
  ]);
  fields($('hold-decision'), [['decided by', hold.decided_by], ['justification', hold.justification],
    ['decided at', hold.decided_at], ['released at', hold.released_at]]);
  $('decision-digest').textContent = hold.answer_digest;
  $('decision-form').hidden = !hold.can_decide;
  const note = $('decision-note');
  if (hold.can_decide) {
    note.hidden = true;
    return;
  }
  note.textContent = hold.status !== 'pending'
    ? 'This hold is ' + hold.status + '.'
    : (hold.requester && me && hold.requester.subject === me.subject)
      ? 'You raised this hold, so someone else must decide it.'
      : 'You are in none of this hold\'s approver groups, or it has expired.';
  note.hidden = false;
}

export async function openHold(id, me) {
  show('hold-view');
  $('decision-error').hidden = true;
  $('justification').value = '';
  renderHold(await apiJson('/api/holds/' + encodeURIComponent(id)), me);
}

// Sends the decision bound to the digest the page showed, so it applies only to the answer the approver saw.
export async function decide(approve, me) {
  const error = $('decision-error');
  error.hidden = true;
  const justification = $('justification').value.trim();
  if (!justification) {
    error.textContent = 'A justification is required.';
    error.hidden = false;
    return;
  }
  const hold = currentHold;
  try {
    const decided = await apiJson('/api/holds/' + encodeURIComponent(hold.id) + '/' + (approve ? 'approve' : 'deny'),
      { body: { justification, digest: hold.answer_digest } });
    renderHold(decided, me);
  } catch (e) {
    if (e.status === 401) { return; }
    error.textContent = describe(e);
    error.hidden = false;
  }
}
