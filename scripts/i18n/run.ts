// `npm run i18n:extract` writes every plugin's locale files from the code, with i18next-cli
// (Grafana's documented extractor): new keys, English defaults synced, unused keys removed,
// secondary languages given the new keys empty, for translators. `npm run i18n:check` does the same
// without writing and fails when any file would change: a t() the locale files do not have yet.
import path from 'path';
import { bundles, extractConfig } from './bundles';

async function main(mode: string | undefined): Promise<number> {
  if (mode !== 'extract' && mode !== 'check') {
    console.error('usage: tsx scripts/i18n/run.ts extract|check');
    return 2;
  }
  // i18next-cli's CommonJS build requires ESM-only packages: load its ESM build.
  const { runExtractor } = await import('i18next-cli');
  process.chdir(path.resolve(__dirname, '../..'));
  let stale = 0;
  for (const bundle of bundles()) {
    const { results, hasErrors } = await runExtractor(extractConfig(bundle), {
      isDryRun: mode === 'check',
      syncPrimaryWithDefaults: true,
      quiet: true,
    });
    if (hasErrors) {
      console.error(`${bundle.id}: the extractor reported errors (above).`);
      return 1;
    }
    for (const result of results.filter((r) => r.updated)) {
      stale++;
      console.log(`${mode === 'check' ? 'out of date' : 'updated'}: ${path.relative(process.cwd(), result.path)}`);
      for (const line of describeChange(result.existingTranslations, result.newTranslations)) {
        console.log(`  ${line}`);
      }
    }
  }
  if (mode === 'check' && stale > 0) {
    console.error(
      `${stale} locale file(s) differ from the code. Run \`npm run i18n:extract\`, translate the empty entries, and commit.`
    );
    return 1;
  }
  console.log(stale === 0 ? 'Locale files match the code.' : `${stale} locale file(s) written.`);
  return 0;
}

/** Keys added, removed or changed between two nested translation objects. */
function describeChange(before: object, after: object): string[] {
  const a = flatten(before);
  const b = flatten(after);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.flatMap((k) => {
    if (!(k in a)) {
      return [`+ ${k}: ${JSON.stringify(b[k])}`];
    }
    if (!(k in b)) {
      return [`- ${k}`];
    }
    return a[k] === b[k] ? [] : [`~ ${k}: ${JSON.stringify(a[k])} -> ${JSON.stringify(b[k])}`];
  });
}

function flatten(o: object, prefix = ''): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(o).flatMap(([k, v]) => {
      const key = prefix ? `${prefix}.${k}` : k;
      return v && typeof v === 'object' ? Object.entries(flatten(v, key)) : [[key, v]];
    })
  );
}

main(process.argv[2]).then((code) => process.exit(code));
