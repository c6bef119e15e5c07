// EdgeHive portal: live regions. A page that shows changing data carries <body data-watch="..."> (through an element
// with data-watch) and marks the parts to refresh with data-live="unique-id". One EventSource per page follows
// /portal/live; on each change the page's HTML is fetched again and only the live elements are swapped, so inputs a
// user is typing into (outside live elements) keep their text.
(function () {
    var watchEl = document.querySelector('[data-watch]');
    var refreshing = false, again = false;

    function refresh() {
        if (refreshing) { again = true; return; }
        refreshing = true;
        fetch(location.href, { headers: { 'X-Portal-Live': '1' }, credentials: 'same-origin' })
            .then(function (r) { return r.ok ? r.text() : null; })
            .then(function (html) {
                if (!html) { return; }
                var doc = new DOMParser().parseFromString(html, 'text/html');
                doc.querySelectorAll('[data-live]').forEach(function (fresh) {
                    var current = document.querySelector('[data-live="' + fresh.getAttribute('data-live') + '"]');
                    if (current && !current.contains(document.activeElement)) { current.replaceWith(fresh); }
                });
                document.dispatchEvent(new CustomEvent('portal:refreshed'));
            })
            .finally(function () {
                refreshing = false;
                if (again) { again = false; refresh(); }
            });
    }

    if (watchEl && window.EventSource) {
        var source = new EventSource('portal/live?watch=' + encodeURIComponent(watchEl.getAttribute('data-watch')));
        source.addEventListener('change', refresh);
        source.addEventListener('open', function () { document.body.setAttribute('data-live-connected', 'true'); });
    }

    // A running import: progress events update the counter in place; the done event re-reads the page once, which
    // swaps in the result table (and drops data-import-job, so no new stream is opened).
    var importEl = document.querySelector('[data-import-job]');
    if (importEl && window.EventSource) {
        var progress = new EventSource('portal/import/' + encodeURIComponent(importEl.getAttribute('data-import-job')) + '/events');
        progress.addEventListener('progress', function (e) {
            var parts = e.data.split(' ');
            var set = function (selector, text) { var el = document.querySelector(selector); if (el) { el.textContent = text; } };
            set('[data-import-done]', parts[0]);
            set('[data-import-total]', parts[1] === '0' ? '…' : parts[1]);
            set('[data-import-phase]', parts[2]);
            var bar = document.querySelector('[data-import-bar]');
            if (bar) { bar.max = Math.max(1, +parts[1]); bar.value = +parts[0]; }
        });
        progress.addEventListener('done', function () { progress.close(); refresh(); });
    }

    document.addEventListener('click', function (e) {
        var copy = e.target.closest('[data-copy]');
        if (copy && navigator.clipboard) {
            navigator.clipboard.writeText(document.getElementById(copy.getAttribute('data-copy')).textContent);
        }
        var confirmEl = e.target.closest('[data-confirm]');
        if (confirmEl && !window.confirm(confirmEl.getAttribute('data-confirm'))) { e.preventDefault(); }
    });
})();
