// Bundles gallery.tsx with esbuild and screenshots each view in both themes with Debian's Chromium
// (playwright-core), into docs/. Run with `npm run screenshots`. Fails if the page logs an error. The dashboards are
// drawn from the frames the acceptance test's pipeline produces (integration/dashboards.acceptance.test.ts, run here
// with ECOTI_DASHBOARD_RUNS), or from a saved run given as ECOTI_DASHBOARD_RUNS_FILE.
import { execFileSync } from 'child_process';
import { build, Plugin } from 'esbuild';
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import { type Page } from 'playwright-core';
import { launchChromium } from '../../integration/support/chromium';

const OUT = path.resolve(__dirname, '..');
const ALL_VIEWS = ['cards', 'cards-narrow', 'board', 'board-pt-BR', 'sre', 'predicted-alert'];
/** ECOTI_SCREENSHOT_VIEWS=predicted-alert,cards takes only those (the dashboards' pipeline runs only for the dashboards). */
const VIEWS = process.env.ECOTI_SCREENSHOT_VIEWS
  ? ALL_VIEWS.filter((v) => process.env.ECOTI_SCREENSHOT_VIEWS!.split(',').includes(v))
  : ALL_VIEWS;
const DASHBOARD_VIEWS = ['board', 'board-pt-BR', 'sre'];
/**
 * The browser's locale per view: Grafana's financial currency and "Locale format" follow it (README, "Numbers and
 * units"), so the board a Brazilian viewer opens is shot in pt-BR (its run's frames are in Portuguese too).
 */
const LOCALE: Record<string, string> = { 'board-pt-BR': 'pt-BR' };

/** What a user does on a view before the shot: the predicted-alert page gets a threshold, a preview and a rule. */
const ACTIONS: Record<string, (page: Page) => Promise<void>> = {
  'predicted-alert': async (page) => {
    await page.getByTestId('data-testid ecoti-predicted-alert-threshold').fill('6000');
    await page.getByRole('button', { name: 'Preview the forecast' }).click();
    await page.getByTestId('data-testid ecoti-predicted-alert-preview').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Create alert rule' }).click();
    await page.getByTestId('data-testid ecoti-predicted-alert-created').waitFor({ timeout: 10_000 });
  },
};

/** The app's imports of @grafana/runtime get the gallery's, which adds the PanelRenderer only Grafana provides. */
const galleryRuntime: Plugin = {
  name: 'gallery-runtime',
  setup(b) {
    const shim = path.join(__dirname, 'galleryRuntime.tsx');
    b.onResolve({ filter: /^@grafana\/runtime$/ }, (args) => (args.importer === shim ? undefined : { path: shim }));
  },
};
const REPO = path.resolve(__dirname, '../..');

/**
 * @grafana/ui's .mjs files import react-custom-scrollbars-2 (CommonJS with __esModule) by default import; bundlers
 * following Node's rule for .mjs hand them the whole module object (React error #130 in the table's scrollbar), so
 * the default export is given explicitly, as webpack does.
 */
const scrollbarsDefaultExport: Plugin = {
  name: 'react-custom-scrollbars-2-default',
  setup(b) {
    b.onResolve({ filter: /^react-custom-scrollbars-2$/ }, () => ({ path: 'scrollbars', namespace: 'shim' }));
    b.onLoad({ filter: /.*/, namespace: 'shim' }, () => ({
      contents: "import * as m from 'react-custom-scrollbars-2/lib/index.js'; export default m.Scrollbars;",
      resolveDir: path.dirname(require.resolve('@grafana/ui/package.json')),
      loader: 'js',
    }));
  },
};

/** Runs the acceptance test (real Prometheus, engine, data source) and keeps the frames every panel drew. */
function dashboardRuns(file: string): void {
  const saved = process.env.ECOTI_DASHBOARD_RUNS_FILE;
  if (saved) {
    fs.copyFileSync(saved, file);
    return;
  }
  execFileSync(process.execPath, [require.resolve('jest/bin/jest'), 'integration/dashboards.acceptance.test.ts'], {
    cwd: REPO,
    env: { ...process.env, ECOTI_DASHBOARD_RUNS: file },
    stdio: 'inherit',
  });
}
const THEMES = ['dark', 'light'];

export async function takeScreenshots(): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecoti-gallery-'));
  if (VIEWS.some((v) => DASHBOARD_VIEWS.includes(v))) {
    dashboardRuns(path.join(dir, 'dashboards.json'));
  }
  await build({
    entryPoints: [path.join(__dirname, 'gallery.tsx')],
    bundle: true,
    outfile: path.join(dir, 'gallery.js'),
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
    // Stylesheets (uPlot's among them) go to gallery.css; fonts come from Grafana's server, absent here.
    loader: {
      '.css': 'css',
      '.svg': 'dataurl',
      '.woff': 'empty',
      '.woff2': 'empty',
      '.ttf': 'empty',
      '.eot': 'empty',
      '.png': 'dataurl',
      '.gif': 'dataurl',
    },
    logLevel: 'error',
    plugins: [scrollbarsDefaultExport, galleryRuntime],
  });
  // Grafana's page sets its boot data before any plugin code runs; @grafana/runtime reads it at import.
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"><title>EcoTI gallery</title><link rel="stylesheet" href="gallery.css"></head><body style="margin:0"><div id="root"></div><script>window.grafanaBootData={assets:{dark:"",light:""},settings:{featureToggles:{}},user:{},navTree:[]}</script><script src="gallery.js"></script></body></html>'
  );
  // Grafana serves its icons under public/build/img; @grafana/ui ships them.
  const icons = path.dirname(require.resolve('@grafana/ui/package.json'));
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const file = url.pathname.startsWith('/public/build/img/')
      ? path.join(icons, 'dist/public/img', url.pathname.slice('/public/build/img/'.length))
      : path.join(dir, url.pathname === '/' ? 'index.html' : url.pathname);
    if (!file.startsWith(icons) && !file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404).end();
        return;
      }
      const types: Record<string, string> = {
        svg: 'image/svg+xml',
        js: 'text/javascript',
        css: 'text/css',
        json: 'application/json',
      };
      const type = types[path.extname(file).slice(1)] ?? 'text/html';
      res.writeHead(200, { 'content-type': type }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const browser = await launchChromium();
  const written: string[] = [];
  try {
    for (const theme of THEMES) {
      for (const view of VIEWS) {
        // Dashboards at Grafana's 1600 px, tall enough for every row (the shot is of the whole page).
        const dashboard = DASHBOARD_VIEWS.includes(view);
        const viewport = dashboard
          ? { width: 1640, height: 1400 }
          : view === 'predicted-alert'
            ? { width: 1240, height: 2000 }
            : { width: 1240, height: 1100 };
        const page = await browser.newPage({ viewport, deviceScaleFactor: 1, locale: LOCALE[view] ?? 'en-US' });
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        // Grafana serves the Inter font itself; without it the system sans-serif stands in.
        const expected = (url: string) => url.includes('/public/fonts/');
        page.on('response', (r) => r.status() >= 400 && !expected(r.url()) && errors.push(`${r.status()} ${r.url()}`));
        page.on('console', (m) => m.type() === 'error' && !/status of 404/.test(m.text()) && errors.push(m.text()));
        await page.goto(`${base}/?theme=${theme}&view=${view}`);
        await page.waitForSelector('main[data-ready="true"]', { timeout: 30_000 }).catch((e) => {
          throw new Error(`${view} (${theme}): ${e.message}; ${errors.join('; ')}`);
        });
        await ACTIONS[view]?.(page);
        await page.waitForTimeout(500);
        if (errors.length) {
          throw new Error(`${view} (${theme}): ${errors.join('; ')}`);
        }
        const file = path.join(OUT, `${view}-${theme}.png`);
        await page.locator('main').screenshot({ path: file });
        written.push(file);
        await page.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return written;
}

if (require.main === module) {
  takeScreenshots()
    .then((files) => files.forEach((f) => console.log(`wrote ${path.relative(process.cwd(), f)}`)))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
