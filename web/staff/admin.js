// Luotsi staff console: the admin view (accounts and the admin audit log), shown only to the
// admin role; the server refuses everyone else (403) whatever the page does. Helpers come from
// console.js (window.LuotsiConsole). Text from the server goes in with textContent only.
(function () {
  'use strict';

  var C = null;
  var me = null;
  var accounts = [];
  var $ = function (id) {
    return document.getElementById(id);
  };

  function adminError(err) {
    var code = err && err.code;
    if (code === 'DuplicateUsername') return C.t('errorDuplicateUsername');
    if (code === 'WeakPassword') return C.t('errorWeakPassword');
    if (code === 'InvalidStaffAccount' || code === 'MissingField') return C.t('errorInvalidAccount');
    if (code === 'SelfLockout') return C.t('errorSelfLockout');
    return C.errorText(err);
  }
  function failed(err) {
    if (err && err.status === 401) {
      C.failed(err);
      return;
    }
    C.say(adminError(err));
  }

  function queueChecks(container, prefix, checked) {
    Array.prototype.slice.call(container.querySelectorAll('.check')).forEach(function (n) {
      n.parentNode.removeChild(n);
    });
    C.queues().forEach(function (q) {
      var row = C.el('div', null, 'check');
      var box = document.createElement('input');
      box.type = 'checkbox';
      box.id = prefix + q.id;
      box.value = q.id;
      box.checked = checked.indexOf(q.id) >= 0;
      var lab = C.el('label', q.name);
      lab.htmlFor = box.id;
      row.appendChild(box);
      row.appendChild(lab);
      container.appendChild(row);
    });
  }
  function checkedQueues(container) {
    return Array.prototype.slice
      .call(container.querySelectorAll('input[type=checkbox]'))
      .filter(function (b) {
        return b.checked;
      })
      .map(function (b) {
        return b.value;
      });
  }

  function usernameOf(id) {
    var a = accounts.filter(function (x) {
      return x.id === id;
    })[0];
    return a ? a.username : id;
  }

  function load() {
    return Promise.all([C.api('GET', '/staff/api/admin/accounts'), C.api('GET', '/staff/api/admin/audit')])
      .then(function (r) {
        accounts = r[0].accounts || [];
        renderAccounts();
        renderAudit(r[1].entries || []);
      })
      .catch(failed);
  }

  function renderAccounts() {
    var rows = $('account-rows');
    C.clear(rows);
    accounts.forEach(function (a) {
      var tr = C.el('tr');
      var th = C.el('th', a.username);
      th.scope = 'row';
      tr.appendChild(th);
      tr.appendChild(C.el('td', a.displayName));
      tr.appendChild(C.el('td', C.label('role', a.role)));
      tr.appendChild(C.el('td', a.queues.map(C.queueName).join(', ')));
      tr.appendChild(C.el('td', a.disabled ? C.t('accountDisabled') : C.t('accountActive')));
      var td = C.el('td');
      var button = C.el('button', a.disabled ? C.t('accountEnable') : C.t('accountDisable'), 'link-button');
      button.type = 'button';
      button.setAttribute('aria-label', C.t(a.disabled ? 'accountEnableLabel' : 'accountDisableLabel', { username: a.username }));
      button.addEventListener('click', function () {
        setDisabled(a, !a.disabled);
      });
      if (me && a.id === me.staffId) button.disabled = true;
      td.appendChild(button);
      tr.appendChild(td);
      rows.appendChild(tr);
    });
    var select = $('edit-account');
    var previous = select.value;
    C.clear(select);
    accounts.forEach(function (a) {
      var opt = C.el('option', a.username + ' – ' + a.displayName);
      opt.value = a.id;
      select.appendChild(opt);
    });
    if (
      previous &&
      accounts.some(function (a) {
        return a.id === previous;
      })
    )
      select.value = previous;
    showEdit();
  }

  function showEdit() {
    var a = accounts.filter(function (x) {
      return x.id === $('edit-account').value;
    })[0];
    queueChecks($('edit-queues'), 'edit-queue-', a ? a.queues : []);
  }

  function renderAudit(entries) {
    var rows = $('admin-audit-rows');
    C.clear(rows);
    $('admin-audit-empty').hidden = entries.length > 0;
    entries.forEach(function (e) {
      var tr = C.el('tr');
      tr.appendChild(C.el('td', C.formatTime(e.at)));
      tr.appendChild(C.el('td', usernameOf(e.actorId)));
      tr.appendChild(C.el('td', C.label('adminAction', e.action)));
      tr.appendChild(C.el('td', usernameOf(e.targetId)));
      var detail = [];
      if (e.role) detail.push(C.label('role', e.role));
      if (e.queues) detail.push(e.queues.map(C.queueName).join(', '));
      tr.appendChild(C.el('td', detail.join(' · ')));
      rows.appendChild(tr);
    });
  }

  function setDisabled(account, disabled) {
    C.api('POST', '/staff/api/admin/accounts/' + encodeURIComponent(account.id) + '/disabled', { disabled: disabled })
      .then(function () {
        C.say(disabled ? C.t('accountDisabledDone') : C.t('accountEnabledDone'));
        return load();
      })
      .catch(failed);
  }

  function wire() {
    $('account-create-form').addEventListener('submit', function (event) {
      event.preventDefault();
      var body = {
        username: $('new-username').value.trim(),
        displayName: $('new-display-name').value.trim(),
        role: $('new-role').value,
        queues: checkedQueues($('new-queues')),
        password: $('new-password').value,
      };
      C.api('POST', '/staff/api/admin/accounts', body)
        .then(function (res) {
          $('new-password').value = '';
          $('new-username').value = '';
          $('new-display-name').value = '';
          queueChecks($('new-queues'), 'new-queue-', []);
          C.say(C.t('accountCreated', { username: res.account.username }));
          return load();
        })
        .catch(function (err) {
          $('new-password').value = '';
          failed(err);
        });
    });
    $('edit-account').addEventListener('change', showEdit);
    $('save-queues').addEventListener('click', function () {
      var id = $('edit-account').value;
      if (!id) return;
      C.api('POST', '/staff/api/admin/accounts/' + encodeURIComponent(id) + '/queues', { queues: checkedQueues($('edit-queues')) })
        .then(function () {
          C.say(C.t('accountQueuesSaved'));
          return load();
        })
        .catch(failed);
    });
    $('reset-password').addEventListener('click', function () {
      var id = $('edit-account').value;
      var password = $('edit-password').value;
      if (!id || !password) {
        C.say(C.t('errorWeakPassword'));
        $('edit-password').focus();
        return;
      }
      C.api('POST', '/staff/api/admin/accounts/' + encodeURIComponent(id) + '/password', { password: password })
        .then(function () {
          $('edit-password').value = '';
          C.say(C.t('accountPasswordReset'));
          return load();
        })
        .catch(function (err) {
          $('edit-password').value = '';
          failed(err);
        });
    });
  }

  /** Shows the admin view for `identity` (an admin) and loads it. */
  function start(identity) {
    C = window.LuotsiConsole;
    me = identity;
    if (!C) return;
    // The view exists in the page only while an administrator is logged in.
    var section = $('admin');
    stop();
    section.appendChild(document.importNode($('admin-template').content, true));
    wire();
    var role = $('new-role');
    C.clear(role);
    C.roles().forEach(function (r) {
      var opt = C.el('option', C.label('role', r));
      opt.value = r;
      role.appendChild(opt);
    });
    queueChecks($('new-queues'), 'new-queue-', []);
    $('admin').hidden = false;
    load();
  }

  /** Removes the admin view (logout, or a user without the role). */
  function stop() {
    var section = $('admin');
    while (section.firstChild) section.removeChild(section.firstChild);
    section.hidden = true;
    accounts = [];
  }

  window.LuotsiAdmin = { start: start, stop: stop };
})();
