// app.js is the dashboard's one script. Selecting a dot on a pair's
// tension chart (click, Enter or Space) lists that day's events, read from
// /api/v1/events. Every page reads and paints without it.
(function () {
  'use strict';
  var chart = document.getElementById('tension');
  if (!chart) {
    return;
  }
  var list = document.getElementById('day-list');
  var note = document.getElementById('day-note');
  var pair = chart.getAttribute('data-pair');
  var weekly = chart.getAttribute('data-interval') === 'week';
  var pending = null;

  function addDays(day, n) {
    var d = new Date(day + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) {
      e.className = cls;
    }
    if (text) {
      e.textContent = text;
    }
    return e;
  }

  function render(day, to, body) {
    var events = body.events || [];
    list.textContent = '';
    var span = to === day ? day : day + ' to ' + to;
    note.textContent = events.length + (events.length === 1 ? ' event on ' : ' events on ') + span +
      (body.next ? ' (the first ' + events.length + ')' : '') + '.';
    events.forEach(function (e) {
      var li = el('li', 'ev q' + e.quad);
      var meta = el('div', 'meta');
      var time = el('time', null, e.date);
      time.setAttribute('datetime', e.date);
      meta.appendChild(time);
      meta.appendChild(document.createTextNode(' ' + e.source.code + ' → ' + e.target.code + ' '));
      var a = el('a', null, e.code + (e.trigger && e.trigger.text ? ' “' + e.trigger.text + '”' : ''));
      a.href = '/events/' + encodeURIComponent(e.id);
      meta.appendChild(a);
      if (e.num_sources > 1) {
        meta.appendChild(document.createTextNode(' '));
        meta.appendChild(el('span', 'tag', e.num_sources + ' sources'));
      }
      li.appendChild(meta);
      list.appendChild(li);
    });
  }

  function show(pt) {
    var day = pt.getAttribute('data-day');
    var to = weekly ? addDays(day, 6) : day;
    Array.prototype.forEach.call(chart.querySelectorAll('.pt.sel'), function (p) {
      p.classList.remove('sel');
      p.setAttribute('aria-pressed', 'false');
    });
    pt.classList.add('sel');
    pt.setAttribute('aria-pressed', 'true');
    note.textContent = 'Loading the events of ' + day + '…';
    var url = '/api/v1/events?limit=100&pair=' + encodeURIComponent(pair) +
      '&from=' + encodeURIComponent(day) + '&to=' + encodeURIComponent(to);
    var req = pending = fetch(url, {headers: {Accept: 'application/json'}})
      .then(function (r) {
        if (!r.ok) {
          throw new Error('the server answered ' + r.status);
        }
        return r.json();
      })
      .then(function (body) {
        if (req === pending) {
          render(day, to, body);
          list.setAttribute('data-day', day);
        }
      })
      .catch(function (err) {
        if (req === pending) {
          note.textContent = 'Could not load the events: ' + err.message;
        }
      });
  }

  chart.addEventListener('click', function (ev) {
    var pt = ev.target.closest('.pt');
    if (pt) {
      show(pt);
    }
  });
  chart.addEventListener('keydown', function (ev) {
    if ((ev.key === 'Enter' || ev.key === ' ') && ev.target.classList.contains('pt')) {
      ev.preventDefault();
      show(ev.target);
    }
  });
}());
