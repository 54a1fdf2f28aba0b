// Luotsi staff console: the verified identity of a case (issue 18), kept apart from console.js.
// console.js announces each rendered case with a `luotsi:case-rendered` event; this part shows
// "identified" / "not identified", the identity only when clicked (each view is audited by the
// server), and "ask to identify" in a live chat the staff member holds. textContent only.
(function () {
  'use strict';

  var lang = document.documentElement.lang || 'fi';
  var S = null;
  var strings = fetch('/staff/i18n/' + encodeURIComponent(lang), { credentials: 'same-origin' })
    .then(function (res) {
      return res.json();
    })
    .then(function (json) {
      S = json.identity || {};
      return S;
    });

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  function panel() {
    var existing = document.getElementById('case-identity');
    if (existing) return existing;
    var section = el('div', null, 'identity');
    section.id = 'case-identity';
    var details = document.getElementById('case-details');
    details.parentNode.insertBefore(section, details.nextSibling);
    return section;
  }

  function showIdentity(box, identity) {
    while (box.firstChild) box.removeChild(box.firstChild);
    var dl = el('dl', null, 'details');
    var add = function (term, value) {
      dl.appendChild(el('dt', term));
      dl.appendChild(el('dd', value));
    };
    add(S.name, identity.givenName + ' ' + identity.familyName);
    add(S.code, identity.identityCode);
    add(S.assurance, identity.assurance);
    box.appendChild(dl);
    if (identity.provider === 'test') box.appendChild(el('p', S.testProvider, 'identity-test'));
    box.appendChild(el('p', identity.matterOf === 'other' ? S.matterOther : S.matterSelf));
  }

  function render(detail) {
    var c = detail.case;
    var section = panel();
    while (section.firstChild) section.removeChild(section.firstChild);
    section.appendChild(el('p', c.identified ? S.identified : S.notIdentified, c.identified ? 'identified' : 'not-identified'));
    var status = el('p', '', 'identity-status');
    status.setAttribute('role', 'status');
    if (c.identified) {
      var box = el('div');
      box.id = 'case-identity-details';
      box.hidden = true;
      var show = el('button', S.show);
      show.type = 'button';
      show.id = 'show-identity';
      show.setAttribute('aria-expanded', 'false');
      show.addEventListener('click', function () {
        if (!box.hidden) {
          box.hidden = true;
          while (box.firstChild) box.removeChild(box.firstChild);
          show.textContent = S.show;
          show.setAttribute('aria-expanded', 'false');
          return;
        }
        fetch('/staff/api/cases/' + encodeURIComponent(c.id) + '/identity', { credentials: 'same-origin' })
          .then(function (res) {
            if (!res.ok) throw new Error(String(res.status));
            return res.json();
          })
          .then(function (data) {
            showIdentity(box, data.identity);
            box.hidden = false;
            show.textContent = S.hide;
            show.setAttribute('aria-expanded', 'true');
          })
          .catch(function () {
            status.textContent = S.failed;
          });
      });
      section.appendChild(show);
      section.appendChild(el('p', S.audited, 'hint'));
      section.appendChild(box);
    } else if (c.status === 'claimed' && detail.mine) {
      var ask = el('button', S.ask);
      ask.type = 'button';
      ask.id = 'ask-identify';
      ask.addEventListener('click', function () {
        fetch('/staff/api/cases/' + encodeURIComponent(c.id) + '/identify-request', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': detail.csrf || '' },
          body: '{}',
        })
          .then(function (res) {
            if (!res.ok) throw new Error(String(res.status));
            status.textContent = S.asked;
          })
          .catch(function () {
            status.textContent = S.failed;
          });
      });
      section.appendChild(ask);
    }
    section.appendChild(status);
  }

  document.addEventListener('luotsi:case-rendered', function (event) {
    var detail = event.detail;
    strings.then(
      function () {
        render(detail);
      },
      function () {},
    );
  });
})();
