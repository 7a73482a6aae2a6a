// Policy info: each loaded policy with its digests, rule counts and hold rules.
import { apiJson } from './api.js';
import { $, clear, fields, show, text } from './dom.js';

function holdRuleTable(rules) {
  const table = document.createElement('table');
  const head = document.createElement('tr');
  for (const title of ['Hold rule', 'Reason', 'Approvers', 'Direction']) { head.appendChild(text('th', title)); }
  table.appendChild(head);
  for (const rule of rules) {
    const row = document.createElement('tr');
    row.setAttribute('data-testid', 'policy-hold-rule');
    row.appendChild(text('td', rule.id));
    row.appendChild(text('td', rule.reason));
    row.appendChild(text('td', rule.approvers.join(', ')));
    row.appendChild(text('td', rule.direction));
    table.appendChild(row);
  }
  return table;
}

export async function renderPolicy() {
  show('policy-view');
  const data = await apiJson('/api/policy');
  const list = $('policy-list');
  clear(list);
  for (const policy of data.policies) {
    const card = document.createElement('div');
    card.className = 'card';
    card.setAttribute('data-testid', 'policy-card');
    const title = (policy.route ? 'Route ' + policy.route : 'Default policy')
      + (policy.loaded ? ': ' + policy.name + ' ' + policy.version : ' (not loaded)');
    card.appendChild(text('h2', title));
    if (policy.loaded) {
      const dl = document.createElement('dl');
      dl.className = 'fields';
      const counts = policy.rule_counts;
      fields(dl, [['artifact sha256', policy.sha256], ['source sha256', policy.source_sha256], ['loaded at', policy.loaded_at],
        ['rules', counts.total + ' (' + counts.mask + ' mask, ' + counts.hold + ' hold)']]);
      card.appendChild(dl);
      card.appendChild(holdRuleTable(policy.hold_rules));
    }
    list.appendChild(card);
  }
}
