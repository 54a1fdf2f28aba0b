import { emergencyScreen } from '../../../dialogs/turn/emergencyScreen';
import { detectEmergencySign } from '../../../flows';
import { StepBench } from './stepBench';

describe('emergency screen step', () => {
  const step = emergencyScreen(detectEmergencySign);

  it('names the sign in typed text and passes the turn on', async () => {
    const bench = new StepBench();
    const turn = await bench.turn('isällä on kova rintakipu');
    expect(await step.run(turn)).toBe('next');
    expect([turn.sign, turn.signInText]).toEqual(['chest_pain', 'chest_pain']);
    expect(bench.sent()).toEqual([]);
  });

  it('does not take a pressed button label as typed, but still sees it in the text', async () => {
    const bench = new StepBench();
    const turn = await bench.turn({ text: 'Kova rintakipu', value: { choice: 'emergency.chest_pain' } });
    await step.run(turn);
    expect(turn.sign).toBeNull();
    expect(turn.signInText).toBe('chest_pain');
  });

  it('leaves both empty for ordinary words or without a detector', async () => {
    const bench = new StepBench();
    const plain = await bench.turn('hammas on kipeä');
    await step.run(plain);
    expect([plain.sign, plain.signInText]).toEqual([null, null]);
    const blind = await bench.turn('rintakipu');
    await emergencyScreen(undefined).run(blind);
    expect(blind.sign).toBeNull();
  });
});
