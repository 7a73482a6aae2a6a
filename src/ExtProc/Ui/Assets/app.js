// Hush review UI: login, routing and wiring. Plain ES modules from this origin; no dependencies, no other hosts.
import { ApiError, apiJson, clearToken, onUnauthorized, setToken, token } from './api.js';
import { openAuditRecord, searchAudit } from './audit.js';
import { $, banner, describe, show } from './dom.js';
import { decide, openHold, renderHolds } from './holds.js';
import { renderPolicy } from './policy.js';

let me = null;

async function login(candidate) {
  setToken(candidate);
  try {
    me = await apiJson('/api/me');
  } catch (e) {
    clearToken();
    me = null;
    throw e;
  }
  $('whoami').textContent = me.subject + (me.groups.length ? ' [' + me.groups.join(', ') + ']' : '');
  $('nav').hidden = false;
  $('logout-button').hidden = false;
  $('nav-audit').hidden = !me.auditor;
}

function logout(message) {
  clearToken();
  me = null;
  $('nav').hidden = true;
  $('logout-button').hidden = true;
  $('whoami').textContent = '';
  const error = $('login-error');
  error.textContent = message || '';
  error.hidden = !message;
  show('login-view');
}

async function route() {
  banner('');
  if (!me) {
    if (!token()) { logout(''); return; }
    try { await login(token()); } catch (e) { if (e.status !== 401) { logout(e.message); } return; }
  }
  const parts = (location.hash || '#/holds').substring(2).split('/');
  try {
    if (parts[0] === 'holds' && parts[1]) { await openHold(decodeURIComponent(parts[1]), me); }
    else if (parts[0] === 'audit' && parts[1]) { await openAuditRecord(parts[1]); }
    else if (parts[0] === 'audit') { show('audit-view'); }
    else if (parts[0] === 'policy') { await renderPolicy(); }
    else { await renderHolds(); }
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) { banner(describe(e)); }
  }
}

function start() {
  onUnauthorized((reason) => logout('Your token was refused: ' + reason + '. Log in again.'));
  $('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const candidate = $('token-input').value.trim();
    if (!candidate) { return; }
    try {
      await login(candidate);
      $('token-input').value = '';
      $('login-error').hidden = true;
      if (location.hash === '' || location.hash === '#/holds') { await route(); } else { location.hash = '#/holds'; }
    } catch (e) {
      if (e.status !== 401) { logout('Login failed: ' + e.message); }
    }
  });
  $('logout-button').addEventListener('click', () => logout(''));
  $('holds-status').addEventListener('change', () => { route(); });
  $('holds-refresh').addEventListener('click', () => { route(); });
  $('approve-button').addEventListener('click', () => decide(true, me));
  $('deny-button').addEventListener('click', () => decide(false, me));
  $('audit-form').addEventListener('submit', (event) => { event.preventDefault(); searchAudit(false); });
  $('audit-more').addEventListener('click', () => searchAudit(true));
  window.addEventListener('hashchange', () => { route(); });
  route();
}

// Module scripts run after the document is parsed.
start();
