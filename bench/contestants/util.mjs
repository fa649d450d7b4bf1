// Shared by the contestant adapters: loading a library's files the way a page would.

export function loadScript(src) {
  return new Promise((done, fail) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = () => done();
    s.onerror = () => fail(new Error(`could not load ${src}`));
    document.head.append(s);
  });
}

export function loadCss(href) {
  return new Promise((done, fail) => {
    const l = document.createElement('link');
    l.rel = 'stylesheet';
    l.href = href;
    l.onload = () => done();
    l.onerror = () => fail(new Error(`could not load ${href}`));
    document.head.append(l);
  });
}

/** Loads a contestant's files (the ones whose bytes the report counts), stylesheets
 *  first, in the order given. */
export async function loadFiles(files) {
  for (const f of files.filter((f) => f.endsWith('.css'))) await loadCss(`/${f}`);
  for (const f of files.filter((f) => f.endsWith('.js'))) await loadScript(`/${f}`);
}

/** Escapes text for the HTML a library's cell renderer returns. */
export const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Parses the number after "of" in a status line ("Showing 1 to 100 of 5,432 entries"). */
export function countAfterOf(text) {
  const m = /of\s+([\d,.\u202f\u00a0]+)/.exec(text ?? '');
  return m ? Number(m[1].replace(/[^\d]/g, '')) : NaN;
}

export const FIRST_ROWS = 10;
