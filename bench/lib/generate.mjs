// Seeded synthetic catalogs for the benchmark: the same rows for every contestant, in
// node and in the browser. Rows come grouped by category (the catalog's own order), with
// accented words in names, categories and notes, and five columns: feature, category,
// phase, note, docs link.

/** mulberry32: a small, fast, seedable PRNG (uniform floats in [0, 1)). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const CATEGORIES = [
  'Traffic management', 'Security', 'Observability', 'Extensibility', 'Core', 'Ambient mode',
  'Installation', 'Multicluster', 'Gateways', 'Telemetry', 'Policy', 'Déploiement à Zürich',
];

const PHASES = [['Experimental', 1], ['Alpha', 3], ['Beta', 3], ['Stable', 4], ['Deprecated', 1]];

const FIRST = [
  'Ångström', 'Résumé', 'Crème', 'Façade', 'Niño', 'São', 'Kraków', 'Smørrebrød', 'Øresund', 'Élan',
  'Über', 'Ärger', 'Naïve', 'Jalapeño', 'Mañana', 'Déjà', 'Açaí', 'Piñata', 'Blåbær', 'Čokoláda',
  'Access', 'Adaptive', 'Automatic', 'Basic', 'Central', 'Cluster', 'Dynamic', 'External', 'Fast',
  'Gateway', 'Global', 'Header', 'Internal', 'Local', 'Mesh', 'Mirror', 'Outlier', 'Peer', 'Proxy',
  'Request', 'Retry', 'Secure', 'Service', 'Sidecar', 'Traffic', 'Waypoint', 'Weighted', 'Zone',
];
const SECOND = [
  'routing', 'gateway', 'proxying', 'discovery', 'balancing', 'authentication', 'authorization',
  'telemetry', 'tracing', 'metrics', 'logging', 'injection', 'mirroring', 'timeouts', 'retries',
  'certificates', 'egress', 'ingress', 'federation', 'failover', 'rate limits', 'fault injection',
  'DNS capture', 'health checks', 'circuit breaking', 'locality', 'revision tags', 'upgrades',
];
const NOTE_WORDS = [
  'requires', 'the', 'sidecar', 'ambient', 'mode', 'only', 'for', 'clusters', 'with', 'multiple',
  'networks', 'café', 'señor', 'über', 'déjà', 'vu', 'crème', 'brûlée', 'Zürich', 'Ærø', 'naïveté',
  'supported', 'since', 'release', 'on', 'Linux', 'and', 'Windows', 'nodes', 'see', 'docs',
];

function pick(next, list) {
  return list[Math.floor(next() * list.length)];
}

function pickPhase(next) {
  const total = PHASES.reduce((s, [, w]) => s + w, 0);
  let x = next() * total;
  for (const [p, w] of PHASES) {
    if ((x -= w) < 0) return p;
  }
  return 'Stable';
}

function slug(s) {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/**
 * `n` rows, deterministic for (n, seed): [{ feature, category, phase, note, link }], grouped
 * by category in CATEGORIES order. Feature names are unique (a serial number ends each).
 */
export function generate(n, seed = 1) {
  const next = rng(seed ^ Math.imul(n, 2654435761));
  const width = String(n).length;
  const rows = [];
  for (let i = 0; i < n; i++) {
    const category = Math.floor(next() * CATEGORIES.length);
    const serial = String(Math.floor(next() * n * 10)).padStart(width + 1, '0');
    const feature = `${pick(next, FIRST)} ${pick(next, SECOND)} ${serial}-${i}`;
    const words = [];
    if (next() < 0.6) {
      const len = 3 + Math.floor(next() * 8);
      for (let w = 0; w < len; w++) words.push(pick(next, NOTE_WORDS));
    }
    const note = words.length ? words.join(' ') + '.' : '';
    rows.push({
      feature,
      category: CATEGORIES[category],
      phase: pickPhase(next),
      note,
      link: `https://docs.example/${slug(CATEGORIES[category])}/${slug(feature)}/`,
      _cat: category,
    });
  }
  // Grouped by category, page order within a group (stable).
  rows.sort((a, b) => a._cat - b._cat);
  for (const r of rows) delete r._cat;
  return rows;
}

/** The same rows as a feature-matrix custom catalog (see www/catalog.schema.json). */
export function asCatalog(rows, title = 'Synthetic catalog') {
  const categories = [];
  const byName = new Map();
  for (const r of rows) {
    let c = byName.get(r.category);
    if (!c) {
      c = { name: r.category, features: [] };
      byName.set(r.category, c);
      categories.push(c);
    }
    const f = { name: r.feature, phase: r.phase, link: r.link };
    if (r.note) f.note = r.note;
    c.features.push(f);
  }
  return { title, provenance: 'Synthetic benchmark data (bench/lib/generate.mjs)', categories };
}
