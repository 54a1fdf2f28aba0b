// Luotsi staff console: noticing what matters (a new urgent case, a client's message in a held
// case) while the nurse looks elsewhere: a count in the tab title, an optional sound and an
// optional desktop notification. Each is switched per user and remembered in localStorage;
// desktop notifications are asked for only by a button press, never on page load.
(function () {
  'use strict';

  var DEFAULTS = { title: true, sound: false, desktop: false };
  var settings = { title: true, sound: false, desktop: false };
  var storageKey = null;
  var baseTitle = document.title;
  var unseen = 0;
  var titleFormat = '({{count}}) {{title}}';
  var audio = null;

  function load(userId) {
    storageKey = 'luotsi.notice.' + userId;
    settings = { title: DEFAULTS.title, sound: DEFAULTS.sound, desktop: DEFAULTS.desktop };
    try {
      var saved = JSON.parse(window.localStorage.getItem(storageKey) || '{}');
      ['title', 'sound', 'desktop'].forEach(function (k) {
        if (typeof saved[k] === 'boolean') settings[k] = saved[k];
      });
    } catch (e) {
      /* private mode or a broken value: defaults */
    }
    return settings;
  }

  function set(name, on) {
    settings[name] = !!on;
    if (storageKey) {
      try {
        window.localStorage.setItem(storageKey, JSON.stringify(settings));
      } catch (e) {
        /* not remembered */
      }
    }
    if (name === 'title' && !on) clearTitle();
  }

  function get() {
    return { title: settings.title, sound: settings.sound, desktop: settings.desktop };
  }

  function setTitle(base, format) {
    baseTitle = base;
    if (format) titleFormat = format;
    renderTitle();
  }

  function renderTitle() {
    document.title = settings.title && unseen > 0 ? titleFormat.replace('{{count}}', String(unseen)).replace('{{title}}', baseTitle) : baseTitle;
  }

  function clearTitle() {
    unseen = 0;
    renderTitle();
  }

  // A short two-tone chime made in the page: no file to load, nothing for the CSP to allow.
  function chime() {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) return;
    try {
      audio = audio || new Ctx();
      [880, 660].forEach(function (freq, i) {
        var osc = audio.createOscillator();
        var gain = audio.createGain();
        osc.frequency.value = freq;
        gain.gain.value = 0.15;
        osc.connect(gain);
        gain.connect(audio.destination);
        var at = audio.currentTime + i * 0.18;
        osc.start(at);
        osc.stop(at + 0.15);
      });
    } catch (e) {
      /* no sound then */
    }
  }

  function desktopState() {
    if (typeof window.Notification !== 'function') return 'unsupported';
    return window.Notification.permission;
  }

  /** Asks for desktop notifications (call from a button press only); resolves with the permission. */
  function askDesktop() {
    if (typeof window.Notification !== 'function') return Promise.resolve('unsupported');
    var asked = window.Notification.requestPermission();
    return (asked && typeof asked.then === 'function' ? asked : Promise.resolve(window.Notification.permission)).then(function (p) {
      if (p === 'granted') set('desktop', true);
      return p;
    });
  }

  /** Tells the nurse: the text names the kind of event only, never a client's words. */
  function notify(text) {
    var looking = document.visibilityState === 'visible' && document.hasFocus();
    if (!looking) {
      unseen += 1;
      renderTitle();
    }
    if (settings.sound) chime();
    if (settings.desktop && !looking && desktopState() === 'granted') {
      try {
        new window.Notification(baseTitle, { body: text, tag: 'luotsi' });
      } catch (e) {
        /* not shown */
      }
    }
  }

  function onBack() {
    if (document.visibilityState === 'visible') clearTitle();
  }
  document.addEventListener('visibilitychange', onBack);
  window.addEventListener('focus', clearTitle);

  window.LuotsiNotice = {
    load: load,
    set: set,
    get: get,
    setTitle: setTitle,
    clearTitle: clearTitle,
    notify: notify,
    askDesktop: askDesktop,
    desktopState: desktopState,
    unseen: function () {
      return unseen;
    },
  };
})();
