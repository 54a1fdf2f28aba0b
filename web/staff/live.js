// Luotsi staff console: the live stream (GET /staff/api/events, server-sent events).
// It only says what changed (ids and codes); console.js re-reads through /staff/api.
// EventSource reconnects on its own after a drop; while it is down the console polls.
(function () {
  'use strict';

  var source = null;

  /**
   * Opens the stream. handlers: ready() once connected (and after each reconnect),
   * signal(object), down() when the stream dropped, expired() when the session ended.
   */
  function connect(handlers) {
    close();
    if (typeof window.EventSource !== 'function') {
      handlers.down();
      return;
    }
    var es = new window.EventSource('/staff/api/events', { withCredentials: true });
    source = es;
    var up = false;
    es.addEventListener('ready', function () {
      if (es !== source) return;
      up = true;
      handlers.ready();
    });
    es.addEventListener('signal', function (event) {
      if (es !== source) return;
      var data;
      try {
        data = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      if (data && typeof data.kind === 'string') handlers.signal(data);
    });
    es.addEventListener('expired', function () {
      if (es !== source) return;
      close();
      handlers.expired();
    });
    es.onerror = function () {
      if (es !== source) return;
      // A refused stream (401) is CLOSED for good: try again later, the poll finds out why.
      if (es.readyState === window.EventSource.CLOSED) {
        source = null;
        window.setTimeout(function () {
          if (source === null && !closedByUser) connect(handlers);
        }, 10000);
      }
      if (up || es.readyState === window.EventSource.CLOSED) {
        up = false;
        handlers.down();
      }
    };
    closedByUser = false;
  }

  var closedByUser = false;
  function close() {
    closedByUser = true;
    if (source) source.close();
    source = null;
  }

  window.LuotsiLive = { connect: connect, close: close };
})();
