/*
 * workflow-storage dashboard: the little script the pages need. No framework, no build step.
 *
 * - Actions (cancel a run, pause or resume a schedule) are POSTed with fetch and the header
 *   X-Workflow-Dashboard: 1, which a cross-site form cannot send; with Spring Security, its CSRF
 *   token (from the page's meta tags) goes along in the header it names.
 * - Live updates poll: a running run's page asks for its status and new events, the runs list
 *   for its rows (rendered and escaped on the server). Why polling: the storage has no change
 *   notification (pyworkflow's workers write the database directly), so the server would poll
 *   for each open page anyway; polling from here keeps the server stateless.
 * - Stored values are inserted with textContent only, never as markup.
 */
(function () {
	'use strict';

	var ACTION_HEADER = 'X-Workflow-Dashboard';
	var refreshMs = parseInt(document.body.getAttribute('data-refresh-ms') || '0', 10) || 0;

	function meta(name) {
		var element = document.querySelector('meta[name="' + name + '"]');
		return element ? element.getAttribute('content') : null;
	}

	function actionHeaders() {
		var headers = { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8', 'Accept': 'application/json' };
		headers[ACTION_HEADER] = '1';
		var csrfHeader = meta('workflow-dashboard-csrf-header');
		var csrfToken = meta('workflow-dashboard-csrf-token');
		if (csrfHeader && csrfToken) {
			headers[csrfHeader] = csrfToken;
		}
		return headers;
	}

	function showNotice(text) {
		var notice = document.getElementById('notice');
		if (notice) {
			notice.textContent = text;
			notice.hidden = false;
		}
	}

	function post(href, fields) {
		return fetch(href, {
			method: 'POST',
			headers: actionHeaders(),
			body: new URLSearchParams(fields).toString(),
			credentials: 'same-origin',
			cache: 'no-store'
		}).then(function (response) {
			return response.text().then(function (text) {
				var body = {};
				try {
					body = text ? JSON.parse(text) : {};
				}
				catch (notJson) {
					body = { error: 'The server answered ' + response.status + '.' };
				}
				if (!response.ok) {
					throw new Error(body.error || ('The server answered ' + response.status + '.'));
				}
				return body;
			});
		});
	}

	function setText(id, text) {
		var element = document.getElementById(id);
		if (element) {
			element.textContent = text || '\u2014';
		}
	}

	function setBadge(element, value, label, css) {
		element.className = css;
		element.setAttribute('data-status', value);
		element.textContent = label;
	}

	// Cancellation of a run

	function setCancellationFlag(requested) {
		var flag = document.getElementById('cancel-flag');
		if (flag) {
			flag.setAttribute('data-requested', requested ? 'true' : 'false');
			flag.textContent = requested ? 'Cancellation requested' : 'No cancellation requested';
			flag.classList.toggle('flag-on', requested);
		}
		var button = document.getElementById('cancel-run');
		if (button && requested) {
			button.hidden = true;
		}
	}

	var cancelButton = document.getElementById('cancel-run');
	if (cancelButton) {
		cancelButton.addEventListener('click', function () {
			var question = cancelButton.getAttribute('data-confirm');
			if (question && !window.confirm(question)) {
				return;
			}
			cancelButton.disabled = true;
			post(cancelButton.getAttribute('data-action-href'), { id: cancelButton.getAttribute('data-run-id') })
				.then(function () {
					setCancellationFlag(true);
				})
				.catch(function (error) {
					showNotice(error.message);
				})
				.then(function () {
					cancelButton.disabled = false;
				});
		});
	}

	// Pause and resume of schedules

	Array.prototype.forEach.call(document.querySelectorAll('button.schedule-action'), function (button) {
		button.addEventListener('click', function () {
			var row = button.closest('tr');
			button.disabled = true;
			post(button.getAttribute('data-action-href'), { id: button.getAttribute('data-schedule-id') })
				.then(function (state) {
					row.setAttribute('data-status', state.status);
					setBadge(row.querySelector('[data-test="schedule-status"]'), state.status, state.statusLabel,
						state.statusClass);
					row.querySelector('[data-test="pause-schedule"]').hidden = state.status === 'paused';
					row.querySelector('[data-test="resume-schedule"]').hidden = state.status !== 'paused';
				})
				.catch(function (error) {
					showNotice(error.message);
				})
				.then(function () {
					button.disabled = false;
				});
		});
	});

	// Polling, paused while the tab is hidden

	function poller(tick) {
		var timer = null;
		var stopped = false;
		function schedule(delay) {
			if (stopped) {
				return;
			}
			clearTimeout(timer);
			timer = setTimeout(run, delay);
		}
		function run() {
			if (document.hidden) {
				return;
			}
			tick().then(function (next) {
				if (next === null) {
					stopped = true;
					return;
				}
				schedule(next);
			}, function () {
				// A failed poll (the server restarting, say) is retried, more slowly.
				schedule(refreshMs * 3);
			});
		}
		document.addEventListener('visibilitychange', function () {
			if (!document.hidden) {
				schedule(0);
			}
		});
		schedule(refreshMs);
		return function isStopped() {
			return stopped;
		};
	}

	function showLive(on) {
		var indicator = document.getElementById('live-indicator');
		if (indicator) {
			indicator.hidden = !on;
		}
	}

	// A running run's page: status, flag and new events

	function eventRow(event) {
		var row = document.createElement('tr');
		row.className = 'new';
		row.setAttribute('data-test', 'event-row');
		row.setAttribute('data-sequence', String(event.sequence));
		row.setAttribute('data-type', event.type);

		var sequence = document.createElement('td');
		sequence.className = 'seq';
		sequence.textContent = String(event.sequence);

		var time = document.createElement('td');
		time.className = 'nowrap';
		var timeElement = document.createElement('time');
		timeElement.setAttribute('datetime', event.timestampIso);
		timeElement.textContent = event.timestamp;
		time.appendChild(timeElement);

		var type = document.createElement('td');
		var typeLabel = document.createElement('span');
		typeLabel.className = 'type';
		typeLabel.textContent = event.type;
		type.appendChild(typeLabel);

		var data = document.createElement('td');
		data.className = 'wide';
		var value = document.createElement('div');
		value.className = 'value';
		var pre = document.createElement('pre');
		pre.className = event.json ? 'code json' : 'code';
		pre.setAttribute('data-test', 'event-data');
		pre.textContent = event.data;
		value.appendChild(pre);
		if (event.truncated) {
			var note = document.createElement('p');
			note.className = 'truncated';
			note.appendChild(document.createTextNode('Showing the first ' + event.data.length.toLocaleString('en')
				+ ' of ' + event.length.toLocaleString('en') + ' characters. '));
			var link = document.createElement('a');
			link.href = event.rawHref;
			link.target = '_blank';
			link.rel = 'noopener';
			link.setAttribute('data-test', 'show-all');
			link.textContent = 'Show all';
			note.appendChild(link);
			value.appendChild(note);
		}
		data.appendChild(value);

		row.appendChild(sequence);
		row.appendChild(time);
		row.appendChild(type);
		row.appendChild(data);
		return row;
	}

	function pollRun(timeline) {
		var rows = document.getElementById('timeline-rows');
		var count = document.getElementById('event-count');
		var liveEvents = timeline.getAttribute('data-live-events') === 'true';
		var total = count ? parseInt(count.textContent.replace(/\D/g, ''), 10) || 0 : 0;
		showLive(true);
		poller(function () {
			var after = timeline.getAttribute('data-after');
			var href = timeline.getAttribute('data-poll-href') + '&after=' + encodeURIComponent(after)
				+ (liveEvents ? '' : '&events=0');
			return fetch(href, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
				.then(function (response) {
					if (!response.ok) {
						throw new Error('poll answered ' + response.status);
					}
					return response.json();
				})
				.then(function (state) {
					setBadge(document.getElementById('run-status'), state.status, state.statusLabel, state.statusClass);
					setText('run-started', state.started);
					setText('run-completed', state.completed);
					setText('run-updated', state.updated);
					setText('run-duration', state.duration);
					setCancellationFlag(state.cancellationRequested);
					if (liveEvents && rows && state.events.length > 0) {
						var empty = rows.querySelector('tr.empty-row');
						if (empty) {
							empty.remove();
						}
						state.events.forEach(function (event) {
							rows.appendChild(eventRow(event));
						});
						total += state.events.length;
						if (count) {
							count.textContent = '(' + total + ')';
						}
					}
					timeline.setAttribute('data-after', String(state.lastSequence));
					if (state.ended && !state.more) {
						var button = document.getElementById('cancel-run');
						if (button) {
							button.hidden = true;
						}
						var note = document.getElementById('ended-note');
						if (note) {
							note.hidden = false;
						}
						showLive(false);
						return null;
					}
					return state.more ? 0 : refreshMs;
				});
		});
	}

	// The runs list: its rows, rendered (and escaped) by the server for the same filters

	function pollRunRows(tbody) {
		showLive(true);
		poller(function () {
			return fetch(tbody.getAttribute('data-live-href'), {
				headers: { 'Accept': 'text/html' }, credentials: 'same-origin', cache: 'no-store'
			}).then(function (response) {
				if (!response.ok) {
					throw new Error('poll answered ' + response.status);
				}
				return response.text();
			}).then(function (html) {
				// DOMParser builds inert nodes (no script runs); the markup is the server's own
				// template output, every stored value in it escaped there.
				var parsed = new DOMParser().parseFromString('<table>' + html + '</table>', 'text/html');
				var fresh = parsed.querySelector('tbody');
				if (fresh && fresh.innerHTML !== tbody.innerHTML) {
					var nodes = Array.prototype.map.call(fresh.childNodes, function (node) {
						return document.importNode(node, true);
					});
					tbody.replaceChildren.apply(tbody, nodes);
				}
				var next = document.getElementById('runs-next');
				if (fresh && next) {
					var nextHref = fresh.getAttribute('data-next-href') || '';
					if (nextHref) {
						next.setAttribute('href', nextHref);
					}
					next.hidden = !nextHref;
				}
				return refreshMs;
			});
		});
	}

	if (refreshMs > 0) {
		var timeline = document.getElementById('timeline');
		if (timeline && timeline.getAttribute('data-live') === 'true') {
			pollRun(timeline);
		}
		var runRows = document.getElementById('runs-rows');
		if (runRows && runRows.getAttribute('data-live-href')) {
			pollRunRows(runRows);
		}
	}
}());
