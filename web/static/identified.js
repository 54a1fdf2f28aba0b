// The identification window's last page: tells the chat (in another window or tab of this
// site) that identification ended, so it continues without anything typed, and offers to close.
(function () {
  'use strict';
  var main = document.querySelector('[data-identification]');
  var outcome = main ? main.getAttribute('data-identification') : 'failed';
  try {
    var channel = new BroadcastChannel('luotsi.identification');
    channel.postMessage({ outcome: outcome });
    channel.close();
  } catch (e) {
    // No BroadcastChannel: the chat picks the result up with the client's next message.
  }
  var close = document.getElementById('identify-close');
  if (close)
    close.addEventListener('click', function () {
      window.close();
    });
})();
