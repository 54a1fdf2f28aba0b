import { detectEmergencySign, detectNegatedEmergencySign } from '../../flows/emergencySigns';

describe('emergency signs named negated', () => {
  it.each([
    ['ei rintakipua', 'chest_pain'],
    ['mulla ei oo mitään rintakipua', 'chest_pain'],
    ['Inget bröstsmärta', 'chest_pain'],
    ['ingen bröstsmärta alls', 'chest_pain'],
    ['no chest pain', 'chest_pain'],
    ["I don't have chest pain", 'chest_pain'],
    ['ei rintakipua eikä hengenahdistusta', 'chest_pain'],
    ["i don't want to die, i just feel low", 'suicide'],
  ])('"%s" names %s only negated', (text, sign) => {
    // The plain detector still sees the sign: the negation only changes what the dialog asks.
    expect(detectEmergencySign(text)).toBe(sign);
    expect(detectNegatedEmergencySign(text)).toBe(sign);
  });

  it.each([
    ['kova rintakipu'],
    ['ei kuumetta mutta rintakipua'],
    ['ei, mulla on rintakipua'],
    ['no fever, chest pain since morning'],
    ['no fever and chest pain'],
    ['ingen feber men bröstsmärta'],
    ['ei rintakipua mutta en saa henkeä'],
    ['isä ei hengitä'],
    ['he is not breathing'],
    ['en saa henkeä'],
    ['har en bröstsmärta'],
  ])('"%s" names a sign plainly: not negated', (text) => {
    expect(detectEmergencySign(text)).not.toBeNull();
    expect(detectNegatedEmergencySign(text)).toBeNull();
  });

  it('names nothing in a text without a sign', () => {
    expect(detectNegatedEmergencySign('ei kuumetta')).toBeNull();
    expect(detectNegatedEmergencySign('')).toBeNull();
  });
});
