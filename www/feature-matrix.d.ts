// Types for feature-matrix.js, the widget's entry module (shipped beside it in dist/).
//
//   import { mount, type FeatureMatrixState } from './feature-matrix/feature-matrix.js';
//   el.addEventListener('featurematrix:change', (e) => console.log(e.detail.visible));

/** The view a widget shows: the `detail` of every `featurematrix:change` event and what
 *  `MatrixHandle.state()` returns. Everything is named by id, as in the widget's links. */
export interface FeatureMatrixState {
  /** The instance's id (also the prefix of its URL parameters): `"fm"`, `"fm2"`, … */
  id: string;
  /** The Istio release shown (`"1.24"`, `"master"`); `null` for the page's own catalog. */
  release: string | null;
  /** In the changes view, the release compared with; otherwise `null`. */
  from: string | null;
  /** The search text as typed. */
  query: string;
  /** Phases filtered on, as in the URL, in maturity order. */
  phases: Array<'experimental' | 'alpha' | 'beta' | 'stable' | 'deprecated'>;
  /** Category ids filtered on, in the catalog's order. */
  categories: string[];
  /** The sort as in the URL: `"category"` (the default), `"feature"`, `"phase"`, `"since"`,
   *  each but the default also with `"-desc"`. */
  sort: string;
  view: 'table' | 'matrix' | 'changes';
  /** Features matching the search and filters. */
  count: number;
  /** Features in the catalog shown. */
  total: number;
  /** Ids of the matching features in display order (all of them, not only the rows on screen). */
  visible: string[];
}

/** The options of `mount()`: the same names as the placeholder's `data-*` attributes. */
export interface MountOptions {
  id?: string;
  search?: string;
  phases?: string | string[];
  categories?: string | string[];
  sort?: string;
  view?: 'table' | 'matrix' | 'changes';
  columns?: string | string[];
  title?: string;
  docsBase?: string;
  legend?: 'full' | 'compact' | 'none';
  /** A catalog object (see catalog.schema.json), Istio's features.yaml as an object, or a
   *  selector of a `<script type="application/json">` holding either. */
  catalog?: string | object;
  release?: string;
  /** URL template of each row's "Report a problem" link: `{name}`, `{id}`, `{release}`,
   *  `{phase}`, `{source}`. */
  report?: string;
}

/** A widget mounted with `mount()`. It stays valid across a restart after an internal error. */
export interface MatrixHandle {
  /** The instance's id; `null` once destroyed. */
  readonly id: string | null;
  /** The view now (a fresh object each call, equal to the last event's detail); there as soon
   *  as `mount()` resolves; `null` for a widget showing a catalog error and once destroyed. */
  state(): FeatureMatrixState | null;
  /** Unmounts the widget and puts the element's original content back (also after the widget
   *  stopped after an error, so the element can take a widget again). */
  destroy(): void;
}

/** Resolves when the wasm module has started (each `[data-feature-matrix]` is mounted once its
 *  language file is there). */
export let ready: Promise<unknown>;
/** Mounts a widget into `element`; resolves once it can say what it shows. Rejects if the
 *  element already holds a widget (one that only shows a catalog error is replaced). */
export function mount(element: Element, options?: MountOptions): Promise<MatrixHandle>;
/** Mounts every `[data-feature-matrix]` element not mounted yet (the module also does it by
 *  itself when the page adds one) and destroys widgets whose element left the page; resolves to
 *  how many it mounted. */
export function mountNew(): Promise<number>;

/** This package's version (semver). */
export const version: '0.4.0';

/** `<feature-matrix>`: the widget as an element (registered by this module). Its attributes
 *  are the options (`release`, `lang`, `phases`, `categories`, `sort`, `view`, `search`,
 *  `columns`, `title`, `docs-base`, `legend`, `report`, `catalog`; the id as `data-id`); a
 *  child `<script type="application/json">` is its own catalog. Connected: mounted;
 *  removed: destroyed. A changed view attribute is the reader's change, the rest kept. */
export interface FeatureMatrixElement extends HTMLElement {}
/** `<feature-status feature="traffic.sidecar">`: a feature's badge (attributes `feature`,
 *  `release`, `lang`, `matrix-href`). */
export interface FeatureStatusElement extends HTMLElement {}

declare global {
  interface HTMLElementTagNameMap {
    'feature-matrix': FeatureMatrixElement;
    'feature-status': FeatureStatusElement;
  }
  interface HTMLElementEventMap {
    /** Dispatched (bubbling) on the widget's element whenever its view changes, and once mounted. */
    'featurematrix:change': CustomEvent<FeatureMatrixState>;
  }
  interface DocumentEventMap {
    'featurematrix:change': CustomEvent<FeatureMatrixState>;
  }
  interface WindowEventMap {
    'featurematrix:change': CustomEvent<FeatureMatrixState>;
  }
  var FeatureMatrix: { ready: Promise<unknown>; mount: typeof mount; mountNew: typeof mountNew; version: typeof version } | undefined;
}
