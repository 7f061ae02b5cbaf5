/*
 * demo-multiplexer signup widget. Drop into any page:
 *
 *   <link rel="stylesheet" href="https://demo.example.com/demo-widget.css">
 *   <div data-demo-multiplexer data-api-base="https://demo.example.com"></div>
 *   <script src="https://demo.example.com/demo-widget.js" defer></script>
 *
 * data-api-base defaults to the page's own origin. A page on another origin must be listed in the
 * service's CORS_ALLOWED_ORIGINS. No build step, no dependencies.
 */
(function () {
  'use strict';

  var EXTEND_MINUTES = 30;

  function Widget(root) {
    this.root = root;
    this.api = (root.getAttribute('data-api-base') || window.location.origin).replace(/\/$/, '');
    this.storageKey = 'demo-multiplexer:' + this.api;
    this.stream = null;
    this.retryTimer = null;
    root.classList.add('dmx');
    root.setAttribute('data-dmx-widget', '');
    root.innerHTML =
      '<h2 tabindex="-1" data-dmx="heading">Try PrestaShop</h2>' +
      '<p role="status" aria-live="polite" data-dmx="status"></p>' +
      '<div data-dmx="body"></div>';
    this.heading = root.querySelector('[data-dmx="heading"]');
    this.status = root.querySelector('[data-dmx="status"]');
    this.body = root.querySelector('[data-dmx="body"]');
    var saved = this.load();
    if (saved) {
      this.resume(saved);
    } else {
      this.showStart();
    }
  }

  Widget.prototype.load = function () {
    try {
      return JSON.parse(window.sessionStorage.getItem(this.storageKey));
    } catch (e) {
      return null;
    }
  };

  Widget.prototype.save = function (demo) {
    try {
      window.sessionStorage.setItem(this.storageKey, JSON.stringify(demo));
    } catch (e) { /* private mode: the demo just won't survive a reload */ }
  };

  Widget.prototype.forget = function () {
    try {
      window.sessionStorage.removeItem(this.storageKey);
    } catch (e) { /* nothing stored */ }
  };

  Widget.prototype.say = function (text) {
    this.status.textContent = text || '';
  };

  Widget.prototype.render = function (title, html) {
    this.heading.textContent = title;
    this.body.innerHTML = html;
    this.heading.focus();
  };

  Widget.prototype.showStart = function (message) {
    this.stop();
    this.render('Try PrestaShop',
      '<p>Get your own PrestaShop store with its back office, ready in an instant.</p>' +
      '<button type="button" class="dmx-primary" data-dmx="start">Start your PrestaShop demo</button>');
    this.say(message || '');
    this.on('start', this.start.bind(this));
  };

  Widget.prototype.start = function () {
    var self = this;
    var button = this.body.querySelector('[data-dmx="start"]');
    if (button) {
      button.disabled = true;
    }
    this.say('Starting your demo…');
    this.request('POST', '/api/v1/demo/acquire').then(function (response) {
      if (response.status === 201) {
        var demo = response.body;
        self.save(demo);
        self.showDemo(demo);
      } else if (response.status === 503) {
        self.showWaiting('All demo shops are taken right now; a new one is on its way.',
          response.retryAfter, true);
      } else if (response.status === 429) {
        self.showWaiting((response.body && response.body.detail) || 'Too many demos from your network.',
          response.retryAfter, false);
      } else {
        self.showStart(problemText(response, 'The demo could not be started.'));
      }
    }, function () {
      self.showStart('The demo service cannot be reached. Check your connection and try again.');
    });
  };

  Widget.prototype.resume = function (saved) {
    var self = this;
    this.say('Reconnecting to your demo…');
    var later = function () {
      // The service or the network is away, not the demo: keep it and look again shortly.
      self.showDemo(saved);
      self.connected(false);
    };
    this.request('GET', '/api/v1/demo/' + saved.id, saved.token).then(function (response) {
      if (response.status === 200 && response.body.state === 'assigned') {
        var demo = Object.assign({}, response.body, { token: saved.token });
        self.save(demo);
        self.showDemo(demo);
      } else if (response.status === 200 || response.status === 404 || response.status === 401) {
        self.forget();
        self.showEnded((response.body && response.body.state) || 'expired');
      } else {
        window.setTimeout(later, 3000);
      }
    }, function () {
      window.setTimeout(later, 3000);
    });
  };

  Widget.prototype.showWaiting = function (text, seconds, retry) {
    var self = this;
    this.stop();
    var left = Math.max(1, seconds || 10);
    this.render(retry ? 'Almost there' : 'Please wait',
      '<p class="dmx-notice" data-dmx="waiting">' + escapeHtml(text) + '</p>' +
      '<p>' + (retry ? 'Trying again in ' : 'You can try again in ') +
      '<strong data-dmx="retry-in">' + left + '</strong> s.</p>' +
      '<button type="button" data-dmx="start" ' + (retry ? '' : 'disabled') + '>Try now</button>');
    this.say('');
    this.on('start', this.start.bind(this));
    this.retryTimer = window.setInterval(function () {
      left -= 1;
      var counter = self.body.querySelector('[data-dmx="retry-in"]');
      if (counter) {
        counter.textContent = Math.max(0, left);
      }
      if (left <= 0) {
        window.clearInterval(self.retryTimer);
        self.retryTimer = null;
        if (retry) {
          self.start();
        } else {
          self.showStart();
        }
      }
    }, 1000);
  };

  Widget.prototype.showDemo = function (demo) {
    var self = this;
    this.stop();
    this.demo = demo;
    this.render('Your demo is ready',
      '<p class="dmx-notice dmx-ok">Your store is live. It closes when the countdown ends.</p>' +
      '<p><span class="dmx-countdown" data-dmx="countdown" aria-label="Time left">' +
      formatDuration(secondsUntil(demo.expiresAt)) + '</span> left</p>' +
      '<dl>' +
      '<dt>Your store</dt><dd><a data-dmx="shop" target="_blank" rel="noopener" href="' + escapeHtml(demo.url) + '">' +
      escapeHtml(demo.url) + '</a></dd>' +
      '<dt>Back office</dt><dd><a data-dmx="admin" target="_blank" rel="noopener" href="' + escapeHtml(demo.adminUrl) + '">' +
      escapeHtml(demo.adminUrl) + '</a></dd>' +
      '<dt>E-mail</dt><dd><code data-dmx="email">' + escapeHtml(demo.adminEmail) + '</code>' +
      '<button type="button" class="dmx-copy" data-dmx="copy-email" aria-label="Copy the e-mail">Copy</button></dd>' +
      '<dt>Password</dt><dd><code data-dmx="password">' + escapeHtml(demo.adminPassword) + '</code>' +
      '<button type="button" class="dmx-copy" data-dmx="copy-password" aria-label="Copy the password">Copy</button></dd>' +
      '</dl>' +
      '<p class="dmx-notice" data-dmx="connection" hidden>Connection lost — reconnecting…</p>' +
      '<div class="dmx-actions">' +
      '<button type="button" data-dmx="extend">Add ' + EXTEND_MINUTES + ' minutes</button>' +
      '<button type="button" data-dmx="end">End demo</button>' +
      '</div>');
    this.say('');
    this.on('copy-email', function () { self.copy(demo.adminEmail, 'E-mail copied.'); });
    this.on('copy-password', function () { self.copy(demo.adminPassword, 'Password copied.'); });
    this.on('extend', this.extend.bind(this));
    this.on('end', this.end.bind(this));
    this.follow(demo);
  };

  /* The countdown comes from the server (one event a second), so every tab agrees with it. */
  Widget.prototype.follow = function (demo) {
    var self = this;
    var url = this.api + '/api/v1/demo/' + demo.id + '/status?token=' + encodeURIComponent(demo.token);
    var stream = new EventSource(url);
    this.stream = stream;
    var update = function (event) {
      var data = JSON.parse(event.data);
      self.demo.expiresAt = data.expiresAt;
      self.save(self.demo);
      var countdown = self.body.querySelector('[data-dmx="countdown"]');
      if (countdown) {
        countdown.textContent = formatDuration(data.remainingSeconds);
      }
      self.connected(true);
    };
    stream.addEventListener('tick', update);
    stream.addEventListener('extended', function (event) {
      update(event);
      self.say('Your demo now lasts until ' + new Date(JSON.parse(event.data).expiresAt).toLocaleTimeString() + '.');
    });
    ['expired', 'released', 'failed'].forEach(function (state) {
      stream.addEventListener(state, function () {
        self.forget();
        self.showEnded(state);
      });
    });
    stream.onopen = function () { self.connected(true); };
    stream.onerror = function () {
      if (stream.readyState === EventSource.CLOSED) {
        // The server refused the stream: the demo is gone, or the network is. Ask which.
        self.stream = null;
        self.resume(self.demo);
      } else {
        self.connected(false);
      }
    };
  };

  Widget.prototype.connected = function (yes) {
    var notice = this.body.querySelector('[data-dmx="connection"]');
    if (notice) {
      notice.hidden = yes;
    }
  };

  Widget.prototype.extend = function () {
    var self = this;
    this.request('POST', '/api/v1/demo/' + this.demo.id + '/extend', this.demo.token,
      { minutes: EXTEND_MINUTES }).then(function (response) {
      if (response.status === 200) {
        self.demo.expiresAt = response.body.expiresAt;
        self.save(self.demo);
        self.say('Added ' + EXTEND_MINUTES + ' minutes.');
      } else if (response.status === 422 && response.body && response.body.maxMinutes > 0) {
        var minutes = response.body.maxMinutes;
        self.request('POST', '/api/v1/demo/' + self.demo.id + '/extend', self.demo.token, { minutes: minutes })
          .then(function () { self.say('Added ' + minutes + ' minutes: that is the longest a demo can last.'); });
      } else {
        self.say(problemText(response, 'The demo could not be extended.'));
      }
    }, function () {
      self.say('The demo service cannot be reached right now.');
    });
  };

  Widget.prototype.end = function () {
    var self = this;
    this.request('DELETE', '/api/v1/demo/' + this.demo.id, this.demo.token).then(function () {
      self.forget();
      self.showEnded('released');
    }, function () {
      self.say('The demo service cannot be reached right now.');
    });
  };

  Widget.prototype.showEnded = function (state) {
    this.stop();
    var text = {
      released: 'You ended your demo. Thanks for trying PrestaShop!',
      expired: 'Your demo time is over. Thanks for trying PrestaShop!',
      failed: 'Your demo shop stopped unexpectedly. Sorry about that — start a new one below.'
    }[state] || 'This demo has ended.';
    this.render('This demo has ended',
      '<p data-dmx="ended" data-dmx-state="' + escapeHtml(state) + '">' + escapeHtml(text) + '</p>' +
      '<button type="button" class="dmx-primary" data-dmx="start">Start a new demo</button>');
    this.say(text);
    this.on('start', this.start.bind(this));
  };

  Widget.prototype.stop = function () {
    if (this.stream) {
      this.stream.close();
      this.stream = null;
    }
    if (this.retryTimer) {
      window.clearInterval(this.retryTimer);
      this.retryTimer = null;
    }
  };

  Widget.prototype.copy = function (text, done) {
    var self = this;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { self.say(done); }, function () { self.say(text); });
    } else {
      self.say('Select and copy: ' + text);
    }
  };

  Widget.prototype.on = function (role, handler) {
    var element = this.body.querySelector('[data-dmx="' + role + '"]');
    if (element) {
      element.addEventListener('click', handler);
    }
  };

  Widget.prototype.request = function (method, path, token, body) {
    var headers = { 'Accept': 'application/json' };
    if (token) {
      headers.Authorization = 'Bearer ' + token;
    }
    if (body) {
      headers['Content-Type'] = 'application/json';
    }
    return fetch(this.api + path, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined })
      .then(function (response) {
        return response.text().then(function (text) {
          var parsed = null;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch (e) { /* not JSON */ }
          return {
            status: response.status,
            body: parsed,
            retryAfter: parseInt(response.headers.get('Retry-After'), 10)
          };
        });
      });
  };

  function problemText(response, fallback) {
    return (response.body && response.body.detail) || fallback;
  }

  function secondsUntil(instant) {
    return Math.max(0, Math.round((new Date(instant).getTime() - Date.now()) / 1000));
  }

  function formatDuration(totalSeconds) {
    var s = Math.max(0, totalSeconds | 0);
    var hours = Math.floor(s / 3600);
    var minutes = Math.floor((s % 3600) / 60);
    var seconds = s % 60;
    var mm = (hours > 0 && minutes < 10 ? '0' : '') + minutes;
    return (hours > 0 ? hours + ':' : '') + mm + ':' + (seconds < 10 ? '0' : '') + seconds;
  }

  function escapeHtml(value) {
    return String(value == null ? '' : value).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function init() {
    var roots = document.querySelectorAll('[data-demo-multiplexer]:not([data-dmx-widget])');
    for (var i = 0; i < roots.length; i++) {
      new Widget(roots[i]);
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
