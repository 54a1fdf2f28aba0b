// Luotsi staff console. No framework; talks to /staff/api on the same origin.
// Every piece of client-provided text goes into the page with textContent / createElement:
// never innerHTML, never HTML strings.
(function () {
  'use strict';

  var POLL_MS = 5000;
  var lang = document.documentElement.lang || 'fi';
  var L = { console: {} };
  var csrf = null;
  var me = null;
  var overview = [];
  var selectedQueue = null;
  var openCaseId = null;
  var openCaseStamp = null;
  var pollTimer = null;

  var $ = function (id) {
    return document.getElementById(id);
  };

  function t(key, params) {
    var text = (L.console && L.console[key]) || key;
    if (params) {
      text = text.replace(/\{\{(\w+)\}\}/g, function (_m, name) {
        return params[name] === undefined ? '' : String(params[name]);
      });
    }
    return text;
  }
  function label(section, code) {
    if (code === null || code === undefined) return t('notRated');
    var group = L[section] || {};
    return group[String(code)] || String(code);
  }
  function topicLabel(code) {
    if (code === null || code === undefined || code === '') return t('noTopic');
    return label('topic', code);
  }
  function queueName(id) {
    var q = (L.queues || []).filter(function (x) {
      return x.id === id;
    })[0];
    return q ? q.name : id;
  }

  // Bidi controls and zero-width characters would reorder or hide parts of a client's text (a
  // phone number shown backwards): every one is shown as its code point instead, e.g. [U+202E].
  var INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
  function visible(text) {
    return String(text).replace(INVISIBLE, function (c) {
      return '[U+' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0') + ']';
    });
  }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = visible(text);
    if (cls) node.className = cls;
    return node;
  }
  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function formatTime(iso) {
    if (!iso) return '';
    try {
      return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang + '-FI', {
        timeZone: 'Europe/Helsinki',
        day: 'numeric',
        month: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      }).format(new Date(iso));
    } catch (e) {
      return iso;
    }
  }
  function formatDay(isoDate) {
    var parts = String(isoDate).split('-');
    return parts.length === 3 ? Number(parts[2]) + '.' + Number(parts[1]) + '.' + parts[0] : String(isoDate);
  }
  function formatWait(ms) {
    return t('minutes', { count: Math.floor((ms || 0) / 60000) });
  }

  function say(text) {
    $('status').textContent = text;
  }

  // ------------------------------------------------------------------ API

  function ApiError(status, code) {
    this.status = status;
    this.code = code;
  }

  function api(method, path, body) {
    var headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
    return fetch(path, {
      method: method,
      headers: headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(
      function (res) {
        return res
          .json()
          .catch(function () {
            return {};
          })
          .then(function (json) {
            if (!res.ok) throw new ApiError(res.status, json && json.error ? json.error.code : undefined);
            return json;
          });
      },
      function () {
        throw new ApiError(0, 'Network');
      },
    );
  }

  function errorText(err) {
    if (!(err instanceof ApiError)) return t('errorGeneric');
    switch (err.status) {
      case 0:
        return t('errorNetwork');
      case 400:
        return t('errorInvalid');
      case 401:
        return t('sessionExpired');
      case 403:
        return t('errorForbidden');
      case 404:
        return t('errorNotFound');
      case 409:
        return t('errorConflict');
      case 429:
        return t('errorRateLimited');
      default:
        return t('errorGeneric');
    }
  }

  function failed(err) {
    if (err instanceof ApiError && err.status === 401) {
      showLogin(t('sessionExpired'));
      return;
    }
    say(errorText(err));
  }

  // ------------------------------------------------------------------ views

  function showLogin(message) {
    if (window.LuotsiAdmin) window.LuotsiAdmin.stop();
    stopLive();
    stopPolling();
    csrf = null;
    me = null;
    openCaseId = null;
    openCaseStamp = null;
    reportsLoadedFor = null;
    $('console-view').hidden = true;
    $('user-bar').hidden = true;
    $('login-view').hidden = false;
    $('login-error').textContent = message || '';
    $('login-username').focus();
  }

  function showConsole() {
    $('login-view').hidden = true;
    $('console-view').hidden = false;
    $('user-bar').hidden = false;
    $('user-name').textContent = t('loggedInAs', { name: me.displayName, role: label('role', me.role) });
    startNotices();
    if (window.LuotsiAdmin) window.LuotsiAdmin.stop();
    if (me.role === 'admin' && window.LuotsiAdmin) window.LuotsiAdmin.start(me);
    refresh().then(function () {
      startLive();
    });
  }

  function startPolling() {
    stopPolling();
    pollTimer = setInterval(function () {
      refresh().catch(function () {});
    }, POLL_MS);
  }
  function stopPolling() {
    if (pollTimer) clearInterval(pollTimer);
    pollTimer = null;
  }

  // ------------------------------------------------------------------ overview and list

  function refresh() {
    // One re-read at a time: signals that arrive meanwhile ask for one more afterwards.
    if (refreshing) {
      refreshAgain = true;
      return refreshing;
    }
    refreshing = readAll().then(function () {
      refreshing = null;
      if (refreshAgain) {
        refreshAgain = false;
        return refresh();
      }
      return null;
    });
    return refreshing;
  }

  function readAll() {
    return api('GET', '/staff/api/queues')
      .then(function (data) {
        overview = data.queues || [];
        renderToCheck(data.catalogToCheck || []);
        if (
          !selectedQueue ||
          !overview.some(function (q) {
            return q.queueId === selectedQueue;
          })
        ) {
          selectedQueue = overview.length ? overview[0].queueId : null;
        }
        renderOverview();
        if (!selectedQueue) return null;
        if (reportsLoadedFor === null) {
          fillReportQueues();
          loadReports(false);
        }
        return Promise.all([
          api('GET', '/staff/api/cases?queue=' + encodeURIComponent(selectedQueue)),
          // Cases this staff member holds are no longer in the waiting list: watch them too.
          api('GET', '/staff/api/my-cases'),
          api('GET', '/staff/api/cases?queue=' + encodeURIComponent(selectedQueue) + '&status=abandoned'),
        ]).then(function (lists) {
          var waiting = lists[0].cases || [];
          var mine = lists[1].cases || [];
          waitingCases = waiting;
          heldCases = mine;
          renderCases(
            mine.concat(
              waiting.filter(function (c) {
                return !mine.some(function (m) {
                  return m.id === c.id;
                });
              }),
            ),
          );
          renderAbandoned(lists[2].cases || []);
          var current = waiting.concat(mine).filter(function (c) {
            return c.id === openCaseId;
          })[0];
          // Re-read the open case (an audited view) only when it changed: client activity or status,
          // or a signal named it (a case taken by someone else leaves both lists).
          if (current && stampOf(current) !== openCaseStamp) return loadCase(openCaseId, false);
          if (!current && openCaseId && openCaseStamp === null) return loadCase(openCaseId, false);
          return null;
        });
      })
      .catch(failed);
  }

  var refreshing = null;
  var refreshAgain = false;
  /** The selected queue's waiting cases, most urgent first (the API's order), and the cases this user holds. */
  var waitingCases = [];
  var heldCases = [];

  function stampOf(c) {
    return [c.status, c.queueId, c.lastClientActivityAt, c.claimedBy].join('|');
  }

  function renderOverview() {
    var rows = $('queue-rows');
    clear(rows);
    overview.forEach(function (q) {
      var tr = el('tr');
      var th = el('th');
      th.scope = 'row';
      var button = el('button', q.name && q.name[lang] ? q.name[lang] : queueName(q.queueId), 'link-button');
      button.type = 'button';
      button.setAttribute('aria-pressed', String(q.queueId === selectedQueue));
      button.setAttribute('aria-label', t('showQueue', { queue: q.name && q.name[lang] ? q.name[lang] : queueName(q.queueId) }));
      button.addEventListener('click', function () {
        selectedQueue = q.queueId;
        refresh();
      });
      th.appendChild(button);
      tr.appendChild(th);
      tr.appendChild(el('td', q.open ? t('open') : t('closed')));
      tr.appendChild(el('td', q.waiting));
      tr.appendChild(el('td', formatWait(q.longestWaitMs)));
      var by = q.byUrgency || {};
      tr.appendChild(
        el(
          'td',
          Object.keys(by)
            .map(function (u) {
              return label('urgency', u) + ': ' + by[u];
            })
            .join(', '),
        ),
      );
      tr.appendChild(el('td', q.staffOnline));
      rows.appendChild(tr);
    });
    $('cases-heading').textContent = selectedQueue ? t('casesOf', { queue: queueName(selectedQueue) }) : t('casesHeading');
  }

  // Catalog entries the county should re-check (old or marked facts), named in the staff member's language.
  function renderToCheck(entries) {
    var list = $('to-check-list');
    clear(list);
    $('to-check').hidden = entries.length === 0;
    entries.forEach(function (entry) {
      var why = entry.reasons
        .map(function (r) {
          return r === 'stale' ? t('toCheckStale', { date: formatDay(entry.verified) }) : t('toCheckMarked');
        })
        .join('; ');
      list.appendChild(el('li', (entry.name && entry.name[lang] ? entry.name[lang] : entry.id) + ' – ' + why));
    });
  }

  function renderCases(cases) {
    $('cases-empty').hidden = cases.length > 0;
    renderCaseItems($('case-list'), cases);
  }

  function renderAbandoned(cases) {
    $('abandoned-empty').hidden = cases.length > 0;
    renderCaseItems($('abandoned-list'), cases);
  }

  function renderCaseItems(list, cases) {
    clear(list);
    cases.forEach(function (c) {
      var li = el('li');
      var button = el('button', null, 'case-item');
      button.type = 'button';
      button.dataset.caseId = c.id;
      if (c.id === openCaseId) button.setAttribute('aria-current', 'true');
      button.appendChild(el('span', label('urgency', c.urgency), 'urgency urgency-' + c.urgency));
      button.appendChild(el('span', topicLabel(c.topic), 'topic'));
      button.appendChild(el('span', label('status', c.status), 'case-status'));
      if (c.identified && L.identity) button.appendChild(el('span', L.identity.identified, 'identified'));
      button.appendChild(
        el('span', c.waitingMs !== null ? t('waitedFor', { time: formatWait(c.waitingMs) }) : t('arrived', { time: formatTime(c.createdAt) }), 'wait'),
      );
      button.addEventListener('click', function () {
        loadCase(c.id, true);
      });
      li.appendChild(button);
      list.appendChild(li);
    });
  }

  // ------------------------------------------------------------------ reports

  var URGENCY_ORDER = ['emergency', 'urgent', 'non_urgent', 'self_care'];
  var reportsLoadedFor = null;

  // Reports cover all of the user's queues, or the one the filter names.
  var lastAccuracy = null;
  var lastFeedback = [];

  function fillReportQueues() {
    var mine = overview.map(function (q) {
      return [q.queueId, queueName(q.queueId)];
    });
    fillSelect($('report-queue'), mine, '', t('reportAllQueues'));
  }

  function reportQueueLabel() {
    var chosen = $('report-queue').value;
    if (chosen) return queueName(chosen);
    var all = overview.map(function (q) {
      return queueName(q.queueId);
    });
    return all.length ? all.join(', ') : '–';
  }

  function loadReports(announce) {
    var chosen = $('report-queue').value;
    var q = chosen ? '?queue=' + encodeURIComponent(chosen) : '';
    return Promise.all([api('GET', '/staff/api/reports/accuracy' + q), api('GET', '/staff/api/reports/feedback' + q)])
      .then(function (r) {
        reportsLoadedFor = chosen;
        lastAccuracy = r[0].report || {};
        lastFeedback = r[1].feedback || [];
        renderAccuracy(lastAccuracy);
        renderFeedback(lastFeedback);
        if (announce) say(t('reportsUpdated'));
      })
      .catch(failed);
  }

  // CSV in the staff member's language; a cell that a spreadsheet would run as a formula is quoted as text.
  function csvCell(value) {
    var text = String(value === null || value === undefined ? '' : value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",;\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  function download(name, type, content) {
    var blob = new Blob([content], { type: type });
    var link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    setTimeout(function () {
      URL.revokeObjectURL(link.href);
    }, 1000);
  }
  function csv(rows) {
    // A byte order mark so spreadsheet programs read ä and ö right.
    return (
      '\ufeff' +
      rows
        .map(function (r) {
          return r.map(csvCell).join(',');
        })
        .join('\r\n') +
      '\r\n'
    );
  }
  function reportFileSuffix() {
    return $('report-queue').value || 'all';
  }

  function accuracyCsv() {
    var matrix = (lastAccuracy && lastAccuracy.matrix) || {};
    var rows = [
      [t('accuracyCorner')].concat(
        URGENCY_ORDER.map(function (u) {
          return label('urgency', u);
        }),
      ),
    ];
    URGENCY_ORDER.forEach(function (bot) {
      rows.push(
        [label('urgency', bot)].concat(
          URGENCY_ORDER.map(function (st) {
            return (matrix[bot] && matrix[bot][st]) || 0;
          }),
        ),
      );
    });
    download('luotsi-accuracy-' + reportFileSuffix() + '.csv', 'text/csv;charset=utf-8', csv(rows));
  }
  function feedbackCsv() {
    var rows = [
      [t('feedbackQueue'), t('feedbackTopic'), t('feedbackCount'), t('helpedYes'), t('helpedPartly'), t('helpedNo'), t('averageScore'), t('commentsCount')],
    ];
    lastFeedback.forEach(function (f) {
      var helped = f.helped || {};
      rows.push([
        queueName(f.queueId),
        topicLabel(f.topic),
        f.count,
        helped.yes || 0,
        helped.partly || 0,
        helped.no || 0,
        (Number(f.averageScore) || 0).toFixed(1),
        f.comments || 0,
      ]);
    });
    download('luotsi-feedback-' + reportFileSuffix() + '.csv', 'text/csv;charset=utf-8', csv(rows));
  }

  function renderAccuracy(report) {
    $('accuracy-caption').textContent = t('accuracyCaption', { queue: reportQueueLabel() });
    var totals = $('accuracy-totals');
    clear(totals);
    addDetail(totals, t('accuracyTotal'), String(report.total || 0));
    addDetail(totals, t('accuracyAgreed'), String(report.agreed || 0));
    addDetail(totals, t('accuracyUnderTriaged'), String(report.underTriaged || 0));
    addDetail(totals, t('accuracyOverTriaged'), String(report.overTriaged || 0));
    var head = $('accuracy-head');
    clear(head);
    var corner = el('th', t('accuracyCorner'));
    corner.scope = 'col';
    head.appendChild(corner);
    URGENCY_ORDER.forEach(function (u) {
      var th = el('th', label('urgency', u));
      th.scope = 'col';
      head.appendChild(th);
    });
    var rows = $('accuracy-rows');
    clear(rows);
    var matrix = report.matrix || {};
    URGENCY_ORDER.forEach(function (bot) {
      var tr = el('tr');
      var th = el('th', label('urgency', bot));
      th.scope = 'row';
      tr.appendChild(th);
      URGENCY_ORDER.forEach(function (staff) {
        var td = el('td', String((matrix[bot] && matrix[bot][staff]) || 0));
        td.dataset.bot = bot;
        td.dataset.staff = staff;
        tr.appendChild(td);
      });
      rows.appendChild(tr);
    });
  }

  function renderFeedback(rows) {
    $('feedback-caption').textContent = t('feedbackCaption', { queue: reportQueueLabel() });
    $('feedback-empty').hidden = rows.length > 0;
    $('feedback-table').hidden = rows.length === 0;
    var body = $('feedback-rows');
    clear(body);
    rows.forEach(function (f) {
      var tr = el('tr');
      var th = el('th', queueName(f.queueId));
      th.scope = 'row';
      tr.appendChild(th);
      tr.appendChild(el('td', topicLabel(f.topic)));
      tr.appendChild(el('td', String(f.count)));
      var helped = f.helped || {};
      tr.appendChild(el('td', String(helped.yes || 0)));
      tr.appendChild(el('td', String(helped.partly || 0)));
      tr.appendChild(el('td', String(helped.no || 0)));
      var avg = Number(f.averageScore) || 0;
      tr.appendChild(el('td', avg.toLocaleString(lang === 'en' ? 'en-GB' : lang + '-FI', { minimumFractionDigits: 1, maximumFractionDigits: 1 })));
      tr.appendChild(el('td', String(f.comments || 0)));
      body.appendChild(tr);
    });
  }

  // ------------------------------------------------------------------ case view

  function loadCase(id, focus) {
    return api('GET', '/staff/api/cases/' + encodeURIComponent(id) + '?lang=' + encodeURIComponent(lang))
      .then(function (data) {
        openCaseId = id;
        openCaseStamp = stampOf(data.case);
        renderCase(data);
        // web/staff/identity.js adds the verified identity part of the case.
        document.dispatchEvent(
          new CustomEvent('luotsi:case-rendered', { detail: { case: data.case, csrf: csrf, mine: !!(me && data.case.claimedBy === me.staffId) } }),
        );
        Array.prototype.forEach.call(document.querySelectorAll('#case-list .case-item'), function (b) {
          if (b.dataset.caseId === id) b.setAttribute('aria-current', 'true');
          else b.removeAttribute('aria-current');
        });
        if (focus) $('case-heading').focus();
      })
      .catch(failed);
  }

  function addDetail(dl, term, value) {
    dl.appendChild(el('dt', term));
    dl.appendChild(el('dd', value === null || value === undefined || value === '' ? '–' : value));
  }

  function renderCase(data) {
    var c = data.case;
    if (typingCaseId !== c.id) hideClientTyping();
    if ($('case-heading').dataset.caseId !== c.id) $('delete-confirm').hidden = true;
    $('case-heading').dataset.caseId = c.id;
    $('case-none').hidden = true;
    $('case-body').hidden = false;
    $('case-heading').textContent = t('caseHeading') + ': ' + label('urgency', c.urgency) + ' – ' + queueName(c.queueId);

    var d = $('case-details');
    clear(d);
    addDetail(d, t('queue'), queueName(c.queueId));
    addDetail(d, t('status'), label('status', c.status));
    addDetail(d, t('botUrgency'), label('urgency', c.urgency));
    addDetail(d, t('botSegment'), c.segment === null ? t('notRated') : label('segment', c.segment));
    addDetail(d, t('topic'), c.topic ? topicLabel(c.topic) : null);
    var s = c.subject || null;
    addDetail(d, t('subject'), s ? label('subjectKind', s.kind) : null);
    if (s && s.ageBand) addDetail(d, t('childAge'), label('ageBand', s.ageBand));
    if (s && s.relationship) addDetail(d, t('relationship'), label('relationshipKind', s.relationship));
    if (s && s.consent) addDetail(d, t('consent'), label('consentKind', s.consent));
    addDetail(d, t('language'), label('languageName', c.locale));
    addDetail(d, t('channel'), c.channel);
    addDetail(d, t('arrivalLabel'), formatTime(c.createdAt));
    if (c.claimedBy) addDetail(d, t('claimedBy'), me && c.claimedBy === me.staffId ? t('claimedByYou') : c.claimedBy);
    if (c.outcome) addDetail(d, t('outcome'), label('outcome', c.outcome));
    if (c.contactRequest) {
      addDetail(d, t('contactRequest'), c.contactRequest.message);
      addDetail(d, t('contactReachBy'), c.contactRequest.reachBy);
    }

    var a = $('case-answers');
    clear(a);
    // The answers in the staff member's language, as the client was asked (server-rendered text).
    var lines = data.answerLines || [];
    // A <dd> alone is no valid list: the empty case says so in a paragraph of its own.
    $('case-no-answers').hidden = lines.length > 0;
    a.hidden = !lines.length;
    lines.forEach(function (line) {
      addDetail(a, line.question, line.answer);
    });

    var p = $('case-photos');
    clear(p);
    var photos = data.photos || [];
    if (!photos.length) p.appendChild(el('p', t('noPhotos')));
    photos.forEach(function (photo, i) {
      var link = el('a');
      link.href = photo.imageUrl;
      link.target = '_blank';
      link.rel = 'noopener';
      var img = el('img');
      img.src = photo.thumbnailUrl;
      img.alt = t('photoAlt', { number: i + 1 });
      img.loading = 'lazy';
      link.appendChild(img);
      p.appendChild(link);
    });
    if (data.photosUnavailable > 0) p.appendChild(el('p', t('photosUnavailable', { count: data.photosUnavailable })));

    var m = $('case-messages');
    clear(m);
    var messages = data.messages || [];
    if (!messages.length) m.appendChild(el('li', t('noMessages')));
    messages.forEach(function (msg) {
      var li = el('li', null, 'message from-' + msg.from + (msg.internal ? ' internal' : ''));
      var who = msg.internal ? t('internalNote') : msg.from === 'client' ? t('fromClient') : msg.from === 'staff' ? t('fromStaff') : t('fromSystem');
      var meta = el('p', who + ' · ' + formatTime(msg.createdAt), 'meta');
      var body = el('p', msg.text, 'text');
      li.appendChild(meta);
      li.appendChild(body);
      m.appendChild(li);
    });

    var mine = !!me && c.claimedBy === me.staffId && c.status === 'claimed';
    if (mine) showReadyReplies(c);
    var open = c.status !== 'closed';
    $('claim').hidden = !(c.status === 'waiting' || c.status === 'contact_request');
    $('message-form').hidden = !mine;
    $('close-form').hidden = !mine;
    $('release-form').hidden = !mine;
    $('transfer-form').hidden = !open;
    $('note-form').hidden = false;

    fillSelect(
      $('close-urgency'),
      (L.urgency ? Object.keys(L.urgency) : []).map(function (u) {
        return [u, label('urgency', u)];
      }),
      c.urgency,
      false,
    );
    fillSelect(
      $('close-segment'),
      ['1', '2', '3', '4'].map(function (s2) {
        return [s2, label('segment', s2)];
      }),
      c.segment === null ? '' : String(c.segment),
      t('notRated'),
    );
    fillSelect(
      $('transfer-queue'),
      (L.queues || [])
        .filter(function (q) {
          return q.id !== c.queueId;
        })
        .map(function (q) {
          return [q.id, q.name];
        }),
      null,
      t('choose'),
    );
  }

  function fillSelect(select, options, value, emptyLabel) {
    var previous = select.dataset.caseId === openCaseId ? select.value : null;
    clear(select);
    if (emptyLabel) {
      var empty = el('option', emptyLabel);
      empty.value = '';
      select.appendChild(empty);
    }
    options.forEach(function (o) {
      var opt = el('option', o[1]);
      opt.value = o[0];
      select.appendChild(opt);
    });
    select.value = previous !== null ? previous : value === null ? '' : value;
    select.dataset.caseId = openCaseId;
  }

  function caseAction(path, body, done) {
    if (!openCaseId) return Promise.resolve();
    var id = openCaseId;
    return api('POST', '/staff/api/cases/' + encodeURIComponent(id) + '/' + path, body)
      .then(function (res) {
        say(typeof done === 'function' ? done(res) : done);
        openCaseStamp = null;
        return loadCase(id, false).then(refresh);
      })
      .catch(failed);
  }

  function onSubmit(formId, handler) {
    $(formId).addEventListener('submit', function (event) {
      event.preventDefault();
      handler();
    });
  }

  function required(field) {
    var value = field.value.trim();
    if (!value) {
      say(t('errorInvalid'));
      field.focus();
      return null;
    }
    return value;
  }

  // ------------------------------------------------------------------ live updates, notices, keyboard
  // The stream (live.js) says what changed; the console re-reads it through the API. While the
  // stream is down the console polls and says so. A slow safety re-read runs even when live,
  // for changes no signal names (a client erasing their data).

  var SAFETY_REFRESH_MS = 60000;
  var TYPING_SHOWN_MS = 6000;
  var STAFF_TYPING_EVERY_MS = 2500;
  var safetyTimer = null;
  var live = false;
  var wasDown = false;
  var signalTimer = null;
  var typingTimer = null;
  var typingCaseId = null;
  var lastStaffTyping = 0;

  function startLive() {
    if (!window.LuotsiLive) {
      startPolling();
      return;
    }
    window.LuotsiLive.connect({
      ready: function () {
        live = true;
        document.body.setAttribute('data-live', 'on');
        stopPolling();
        $('live-status').hidden = true;
        $('live-status').textContent = '';
        if (wasDown) say(t('liveBack'));
        wasDown = false;
        refresh();
      },
      signal: onSignal,
      down: function () {
        if (!me) return;
        live = false;
        wasDown = true;
        document.body.setAttribute('data-live', 'polling');
        // How often the stream dropped in this page (read by the browser tests).
        document.body.setAttribute('data-live-drops', String(Number(document.body.getAttribute('data-live-drops') || '0') + 1));
        $('live-status').textContent = t('liveDown');
        $('live-status').hidden = false;
        if (!pollTimer) startPolling();
      },
      expired: function () {
        showLogin(t('sessionExpired'));
      },
    });
    if (safetyTimer) clearInterval(safetyTimer);
    safetyTimer = setInterval(function () {
      if (live) refresh();
    }, SAFETY_REFRESH_MS);
  }

  function stopLive() {
    live = false;
    wasDown = false;
    if (window.LuotsiLive) window.LuotsiLive.close();
    if (safetyTimer) clearInterval(safetyTimer);
    safetyTimer = null;
    $('live-status').hidden = true;
    hideClientTyping();
  }

  function onSignal(signal) {
    if (signal.kind === 'typing') {
      if (signal.caseId === openCaseId) showClientTyping(signal.caseId);
      return;
    }
    if (signal.kind === 'case' && signal.change === 'new' && signal.urgency === 'urgent' && window.LuotsiNotice) {
      window.LuotsiNotice.notify(t('noticeUrgentCase', { queue: queueName(signal.queueId) }));
    }
    if (
      signal.kind === 'case' &&
      signal.change === 'message' &&
      window.LuotsiNotice &&
      heldCases.some(function (c) {
        return c.id === signal.caseId;
      })
    ) {
      if (signal.caseId === openCaseId) hideClientTyping();
      // A message from the client only: the signal of a staff message carries no queue.
      if (signal.queueId) window.LuotsiNotice.notify(t('noticeMessage'));
    }
    // A message changes nothing in the lists: only the console with that case open re-reads
    // (with 50 consoles, 49 list re-reads per message would be most of the service's work).
    if (signal.kind === 'case' && signal.change === 'message' && signal.caseId !== openCaseId) return;
    // The open case changed (a claim elsewhere, a staff message): read it again on the re-read.
    if ((signal.kind === 'case' && signal.caseId === openCaseId) || signal.kind === 'resync') openCaseStamp = null;
    // Signals come in bursts (a claim changes a case and a queue): one re-read for them all.
    if (signalTimer) return;
    signalTimer = setTimeout(function () {
      signalTimer = null;
      refresh();
    }, 50);
  }

  function showClientTyping(caseId) {
    typingCaseId = caseId;
    $('client-typing').textContent = t('clientTyping');
    if (typingTimer) clearTimeout(typingTimer);
    typingTimer = setTimeout(hideClientTyping, TYPING_SHOWN_MS);
  }
  function hideClientTyping() {
    if (typingTimer) clearTimeout(typingTimer);
    typingTimer = null;
    typingCaseId = null;
    var line = $('client-typing');
    if (line) line.textContent = '';
  }

  // The client sees "<name> is typing" while the nurse writes to them (at most every 2.5 s).
  function staffTyping() {
    var id = openCaseId;
    if (!id || $('message-form').hidden) return;
    var at = performance.now();
    if (at - lastStaffTyping < STAFF_TYPING_EVERY_MS) return;
    lastStaffTyping = at;
    api('POST', '/staff/api/cases/' + encodeURIComponent(id) + '/typing', {}).catch(function () {});
  }

  // What admin.js (the admin view, a file of its own) uses of the console.
  window.LuotsiConsole = {
    api: api,
    t: t,
    label: label,
    el: el,
    clear: clear,
    say: say,
    failed: failed,
    errorText: errorText,
    formatTime: formatTime,
    queueName: queueName,
    queues: function () {
      return L.queues || [];
    },
    roles: function () {
      return Object.keys(L.role || {});
    },
  };

  function startNotices() {
    var N = window.LuotsiNotice;
    if (!N) {
      $('work-settings').hidden = true;
      return;
    }
    var settings = N.load(me.staffId);
    N.setTitle(document.title, t('titleUnseen'));
    $('notice-title').checked = settings.title;
    $('notice-sound').checked = settings.sound;
    showDesktopState();
  }

  function showDesktopState() {
    var N = window.LuotsiNotice;
    var state = N.desktopState();
    $('notice-allow').hidden = state !== 'default';
    $('notice-desktop').disabled = state !== 'granted';
    $('notice-desktop').checked = state === 'granted' && N.get().desktop;
    $('notice-desktop-state').textContent =
      state === 'granted' ? t('noticeGranted') : state === 'denied' ? t('noticeDenied') : state === 'unsupported' ? t('noticeUnsupported') : '';
  }

  function wireNotices() {
    var N = window.LuotsiNotice;
    if (!N) return;
    $('notice-title').addEventListener('change', function () {
      N.set('title', this.checked);
    });
    $('notice-sound').addEventListener('change', function () {
      N.set('sound', this.checked);
    });
    $('notice-desktop').addEventListener('change', function () {
      N.set('desktop', this.checked);
    });
    // The permission is asked for only here, by the nurse's own press.
    $('notice-allow').addEventListener('click', function () {
      N.askDesktop().then(showDesktopState, showDesktopState);
    });
  }

  /** The case buttons of the list in order, and the index of the open one. */
  function listButtons() {
    return Array.prototype.slice.call(document.querySelectorAll('#case-list .case-item'));
  }

  function takeNext() {
    var next = waitingCases.filter(function (c) {
      return c.status === 'waiting' || c.status === 'contact_request';
    })[0];
    if (!next) {
      say(t('noneWaiting'));
      return;
    }
    api('POST', '/staff/api/cases/' + encodeURIComponent(next.id) + '/claim', {})
      .then(function () {
        say(t('claimed'));
        openCaseStamp = null;
        return loadCase(next.id, true).then(refresh);
      })
      .catch(failed);
  }

  function moveInList(step) {
    var buttons = listButtons();
    if (!buttons.length) return;
    var at = -1;
    buttons.forEach(function (b, i) {
      if (b.dataset.caseId === openCaseId) at = i;
    });
    var to = at < 0 ? (step > 0 ? 0 : buttons.length - 1) : Math.min(buttons.length - 1, Math.max(0, at + step));
    buttons[to].focus();
    loadCase(buttons[to].dataset.caseId, false);
  }

  function typingInField(target) {
    var tag = target && target.tagName;
    return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (target && target.isContentEditable);
  }

  function wireKeys() {
    document.addEventListener('keydown', function (event) {
      if (!me || $('console-view').hidden) return;
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && event.target === $('message-text')) {
        event.preventDefault();
        $('message-form').requestSubmit();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || typingInField(event.target)) return;
      var key = event.key.toLowerCase();
      if (key === 'n') {
        event.preventDefault();
        takeNext();
      } else if (key === 'j') {
        event.preventDefault();
        moveInList(1);
      } else if (key === 'k') {
        event.preventDefault();
        moveInList(-1);
      }
    });
    $('message-text').addEventListener('input', staffTyping);
  }

  // ------------------------------------------------------------------ export and delete
  // What the API already allows for the data subject's requests, as buttons: the export is the
  // API's JSON downloaded as a file; the deletion asks once more on the page first.

  function exportCase() {
    if (!openCaseId) return;
    var id = openCaseId;
    api('GET', '/staff/api/cases/' + encodeURIComponent(id) + '/export')
      .then(function (data) {
        download('luotsi-case-' + id + '.json', 'application/json', JSON.stringify(data, null, 2));
        say(t('exported'));
      })
      .catch(failed);
  }

  function deleteCase() {
    if (!openCaseId) return;
    var id = openCaseId;
    api('DELETE', '/staff/api/cases/' + encodeURIComponent(id))
      .then(function () {
        $('delete-confirm').hidden = true;
        openCaseId = null;
        openCaseStamp = null;
        $('case-body').hidden = true;
        $('case-none').hidden = false;
        say(t('deleted'));
        return refresh();
      })
      .catch(failed);
  }

  // ------------------------------------------------------------------ ready replies
  // Per queue, titles in the staff member's language, texts inserted in the client's; nothing
  // is filled in (never the client's name): the nurse reads and completes the text.

  var repliesByQueue = {};
  var replyLocale = 'fi';

  function showReadyReplies(c) {
    replyLocale = c.locale || 'fi';
    $('ready-reply-hint').textContent = t('readyReplyHint', { language: label('languageName', replyLocale) });
    var fill = function (replies) {
      var select = $('ready-reply');
      var previous = select.dataset.queueId === c.queueId ? select.value : '';
      clear(select);
      var empty = el('option', t('choose'));
      empty.value = '';
      select.appendChild(empty);
      replies.forEach(function (r) {
        var opt = el('option', r.title[lang] || r.title.fi);
        opt.value = r.id;
        select.appendChild(opt);
      });
      select.value = previous;
      select.dataset.queueId = c.queueId;
      $('reply-field').hidden = replies.length === 0;
    };
    if (repliesByQueue[c.queueId]) {
      fill(repliesByQueue[c.queueId]);
      return;
    }
    api('GET', '/staff/api/replies?queue=' + encodeURIComponent(c.queueId))
      .then(function (data) {
        repliesByQueue[c.queueId] = data.replies || [];
        fill(repliesByQueue[c.queueId]);
      })
      .catch(failed);
  }

  function insertReadyReply() {
    var select = $('ready-reply');
    var replies = repliesByQueue[select.dataset.queueId] || [];
    var reply = replies.filter(function (r) {
      return r.id === select.value;
    })[0];
    if (!reply) {
      say(t('errorInvalid'));
      select.focus();
      return;
    }
    var box = $('message-text');
    var text = reply.text[replyLocale] || reply.text.fi;
    var start = box.selectionStart === null ? box.value.length : box.selectionStart;
    var end = box.selectionEnd === null ? start : box.selectionEnd;
    box.value = box.value.slice(0, start) + text + box.value.slice(end);
    box.focus();
    box.selectionStart = box.selectionEnd = start + text.length;
    say(t('readyReplyInserted'));
  }

  // ------------------------------------------------------------------ wiring

  function wire() {
    $('insert-reply').addEventListener('click', insertReadyReply);
    wireNotices();
    wireKeys();
    onSubmit('login-form', function () {
      var username = $('login-username').value.trim();
      var password = $('login-password').value;
      if (!username || !password) {
        $('login-error').textContent = t('loginMissing');
        return;
      }
      $('login-error').textContent = '';
      say(t('loggingIn'));
      api('POST', '/staff/api/login', { username: username, password: password })
        .then(function (data) {
          $('login-password').value = '';
          csrf = data.csrfToken;
          me = data.identity;
          say('');
          showConsole();
        })
        .catch(function (err) {
          say('');
          $('login-password').value = '';
          $('login-error').textContent = err.status === 401 ? t('loginFailed') : err.status === 429 ? t('loginRateLimited') : errorText(err);
          $('login-password').focus();
        });
    });

    $('logout').addEventListener('click', function () {
      api('POST', '/staff/api/logout', {})
        .catch(function () {})
        .then(function () {
          showLogin('');
          say(t('loggedOut'));
        });
    });

    $('claim').addEventListener('click', function () {
      caseAction('claim', {}, t('claimed'));
    });
    $('reports-refresh').addEventListener('click', function () {
      loadReports(true);
    });
    $('report-queue').addEventListener('change', function () {
      loadReports(true);
    });
    $('accuracy-csv').addEventListener('click', accuracyCsv);
    $('feedback-csv').addEventListener('click', feedbackCsv);
    $('export-case').addEventListener('click', exportCase);
    $('delete-case').addEventListener('click', function () {
      $('delete-confirm').hidden = false;
      $('delete-cancel').focus();
    });
    $('delete-cancel').addEventListener('click', function () {
      $('delete-confirm').hidden = true;
      $('delete-case').focus();
    });
    $('delete-confirmed').addEventListener('click', deleteCase);

    onSubmit('message-form', function () {
      var text = required($('message-text'));
      if (text === null) return;
      caseAction('messages', { text: text }, function (res) {
        $('message-text').value = '';
        return res.relayed === false ? t('messageNotRelayed') : t('messageSent');
      });
    });
    onSubmit('note-form', function () {
      var text = required($('note-text'));
      if (text === null) return;
      caseAction('notes', { text: text }, function () {
        $('note-text').value = '';
        return t('noteSaved');
      });
    });
    onSubmit('release-form', function () {
      var note = required($('release-note'));
      if (note === null) return;
      caseAction('release', { note: note }, function () {
        $('release-note').value = '';
        return t('released');
      });
    });
    onSubmit('transfer-form', function () {
      var queueId = $('transfer-queue').value;
      if (!queueId) {
        say(t('errorInvalid'));
        $('transfer-queue').focus();
        return;
      }
      var note = required($('transfer-note'));
      if (note === null) return;
      caseAction('transfer', { queueId: queueId, note: note }, function () {
        $('transfer-note').value = '';
        return t('transferred');
      });
    });
    onSubmit('close-form', function () {
      var outcome = $('close-outcome').value;
      if (!outcome) {
        say(t('errorInvalid'));
        $('close-outcome').focus();
        return;
      }
      var body = { outcome: outcome, staffUrgency: $('close-urgency').value };
      var segment = $('close-segment').value;
      if (segment) body.staffSegment = Number(segment);
      caseAction('close', body, t('closedDone')).then(function () {
        return loadReports(false);
      });
    });

    $('copy-summary').addEventListener('click', function () {
      if (!openCaseId) return;
      api('GET', '/staff/api/cases/' + encodeURIComponent(openCaseId) + '/summary?lang=' + encodeURIComponent(lang))
        .then(function (data) {
          var area = $('summary-text');
          area.value = data.text;
          $('summary-field').hidden = false;
          var copied =
            navigator.clipboard && navigator.clipboard.writeText
              ? navigator.clipboard.writeText(data.text).then(
                  function () {
                    return true;
                  },
                  function () {
                    return false;
                  },
                )
              : Promise.resolve(false);
          return copied.then(function (ok) {
            say(ok ? t('summaryCopied') : t('summaryReady'));
            if (!ok) {
              area.focus();
              area.select();
            }
          });
        })
        .catch(failed);
    });

    Array.prototype.forEach.call(document.querySelectorAll('#language-switch a'), function (a) {
      if (a.dataset.locale === lang) a.setAttribute('aria-current', 'true');
    });
  }

  function start() {
    wire();
    fetch('/staff/i18n/' + encodeURIComponent(lang), { credentials: 'same-origin' })
      .then(function (r) {
        return r.json();
      })
      .then(function (json) {
        L = json;
        fillSelect(
          $('close-outcome'),
          Object.keys(L.outcome || {}).map(function (o) {
            return [o, label('outcome', o)];
          }),
          '',
          t('choose'),
        );
        return api('GET', '/staff/api/me');
      })
      .then(function (data) {
        csrf = data.csrfToken;
        me = data.identity;
        showConsole();
      })
      .catch(function (err) {
        if (err instanceof ApiError && err.status === 401) showLogin('');
        else {
          showLogin('');
          say(errorText(err));
        }
      });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
