// Citizen chat page: connects Bot Framework Web Chat to Luotsi's own Direct Line
// channel over WebSocket, keeps the conversation across reloads (this tab only),
// and keeps the page language and the bot's language in step.
(function () {
  'use strict';

  var SESSION_KEY = 'luotsi.session';
  var LOCALE_EVENT = 'luotsi.locale';
  var WEBCHAT_LOCALES = { fi: 'fi-FI', sv: 'sv-SE', en: 'en-US' };
  var DOMAIN = window.location.origin + '/v3/directline';

  var state = {
    locale: document.body.getAttribute('data-locale') || 'fi',
    directLine: null,
    store: null,
    strings: {},
  };

  function setStatus(text) {
    document.getElementById('status').textContent = text || '';
  }

  function loadSession() {
    try {
      var saved = JSON.parse(window.sessionStorage.getItem(SESSION_KEY) || 'null');
      if (saved && saved.token && saved.conversationId && saved.expiresAt > Date.now() + 60000) return saved;
    } catch (e) {
      /* unreadable: start afresh */
    }
    return null;
  }

  function saveSession(conversationId, token, expiresIn) {
    try {
      window.sessionStorage.setItem(
        SESSION_KEY,
        JSON.stringify({
          conversationId: conversationId,
          token: token,
          locale: state.locale,
          expiresAt: Date.now() + expiresIn * 1000,
        }),
      );
    } catch (e) {
      /* private mode: the conversation just won't survive a reload */
    }
  }

  function fetchJson(url, options) {
    return window.fetch(url, options).then(function (res) {
      if (!res.ok) throw new Error('HTTP ' + res.status);
      return res.json();
    });
  }

  function pageStrings(locale) {
    if (state.strings[locale]) return Promise.resolve(state.strings[locale]);
    return fetchJson('/i18n/page/' + locale).then(function (strings) {
      state.strings[locale] = strings;
      return strings;
    });
  }

  function applyPageLocale(locale) {
    state.locale = locale;
    document.documentElement.lang = locale;
    document.body.setAttribute('data-locale', locale);
    var buttons = document.querySelectorAll('#language-switch button');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute('aria-pressed', String(buttons[i].getAttribute('data-locale') === locale));
    }
    return pageStrings(locale).then(function (s) {
      document.title = s.title;
      document.getElementById('heading').textContent = s.heading;
      document.getElementById('tagline').textContent = s.tagline;
      document.getElementById('emergency').textContent = s.emergency;
      document.getElementById('chat-label').textContent = s.chatLabel;
      document.getElementById('language-switch').setAttribute('aria-label', s.languageLabel);
    });
  }

  function render() {
    window.WebChat.renderWebChat(
      {
        directLine: state.directLine,
        store: state.store,
        locale: WEBCHAT_LOCALES[state.locale],
        styleOptions: {
          hideUploadButton: true,
          suggestedActionLayout: 'flow',
          suggestedActionHeight: 44,
          suggestedActionBorderRadius: 8,
          bubbleBorderRadius: 8,
          bubbleFromUserBorderRadius: 8,
          bubbleMaxWidth: 640,
          sendBoxTextWrap: true,
          primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
          accent: '#0b4f8a',
        },
      },
      document.getElementById('webchat'),
    );
  }

  // The bot says when the client picked a language in the chat; follow it without echoing back.
  function onLocaleFromBot(locale) {
    if (!WEBCHAT_LOCALES[locale] || locale === state.locale) return;
    applyPageLocale(locale);
    render();
  }

  function switchLocale(locale) {
    if (!WEBCHAT_LOCALES[locale] || locale === state.locale) return;
    applyPageLocale(locale);
    render();
    state.store.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: LOCALE_EVENT, value: locale } });
  }

  function createStore() {
    return window.WebChat.createStore({}, function () {
      return function (next) {
        return function (action) {
          if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
            var activity = action.payload.activity;
            if (activity.type === 'event' && activity.name === LOCALE_EVENT && activity.from && activity.from.role === 'bot') {
              window.setTimeout(function () { onLocaleFromBot(activity.value); }, 0);
            }
          }
          return next(action);
        };
      };
    });
  }

  function connect() {
    var saved = loadSession();
    var ready = saved
      ? Promise.resolve(saved)
      : fetchJson(DOMAIN + '/tokens/generate', { method: 'POST' }).then(function (t) {
          return { token: t.token, conversationId: null, expiresIn: t.expires_in };
        });
    return ready.then(function (session) {
      var options = { domain: DOMAIN, token: session.token, webSocket: true };
      if (session.conversationId) options.conversationId = session.conversationId;
      else options.conversationStartProperties = { locale: WEBCHAT_LOCALES[state.locale] };
      state.directLine = window.WebChat.createDirectLine(options);
      state.store = createStore();
      state.directLine.connectionStatus$.subscribe(function (status) {
        // 2 = Online, 4 = FailedToConnect, 3 = ExpiredToken
        if (status === 2) {
          setStatus('');
          saveSession(state.directLine.conversationId, state.directLine.token, session.expiresIn || 3600);
        } else if (status === 3 || status === 4) {
          window.sessionStorage.removeItem(SESSION_KEY);
          pageStrings(state.locale).then(function (s) { setStatus(s.connectionFailed); });
        }
      });
      // directline refreshes the token on its own; keep the saved copy current for reloads.
      window.setInterval(function () {
        if (state.directLine.conversationId) saveSession(state.directLine.conversationId, state.directLine.token, 3600);
      }, 60000);
      render();
    });
  }

  function start() {
    var saved = loadSession();
    if (saved && WEBCHAT_LOCALES[saved.locale]) state.locale = saved.locale;
    var buttons = document.querySelectorAll('#language-switch button');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener('click', function (event) {
        switchLocale(event.currentTarget.getAttribute('data-locale'));
      });
    }
    applyPageLocale(state.locale)
      .then(connect)
      .catch(function () {
        pageStrings(state.locale).then(function (s) { setStatus(s.connectionFailed); }, function () {});
      });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
