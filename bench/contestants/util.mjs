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

/** Parses the number after "of" in a status line ("Showing 1 to 100 of 5,432 entries"). */
export function countAfterOf(text) {
  const m = /of\s+([\d,.\u202f\u00a0]+)/.exec(text ?? '');
  return m ? Number(m[1].replace(/[^\d]/g, '')) : NaN;
}

export const FIRST_ROWS = 10;
