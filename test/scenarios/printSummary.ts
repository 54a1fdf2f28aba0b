// Prints the scenario table's summary as a Markdown table (for README):
//   npm run scenarios:summary
// Each row runs through the real dialog with its fixed clock, as scenarios.test.ts does.

import { loadScenarios, runScenario, verdict, type ScenarioRun } from './scenarioRunner';

function percent(n: number, of: number): string {
  return of === 0 ? '–' : `${n}/${of} (${Math.round((100 * n) / of)} %)`;
}

async function main(): Promise<void> {
  const scenarios = loadScenarios();
  const runs: ScenarioRun[] = [];
  for (const s of scenarios) runs.push(await runScenario(s));
  const groups = new Map<string, ScenarioRun[]>();
  for (const run of runs) {
    const topic = run.scenario.topic === 'typed' ? 'poisoning' : run.scenario.topic;
    groups.set(topic, [...(groups.get(topic) ?? []), run]);
  }
  const line = (name: string, list: ScenarioRun[]): string => {
    const v = list.map(verdict);
    return `| ${name} | ${list.length} | ${percent(v.filter((x) => x.urgency).length, list.length)} | ${percent(v.filter((x) => x.first).length, list.length)} | ${percent(v.filter((x) => x.forbidden.length === 0).length, list.length)} |`;
  };
  const out = [
    '| topic | rows | urgency exact | first recommendation right | no forbidden recommendation |',
    '|---|---|---|---|---|',
    ...[...groups].map(([topic, list]) => line(topic, list)),
    line('**all**', runs),
  ];
  console.log(out.join('\n'));
  const failed = runs.filter((r) => {
    const v = verdict(r);
    return !v.urgency || !v.first || v.forbidden.length > 0;
  });
  for (const r of failed) {
    console.log(
      `\n${r.scenario.id} (line ${r.scenario.line}): urgency ${r.urgency} (expected ${r.scenario.urgency}), first ${r.first} (expected ${r.scenario.first})${r.error ? `, error: ${r.error}` : ''}, forbidden: ${verdict(r).forbidden.join(' ') || 'none'}`,
    );
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
