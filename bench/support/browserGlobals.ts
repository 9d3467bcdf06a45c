// @grafana/data and @grafana/runtime expect a browser (window, localStorage, matchMedia) when they
// load; benchmarks that time the data source run them in Node under jsdom, as jest does.
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>', { url: 'http://localhost/' });
const g = globalThis as Record<string, unknown>;
for (const key of [
  'window',
  'document',
  'navigator',
  'localStorage',
  'HTMLElement',
  'Element',
  'Node',
  'getComputedStyle',
]) {
  if (g[key] === undefined) {
    g[key] = key === 'window' ? dom.window : (dom.window as unknown as Record<string, unknown>)[key];
  }
}
(dom.window as unknown as { matchMedia: unknown }).matchMedia = () => ({
  matches: false,
  addListener() {},
  removeListener() {},
  addEventListener() {},
  removeEventListener() {},
});
g.matchMedia = (dom.window as unknown as { matchMedia: unknown }).matchMedia;
