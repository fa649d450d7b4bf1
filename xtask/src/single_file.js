// feature-matrix, single-file build: a classic script with the wasm inlined, for pages
// opened from file:// or hosts that cannot serve .wasm. Mounts every [data-feature-matrix]
// element, also those added later, and frees the widgets whose element leaves the page;
// window.FeatureMatrix.mount(element, options) adds one. (The build puts wasm-bindgen's
// no-modules glue above this and the wasm, as base64, in the atob() call.)
;(function () {
  var say = function (kind, a, b) { try { console[kind](a, b); } catch (_) { /* a console that throws */ } };
  var s = atob('__WASM_BASE64__');
  var bytes = new Uint8Array(s.length);
  for (var i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  var handles = new Map();
  var stopped = false;
  var language = function (el) {
    var lang = el.getAttribute('data-lang') || (el.closest('[lang]') || {}).lang || '';
    return (window.FeatureMatrixLanguages || {})[String(lang).trim().split(/[-_]/)[0].toLowerCase()] || {};
  };
  // One note at the top of `box`: a second one replaces the first's text.
  var tell = function (box, text, className) {
    var old = box.querySelector(':scope > .fm-load-error, :scope > .fm-crash');
    var note = old || document.createElement('p');
    note.textContent = text;
    if (old) return;
    note.className = className;
    note.setAttribute('role', 'alert');
    box.prepend(note);
  };
  // An exception crossed the wasm (see xtask/src/glue_guard.js): each box keeps its rows
  // without controls and says so once (a panic's handler, crash.rs, may have already).
  wasm_bindgen.onStop = function (e) {
    stopped = true;
    if (!(e instanceof WebAssembly.RuntimeError)) say('error', 'feature-matrix: stopped after an error in the page or the widget', e);
    if (document.querySelector('section.fm[data-fm-crashed="foreign"]')) return;
    handles.forEach(function (h, el) {
      var text = language(el).stopped || 'This feature table stopped after an error on this page. Reload the page to use it again.';
      var section = el.querySelector('section.fm');
      if (!section) tell(el, text, 'fm-load-error');
      else if (!section.querySelector(':scope > .fm-crash')) {
        section.classList.add('fm--static', 'fm--stalled');
        tell(section, text, 'fm-error fm-crash');
      }
    });
  };
  var ready = wasm_bindgen({ module_or_path: bytes });
  var sweep = function () {
    handles.forEach(function (h, el) {
      if (el.isConnected) return;
      handles.delete(el);
      if (!stopped) { h.destroy(); h.free(); }
    });
  };
  var mountNew = function () {
    sweep();
    var n = 0;
    var all = stopped ? [] : document.querySelectorAll('[data-feature-matrix]:not([data-fm-mounted])');
    for (var i = 0; i < all.length; i++) {
      try { handles.set(all[i], wasm_bindgen.mount(all[i])); n += 1; } catch (e) { say('error', 'feature-matrix: could not mount', e); }
    }
    return n;
  };
  window.FeatureMatrix = window.FeatureMatrix || {
    ready: ready,
    mount: function (element, options) { return ready.then(function () { return wasm_bindgen.mount(element, options || {}); }); },
    mountNew: function () { return ready.then(mountNew); }
  };
  var start = function () {
    mountNew();
    // Elements the page adds or removes later; the widgets' own changes are skipped.
    new MutationObserver(function (records) {
      var added = false, removed = false;
      for (var r = 0; r < records.length; r++) {
        var t = records[r].target;
        if (t.nodeType === 1 && t.closest('.fm-root')) continue;
        if (records[r].removedNodes.length) removed = true;
        if (records[r].addedNodes.length) added = true;
      }
      if (added) mountNew(); else if (removed) sweep();
    }).observe(document, { childList: true, subtree: true });
  };
  ready.then(function () {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
    else start();
  });
  // The wasm cannot start (WebAssembly disabled or refused by the page's policy): each
  // placeholder says so, in its language when i18n/<lang>.js was loaded, above what it shows
  // without the script.
  ready.catch(function (e) {
    say('error', 'feature-matrix: could not start', e);
    var all = document.querySelectorAll('[data-feature-matrix]:not([data-fm-mounted])');
    for (var i = 0; i < all.length; i++) {
      tell(all[i], language(all[i]).loadFailed || 'The interactive feature table could not be loaded.', 'fm-load-error');
    }
  });
})();
