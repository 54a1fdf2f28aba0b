// The scenario table through the real dialog: each row's urgency and first recommendation, and
// the recommendations that must not appear (they would contradict the person's answers).

import { loadScenarios, runScenario, verdict, type ScenarioRun } from './scenarioRunner';

const scenarios = loadScenarios();
const runs = new Map<string, ScenarioRun>();

describe('triage scenario table', () => {
  it('has at least 80 rows over every topic, subject kind, language and time of day', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(80);
    const topics = new Set(scenarios.map((s) => s.topic));
    for (const t of ['skin', 'urinary', 'respiratory', 'dental', 'mental', 'homecare', 'money', 'family', 'other', 'poisoning', 'typed'])
      expect(topics).toContain(t);
    const kinds = new Set(scenarios.map((s) => s.subject.split(':')[0]));
    for (const k of ['self', 'child', 'adult']) expect(kinds).toContain(k);
    expect(new Set(scenarios.map((s) => s.locale))).toEqual(new Set(['fi', 'sv', 'en']));
    expect(new Set(scenarios.map((s) => s.clock)).size).toBe(7);
    expect(new Set(scenarios.map((s) => s.id)).size).toBe(scenarios.length);
  });

  it.each(scenarios.map((s) => [s.id, s] as const))('%s', async (_id, scenario) => {
    const run = await runScenario(scenario);
    runs.set(scenario.id, run);
    expect(run.error).toBeUndefined();
    expect({ urgency: run.urgency, first: run.first }).toEqual({ urgency: scenario.urgency, first: scenario.first });
    expect(verdict(run).forbidden).toEqual([]);
  });

  it('a poisoning reaches the Poison Information Centre or 112 within three messages of saying it', () => {
    const poisoning = [...runs.values()].filter((r) => r.scenario.topic === 'poisoning' || r.scenario.topic === 'typed');
    expect(poisoning.length).toBeGreaterThanOrEqual(6);
    for (const run of poisoning) {
      // Language and privacy come before the emergency screen; count from the message that names it.
      expect(run.clientMessages - 2).toBeLessThanOrEqual(3);
      const first = run.outcomeTexts[0] ?? '';
      expect(first.includes('0800 147 111') || first.includes('112')).toBe(true);
    }
  });

  it('an outcome names 112 once, not twice', () => {
    for (const run of runs.values()) {
      const lines112 = run.outcomeTexts.filter((line) => /\b112\b/.test(line));
      expect(lines112.length).toBeLessThanOrEqual(1);
    }
  });
});
