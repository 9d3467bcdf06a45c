// Lints snippets of code as if they were files at given paths of this repo, with the repo's ESLint config but
// only its import rule (no type information needed): reads [{ filePath, code }] as JSON on stdin, writes the
// no-restricted-imports messages of each as the last line of stdout (plugins may print notices before it). A separate process: ESLint loads its config with import(),
// which jest's module sandbox does not run. Used by importLayers.test.ts.
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({
  cwd: root,
  cache: false,
  overrideConfig: { languageOptions: { parserOptions: { project: null, projectService: false } } },
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
});

let input = '';
for await (const chunk of process.stdin) {
  input += chunk;
}
const results = [];
for (const { filePath, code } of JSON.parse(input)) {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${filePath}`, warnIgnored: true });
  results.push(result.messages.map((m) => ({ ruleId: m.ruleId, message: m.message })));
}
process.stdout.write(`\n${JSON.stringify(results)}\n`);
