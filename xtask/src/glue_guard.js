// The boundary between the page's JavaScript and the wasm, injected into wasm-bindgen's glue
// by the build (xtask/src/dist.rs, `guard_glue`), for the module and the single-file build.
//
// 1. Every wasm export is called through a guard. A JS exception that crosses the wasm (a
//    page built-in the wasm calls replaced by one that throws, the trap after a panic) leaves
//    the instance's memory, stack and borrows in an undefined state. From then on the guard
//    calls nothing in that instance (listeners it left on the page do nothing) and tells the
//    page's loader once: `init.onStop(error)` (the entry module marks the widgets and starts
//    a fresh instance).
// 2. The markup the widget writes (Yew's raw HTML, set through `innerHTML`) goes through a
//    Trusted Types policy named `feature-matrix` where the page has Trusted Types. Where the
//    page does not allow that policy, the same nodes are built with DOM calls: the markup is
//    the widget's own (every text and attribute escaped by the core's `html::escape`).
//    The exception goes on through the wasm frames that called in (so none of them runs on)
//    and stops at the outermost call, where the browser would only report it.
let fmStopped = false;
let fmDepth = 0;
// What a call into a stopped instance returns: the glue reads results as numbers or as
// `ret[0]`, `ret[1]`, … (then `undefined`, so no exception, no string, no error flag).
const FM_NONE = [];
function fmGuard(exports) {
  const guarded = {};
  for (const name in exports) {
    const f = exports[name];
    guarded[name] = typeof f !== 'function' ? f : function (a, b, c, d, e, g, h, i, j, k) {
      if (fmStopped) return FM_NONE;
      fmDepth += 1;
      try {
        return f(a, b, c, d, e, g, h, i, j, k);
      } catch (error) {
        if (!fmStopped) {
          fmStopped = true;
          try {
            const stop = __wbg_init.onStop;
            if (typeof stop === 'function') stop(error);
          } catch (_) { /* the loader's own failure must not hide the first one */ }
        }
        if (fmDepth > 1) throw error;
        return FM_NONE;
      } finally {
        fmDepth -= 1;
      }
    };
  }
  return guarded;
}

let fmPolicy;
function fmSetHtml(el, html) {
  if (fmPolicy === undefined) {
    fmPolicy = null;
    try {
      const tt = globalThis.trustedTypes;
      if (tt) fmPolicy = tt.createPolicy('feature-matrix', { createHTML: (s) => s });
    } catch (_) { /* the page's policy list leaves this one out: DOM calls below */ }
  }
  if (fmPolicy) el.innerHTML = fmPolicy.createHTML(html);
  else if (!globalThis.trustedTypes) el.innerHTML = html;
  else fmBuild(el, html);
}

// The widget's markup as DOM calls: start and end tags with double-quoted attributes, text
// with the four entities `html::escape` writes (it has no comments, no void elements).
const fmText = (s) => s.replace(/&(amp|lt|gt|quot);/g, (m, n) => ({ amp: '&', lt: '<', gt: '>', quot: '"' })[n]);
function fmBuild(el, html) {
  el.textContent = '';
  const stack = [el];
  const token = /<(\/?)([a-z][\w-]*)((?:\s+[^\s"'>/=]+(?:="[^"]*")?)*)\s*>|[^<]+/gi;
  const attr = /([^\s"'>/=]+)(?:="([^"]*)")?/g;
  for (let m = token.exec(html); m; m = token.exec(html)) {
    const top = stack[stack.length - 1];
    if (m[1]) {
      if (stack.length > 1) stack.pop();
    } else if (m[2]) {
      const node = top.ownerDocument.createElementNS(top.namespaceURI, m[2]);
      for (let a = attr.exec(m[3]); a; a = attr.exec(m[3])) node.setAttribute(a[1], fmText(a[2] ?? ''));
      stack.push(top.appendChild(node));
    } else {
      top.appendChild(top.ownerDocument.createTextNode(fmText(m[0])));
    }
  }
}
