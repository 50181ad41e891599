// corsim browser harness: runs one scenario's fetch() calls in order and posts what
// the script could observe. Served by the harness as part of its runner page.
'use strict';
(function () {
  const cfg = JSON.parse(document.getElementById('corsim-config').textContent);
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const fetchTimeoutMs = 15000;

  function initOf(f) {
    const init = {};
    if (f.method) init.method = f.method;
    if (f.headers) init.headers = f.headers;
    if (f.stream_body) {
      const bytes = new TextEncoder().encode(f.body == null ? '' : f.body);
      init.body = new ReadableStream({
        start(c) { c.enqueue(bytes); c.close(); },
      });
      init.duplex = 'half';
    } else if (f.body != null) {
      init.body = f.body;
    }
    for (const k of ['mode', 'credentials', 'redirect', 'cache']) {
      if (f[k]) init[k] = f[k];
    }
    return init;
  }

  async function runOne(f) {
    let req;
    try {
      req = new Request(f.url, initOf(f));
    } catch (e) {
      return { outcome: 'js-error', error: String(e) };
    }
    let res;
    try {
      res = await fetch(req);
    } catch (e) {
      return { outcome: 'network-error', error: String(e) };
    }
    const names = [];
    for (const k of res.headers.keys()) names.push(k);
    let bodyLength = -1;
    try {
      bodyLength = (await res.text()).length;
    } catch (e) {
      bodyLength = -1;
    }
    return {
      outcome: 'ok', type: res.type, status: res.status, headers: names,
      redirected: res.redirected, url: res.url, body_length: bodyLength,
    };
  }

  function withTimeout(p) {
    return Promise.race([p, sleep(fetchTimeoutMs).then(() => ({ outcome: 'harness-timeout' }))]);
  }

  async function control(path, body) {
    try {
      await fetch(cfg.control + path, {
        method: 'POST', mode: 'no-cors', credentials: 'omit', cache: 'no-store', body: body || '',
      });
    } catch (e) {
      // A lost control request shows up as a missing mark or result.
    }
  }

  if (cfg.role === 'frame') {
    window.addEventListener('message', async (ev) => {
      if (!ev.data || ev.data.corsim !== 'run') return;
      const r = await runOne(ev.data.fetch);
      parent.postMessage({ corsim: 'done', i: ev.data.i, result: r }, '*');
    });
    parent.postMessage({ corsim: 'ready', origin: self.origin }, '*');
    return;
  }

  function frameExecutor() {
    return new Promise((resolve) => {
      const waiting = new Map();
      let frameOrigin = '';
      window.addEventListener('message', (ev) => {
        const d = ev.data;
        if (!d || typeof d.corsim !== 'string') return;
        if (d.corsim === 'ready') {
          frameOrigin = d.origin;
          resolve({
            origin: () => frameOrigin,
            run: (f, i) => new Promise((done) => {
              waiting.set(i, done);
              frame.contentWindow.postMessage({ corsim: 'run', i: i, fetch: f }, '*');
            }),
          });
        } else if (d.corsim === 'done' && waiting.has(d.i)) {
          waiting.get(d.i)(d.result);
          waiting.delete(d.i);
        }
      });
      const frame = document.createElement('iframe');
      frame.setAttribute('sandbox', 'allow-scripts');
      frame.src = cfg.frame_url;
      document.body.appendChild(frame);
    });
  }

  async function main() {
    let exec = { origin: () => self.origin, run: (f) => runOne(f) };
    if (cfg.frame_url) {
      exec = await Promise.race([frameExecutor(), sleep(fetchTimeoutMs).then(() => exec)]);
    }
    const results = [];
    for (let i = 0; i < cfg.fetches.length; i++) {
      const f = cfg.fetches[i];
      if (f.wait_ms) await sleep(f.wait_ms);
      await control('mark?k=' + encodeURIComponent(cfg.key) + '&i=' + i);
      let r;
      try {
        r = await withTimeout(exec.run(f, i));
      } catch (e) {
        r = { outcome: 'harness-error', error: String(e) };
      }
      results.push(r);
    }
    await control('mark?k=' + encodeURIComponent(cfg.key) + '&i=-1');
    await control('result?k=' + encodeURIComponent(cfg.key),
      JSON.stringify({ origin: exec.origin(), top_origin: self.origin, results: results }));
    if (cfg.next) location.href = cfg.next;
  }

  main();
})();
