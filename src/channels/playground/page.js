// Ivareta playground: plays the Bot Framework connector and the Teams client for three demo users.
// It POSTs Teams-shaped activities to /api/messages and shows what the bot sends to each user's
// inbox (replies and proactive messages), rendering Adaptive Cards with Microsoft's renderer.
// Plain browser JavaScript, no build step.
(() => {
  const AC = window.AdaptiveCards;
  const POLL_MS = 800;
  const users = {}; // key → { user, locale, last, pane, badge, unread, item }
  let config = null;
  let current = null;

  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs ?? {})) {
      if (v === undefined || v === null) continue;
      if (k === 'class') node.className = v;
      else if (k.startsWith('data-')) node.setAttribute(k, v);
      else node[k] = v;
    }
    for (const c of children) node.append(c);
    return node;
  }

  async function getJson(url) {
    const res = await fetch(url, { cache: 'no-store' });
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    return res.json();
  }

  function newId() {
    const rnd = window.crypto?.randomUUID
      ? window.crypto.randomUUID()
      : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
    return `pg-in-${rnd}`;
  }

  // --- Markdown, the subset Teams renders in TextBlocks: bold, italics, links, "- " lists. ---
  function escapeHtml(text) {
    return text.replace(
      /[&<>"']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
    );
  }
  function inline(text) {
    return escapeHtml(text)
      .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
      .replace(/_(.+?)_/g, '<em>$1</em>')
      .replace(
        /\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g,
        '<a href="$2" target="_blank" rel="noopener noreferrer">$1</a>',
      );
  }
  function markdown(text) {
    const lines = text.split('\n');
    if (lines.every((l) => l.startsWith('- '))) {
      return `<ul>${lines.map((l) => `<li>${inline(l.slice(2))}</li>`).join('')}</ul>`;
    }
    return lines.map(inline).join('<br>');
  }
  AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = markdown(text);
    result.didProcess = true;
  };

  // --- Activities ---
  function activity(key, extra) {
    const u = users[key].user;
    const locale = users[key].locale;
    return {
      type: 'message',
      id: newId(),
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: config.serviceUrl,
      from: { id: u.id, name: u.name, aadObjectId: u.aadObjectId },
      recipient: config.bot,
      conversation: { id: `pg-dm-${key}`, conversationType: 'personal', tenantId: config.tenantId },
      channelData: { tenant: { id: config.tenantId } },
      locale,
      entities: [{ type: 'clientInfo', locale, timezone: u.timeZone, platform: 'Web' }],
      ...extra,
    };
  }

  async function post(key, extra) {
    try {
      const res = await fetch('/api/messages', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity(key, extra)),
      });
      if (!res.ok) systemLine(key, `The bot answered HTTP ${res.status}.`);
    } catch {
      systemLine(key, 'The server could not be reached.');
    }
    await poll(key);
  }

  // --- Rendering ---
  function scrollDown() {
    const panes = $('panes');
    panes.scrollTop = panes.scrollHeight;
  }

  function timeLabel(who) {
    return `${who} · ${new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
  }

  function userLine(key, text, isAction) {
    const bubble = el('div', { class: 'bubble' });
    bubble.textContent = isAction ? `▶ ${text}` : text;
    users[key].pane.append(
      el('div', { class: 'msg user' }, el('div', { class: 'meta' }, timeLabel(users[key].user.name)), bubble),
    );
    scrollDown();
  }

  function systemLine(key, text) {
    users[key].pane.append(el('div', { class: 'msg system', role: 'status' }, text));
    scrollDown();
  }

  // Teams fills the people picker from the directory (`choices.data`); the playground has no
  // directory, so the picker shows its static choices (the people the bot knows) as a ChoiceSet.
  function withoutDirectoryQueries(node) {
    if (Array.isArray(node)) return node.map(withoutDirectoryQueries);
    if (!node || typeof node !== 'object') return node;
    const out = {};
    for (const [k, v] of Object.entries(node)) if (k !== 'choices.data') out[k] = withoutDirectoryQueries(v);
    return out;
  }

  function renderCard(key, content) {
    const card = new AC.AdaptiveCard();
    card.onExecuteAction = (action) => onAction(key, action);
    card.parse(withoutDirectoryQueries(content));
    return card.render() ?? el('div', {}, '(card could not be rendered)');
  }

  function renderActivity(key, act) {
    const bubble = el('div', { class: 'bubble' });
    if (typeof act.text === 'string' && act.text) {
      bubble.append(el('div', { class: 'text' }, act.text));
    }
    for (const a of Array.isArray(act.attachments) ? act.attachments : []) {
      if (a?.contentType === 'application/vnd.microsoft.card.adaptive' && a.content) {
        bubble.append(el('div', { class: 'card', 'data-card': 'adaptive' }, renderCard(key, a.content)));
      }
    }
    return el('div', { class: 'msg bot' }, el('div', { class: 'meta' }, timeLabel(config.bot.name)), bubble);
  }

  function onAction(key, action) {
    const type = action.getJsonTypeName();
    if (type === 'Action.OpenUrl') {
      window.open(action.url, '_blank', 'noopener,noreferrer');
      return;
    }
    if (type === 'Action.Submit' || type === 'Action.Execute') {
      // `data` is the action's data merged with the card's inputs (the renderer validated them).
      const value = { ...(action.data ?? {}) };
      if (type === 'Action.Execute' && action.verb) value.verb = action.verb;
      userLine(key, action.title ?? type, true);
      void post(key, { value });
    }
  }

  function applyItem(key, item) {
    const pane = users[key].pane;
    const selector = `[data-activity-id="${CSS.escape(item.activityId)}"]`;
    const existing = pane.querySelector(selector);
    if (item.kind === 'delete') {
      existing?.remove();
      return;
    }
    const node = renderActivity(key, item.activity ?? {});
    node.setAttribute('data-activity-id', item.activityId);
    if (item.kind === 'update' && existing) existing.replaceWith(node);
    else pane.append(node);
    if (key !== current) {
      users[key].unread++;
      updateBadge(key);
    }
  }

  // --- Inboxes ---
  const polling = {};
  async function poll(key) {
    if (polling[key]) return polling[key];
    polling[key] = (async () => {
      try {
        const data = await getJson(
          `/playground/inbox?user=${encodeURIComponent(users[key].user.id)}&after=${users[key].last}`,
        );
        for (const item of data.items) applyItem(key, item);
        if (data.items.length > 0) {
          users[key].last = data.last;
          if (key === current) scrollDown();
        }
      } catch {
        // The server may be restarting; the next poll tries again.
      } finally {
        polling[key] = null;
      }
    })();
    return polling[key];
  }

  // --- People, locales, switching ---
  function updateBadge(key) {
    const u = users[key];
    u.badge.textContent = String(u.unread);
    u.badge.hidden = u.unread === 0;
  }

  function switchTo(key) {
    current = key;
    for (const [k, u] of Object.entries(users)) {
      u.pane.hidden = k !== key;
      u.item.classList.toggle('active', k === key);
      u.button.setAttribute('aria-pressed', String(k === key));
    }
    users[key].unread = 0;
    updateBadge(key);
    $('chat-title').textContent = `${users[key].user.name}: chat with ${config.bot.name}`;
    $('composer-text').focus();
    scrollDown();
  }

  function buildUsers() {
    for (const u of config.users) {
      const stored = localStorage.getItem(`ivareta.playground.locale.${u.key}`);
      const locale = config.locales.includes(stored) ? stored : u.locale;
      const pane = el('div', { class: 'pane', id: `pane-${u.key}`, 'data-user': u.key, role: 'log', hidden: true });
      $('panes').append(pane);
      const badge = el('span', { class: 'badge', hidden: true }, '0');
      const button = el(
        'button',
        { type: 'button', class: 'user-switch', 'data-user': u.key },
        el('span', { class: 'name' }, u.name),
        badge,
        el('span', { class: 'role' }, u.role),
      );
      button.addEventListener('click', () => switchTo(u.key));
      const select = el('select', { id: `locale-${u.key}`, 'data-user': u.key });
      for (const l of config.locales) select.append(el('option', { value: l, selected: l === locale }, l));
      select.addEventListener('change', () => {
        users[u.key].locale = select.value;
        localStorage.setItem(`ivareta.playground.locale.${u.key}`, select.value);
      });
      const label = el('label', { class: 'locale', htmlFor: `locale-${u.key}` }, 'Teams language ');
      const item = el('li', { 'data-user': u.key }, button, el('div', { class: 'locale' }, label, select));
      $('users').append(item);
      users[u.key] = { user: u, locale, last: 0, pane, badge, button, item, unread: 0 };
    }
  }

  // --- Clock ---
  async function refreshClock() {
    try {
      const { now } = await getJson('/playground/clock');
      showNow(now);
    } catch {
      $('clock-now').textContent = 'unavailable';
    }
  }

  function showNow(iso) {
    const zone = current ? users[current].user.timeZone : undefined;
    const text = new Date(iso).toLocaleString('en-GB', { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' });
    $('clock-now').textContent = zone ? `${text} (${zone})` : text;
    $('clock-now').setAttribute('data-now', iso);
  }

  async function advance(duration) {
    $('clock-status').textContent = 'Moving the clock…';
    try {
      const res = await fetch('/playground/clock', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ advance: duration }),
      });
      const body = await res.json();
      if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
      showNow(body.now);
      $('clock-status').textContent = `Moved ${duration}; ${body.ran} message(s) sent.`;
    } catch (e) {
      $('clock-status').textContent = `Could not move the clock: ${e.message}`;
    }
    await Promise.all(Object.keys(users).map(poll));
  }

  // --- Start ---
  async function start() {
    config = await getJson('/playground/config');
    buildUsers();
    switchTo(config.users[0].key);
    await Promise.all(Object.keys(users).map(poll));
    // First visit: "install" the bot for everyone, as Teams does, so each chat starts with the
    // menu and the bot knows all three people (they can then be picked in forms).
    for (const u of config.users) {
      if (users[u.key].last === 0) {
        await post(u.key, { type: 'conversationUpdate', membersAdded: [config.bot], text: undefined });
      }
    }
    for (const key of Object.keys(users)) {
      users[key].unread = 0; // the greetings are not news
      updateBadge(key);
    }
    $('composer').addEventListener('submit', (event) => {
      event.preventDefault();
      const input = $('composer-text');
      const text = input.value.trim();
      if (!text) return;
      input.value = '';
      userLine(current, text, false);
      void post(current, { text });
    });
    for (const b of document.querySelectorAll('[data-advance]')) {
      b.addEventListener('click', () => advance(b.getAttribute('data-advance')));
    }
    await refreshClock();
    setInterval(() => {
      for (const key of Object.keys(users)) void poll(key);
    }, POLL_MS);
    document.body.setAttribute('data-ready', 'true');
  }

  start().catch((e) => {
    document.body.append(el('p', { class: 'msg system' }, `The playground could not start: ${e.message}`));
  });
})();
