import { emergencySign } from '../../../dialogs/turn/emergencySign';
import { flowAfter, StepBench } from './stepBench';

describe('emergency sign step', () => {
  it('turns a typed sign into the flow event that ends in the emergency outcome', async () => {
    const turn = await new StepBench().turn('rintakipu', flowAfter('fi'));
    turn.sign = 'chest_pain';
    expect(await emergencySign().run(turn)).toBe('next');
    expect(turn.event).toEqual({ type: 'EMERGENCY_SIGN', sign: 'chest_pain' });
  });

  it('leaves an answer already read (a photo) and a turn without a sign alone', async () => {
    const bench = new StepBench();
    const plain = await bench.turn('hei', flowAfter('fi'));
    await emergencySign().run(plain);
    expect(plain.event).toBeUndefined();
    const photo = await bench.turn('x', flowAfter('fi'));
    photo.event = { type: 'ANSWER', value: ['p1'] };
    photo.sign = 'bleeding';
    await emergencySign().run(photo);
    expect(photo.event).toEqual({ type: 'ANSWER', value: ['p1'] });
  });
});
