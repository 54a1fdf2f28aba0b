// The lint rules of the module map (eslint.config.mjs) really refuse a crossing: each case lints a
// made-up file placed in a folder, with the project's own configuration, and names the rule that
// must fire. A configuration that stopped matching files would pass `npm run lint` silently.
import path from 'node:path';
import type { ESLint as ESLintClass } from 'eslint';
import { requireEsm } from '../../identity/oidc/esmRequire';

// ESLint loads its configuration with import(): it runs in Node's own module system, not jest's.
const { ESLint } = requireEsm<{ ESLint: typeof ESLintClass }>('eslint', __filename);

const root = path.resolve(__dirname, '..', '..');
let eslint: ESLintClass;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function rulesFired(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'parse-error');
}

test.each([
  ['flows/madeUp.ts', 'import-x/no-restricted-paths', "import { route } from '../routing/route';\nexport const x = route;\n"],
  ['flows/madeUp.ts', 'no-restricted-imports', "import { TurnContext } from 'botbuilder';\nexport const x = TurnContext;\n"],
  ['dialogs/madeUp.ts', 'import-x/no-restricted-paths', "import { openDatabase } from '../storage/openDatabase';\nexport const x = openDatabase;\n"],
  ['dialogs/madeUp.ts', 'import-x/no-restricted-paths', "import { WebChannel } from '../channels/webChannel';\nexport const x = WebChannel;\n"],
  ['channels/madeUp.ts', 'import-x/no-restricted-paths', "import { asyncRoute } from '../http/asyncRoute';\nexport const x = asyncRoute;\n"],
  ['routing/madeUp.ts', 'import-x/no-restricted-paths', "import { openDatabase } from '../storage/openDatabase';\nexport const x = openDatabase;\n"],
  ['handoff/madeUp.ts', 'import-x/no-restricted-paths', "import { FlowDialog } from '../dialogs/flowDialog';\nexport const x = FlowDialog;\n"],
  ['storage/madeUp.ts', 'import-x/no-restricted-paths', "import { startTestServer } from '../test/support/testServer';\nexport const x = startTestServer;\n"],
  ['handoff/madeUp.ts', '@typescript-eslint/no-explicit-any', 'export const x: any = 1;\n'],
  ['handoff/madeUp.ts', '@typescript-eslint/ban-ts-comment', '// @ts-ignore\nexport const x: number = 1;\n'],
])('a made-up %s is refused by %s', async (file, rule, code) => {
  expect(await rulesFired(file, code)).toContain(rule);
});

test('what the map allows passes: flows with xstate, dialogs with flows and routing', async () => {
  expect(
    await rulesFired(
      'flows/madeUp.ts',
      "import { setup } from 'xstate';\nimport type { TopicId } from './topicIds';\nexport const x: [typeof setup, TopicId?] = [setup];\n",
    ),
  ).toEqual([]);
  expect(
    await rulesFired(
      'dialogs/madeUp.ts',
      "import { LOCALES } from '../flows/contract';\nimport { DEFAULT_CATALOG } from '../routing';\nexport const x = [LOCALES, DEFAULT_CATALOG];\n",
    ),
  ).toEqual([]);
});
