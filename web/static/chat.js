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
    expiresIn: 3600,
    refresher: null,
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

  function saveSession() {
    var directLine = state.directLine;
    if (!directLine || !directLine.conversationId || !directLine.token) return;
    try {
      window.sessionStorage.setItem(
        SESSION_KEY,
        JSON.stringify({
          conversationId: directLine.conversationId,
          token: directLine.token,
          locale: state.locale,
          expiresIn: state.expiresIn,
          expiresAt: Date.now() + state.expiresIn * 1000,
        }),
      );
    } catch (e) {
      /* private mode: the conversation just won't survive a reload */
    }
  }

  function forgetSession() {
    try {
      window.sessionStorage.removeItem(SESSION_KEY);
    } catch (e) {
      /* nothing saved */
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

  // The bot's "Identify" button names this site's /identify/start (without PUBLIC_URL it cannot
  // know the host); Web Chat opens only absolute URLs, so it is resolved against the page here.
  function identifyAction() {
    return function (next) {
      return function (options) {
        var action = options.cardAction;
        if (action && action.type === 'openUrl' && typeof action.value === 'string' && action.value.indexOf('/identify/start?') === 0) {
          window.open(window.location.origin + action.value, '_blank', 'noopener');
          return;
        }
        return next(options);
      };
    };
  }

  function render() {
    window.WebChat.renderWebChat(
      {
        directLine: state.directLine,
        store: state.store,
        // Staff see "the client is typing" while they hold the case (the channel logs none of it).
        sendTypingIndicator: true,
        locale: WEBCHAT_LOCALES[state.locale],
        cardActionMiddleware: identifyAction,
        styleOptions: {
          // Photos only: on a phone the picker offers the camera. The server checks the bytes anyway.
          uploadAccept: 'image/*',
          uploadMultiple: true,
          // Web Chat would make its preview in a blob: worker, which the page's CSP refuses;
          // the echo from the server carries the cleaned thumbnail instead.
          enableUploadThumbnail: false,
          // A chosen photo goes at once: no second "send" press to forget.
          sendAttachmentOn: 'attach',
          suggestedActionLayout: 'flow',
          suggestedActionHeight: 44,
          suggestedActionBorderRadius: 8,
          bubbleBorderRadius: 8,
          bubbleFromUserBorderRadius: 8,
          bubbleMaxWidth: 640,
          sendBoxTextWrap: true,
          sendBoxHeight: 52,
          sendBoxButtonColor: '#0b4f8a',
          sendBoxBorderTop: 'solid 2px #c9d6e3',
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
    saveSession();
    render();
  }

  function switchLocale(locale) {
    if (!WEBCHAT_LOCALES[locale] || locale === state.locale) return;
    applyPageLocale(locale);
    // Not connected yet: the conversation will start in the chosen language.
    if (!state.store) return;
    saveSession();
    render();
    state.store.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: LOCALE_EVENT, value: locale } });
  }

  // "<name> is typing" while a member of staff writes (their activities come from `staff:<id>`);
  // their next message, or a few seconds of silence, takes it away. A replayed history puts the
  // message right after the typing, so an old indicator never stays.
  var TYPING_SHOWN_MS = 6000;
  var typingTimer = null;
  var typingSeq = 0;
  function onStaffActivity(activity) {
    var from = activity.from || {};
    if (typeof from.id !== 'string' || from.id.indexOf('staff:') !== 0) return;
    var line = document.getElementById('typing-line');
    if (!line) return;
    if (typingTimer) window.clearTimeout(typingTimer);
    typingTimer = null;
    var seq = ++typingSeq;
    if (activity.type !== 'typing' || !from.name) {
      line.textContent = '';
      return;
    }
    var name = String(from.name);
    pageStrings(state.locale).then(
      function (s) {
        if (seq !== typingSeq) return;
        line.textContent = (s.staffTyping || '').replace('{{name}}', name);
        typingTimer = window.setTimeout(function () {
          line.textContent = '';
          typingTimer = null;
        }, TYPING_SHOWN_MS);
      },
      function () {},
    );
  }

  function createStore() {
    return window.WebChat.createStore({}, function () {
      return function (next) {
        return function (action) {
          if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
            var activity = action.payload.activity;
            onStaffActivity(activity);
            if (activity.type === 'event' && activity.name === LOCALE_EVENT && activity.from && activity.from.role === 'bot') {
              window.setTimeout(function () {
                onLocaleFromBot(activity.value);
              }, 0);
            }
          }
          return next(action);
        };
      };
    });
  }

  // Resumes this tab's conversation if there is one; if it cannot be resumed (token
  // expired, conversation gone) starts a fresh one once instead of leaving a dead chat.
  function connect(allowResume) {
    var saved = allowResume ? loadSession() : null;
    var ready = saved
      ? Promise.resolve(saved)
      : fetchJson(DOMAIN + '/tokens/generate', { method: 'POST' }).then(function (t) {
          return { token: t.token, conversationId: null, expiresIn: t.expires_in };
        });
    return ready.then(function (session) {
      var options = { domain: DOMAIN, token: session.token, webSocket: true };
      if (session.conversationId) options.conversationId = session.conversationId;
      else options.conversationStartProperties = { locale: WEBCHAT_LOCALES[state.locale] };
      if (session.expiresIn > 0) state.expiresIn = session.expiresIn;
      var directLine = window.WebChat.createDirectLine(options);
      var online = false;
      state.directLine = directLine;
      state.store = createStore();
      directLine.connectionStatus$.subscribe(function (status) {
        if (directLine !== state.directLine) return;
        // 2 = Online, 3 = ExpiredToken, 4 = FailedToConnect
        if (status === 2) {
          online = true;
          setStatus('');
          saveSession();
        } else if (status === 3 || status === 4) {
          forgetSession();
          if (saved && !online) {
            saved = null;
            directLine.end();
            connect(false).catch(showFailure);
          } else {
            showFailure();
          }
        }
      });
      // directline refreshes the token on its own; keep the saved copy current for reloads.
      if (state.refresher) window.clearInterval(state.refresher);
      state.refresher = window.setInterval(saveSession, 60000);
      render();
    });
  }

  function showFailure() {
    pageStrings(state.locale).then(
      function (s) {
        setStatus(s.connectionFailed);
      },
      function () {},
    );
  }

  // The identification window (web/static/identified.js) reports back over a BroadcastChannel of
  // this site; the bot then takes the result and the conversation goes on, nothing typed again.
  function listenForIdentification() {
    if (typeof window.BroadcastChannel !== 'function') return;
    var channel = new window.BroadcastChannel('luotsi.identification');
    channel.onmessage = function () {
      if (state.store) state.store.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'luotsi.identification', value: {} } });
    };
  }

  function start() {
    listenForIdentification();
    var saved = loadSession();
    if (saved && WEBCHAT_LOCALES[saved.locale]) state.locale = saved.locale;
    var buttons = document.querySelectorAll('#language-switch button');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener('click', function (event) {
        switchLocale(event.currentTarget.getAttribute('data-locale'));
      });
    }
    applyPageLocale(state.locale)
      .then(function () {
        return connect(true);
      })
      .catch(showFailure);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
