import { auditCLimit, auditCRisk, auditCScore, moodScreenPositive } from '../../flows/scoring';
import { segmentFor } from '../../flows/segmentation';

const audit = (f: string, q: string, b: string, extra: Record<string, string> = {}) => ({
  'mental.auditFrequency': `auditFrequency.${f}`,
  'mental.auditQuantity': `auditQuantity.${q}`,
  'mental.auditBinge': `auditBinge.${b}`,
  ...extra,
});

describe('AUDIT-C', () => {
  it('scores 0–12', () => {
    expect(auditCScore(audit('never', 'oneTwo', 'never'))).toBe(0);
    expect(auditCScore(audit('fourPlusWeek', 'tenPlus', 'daily'))).toBe(12);
    expect(auditCScore(audit('twoToFourMonth', 'threeFour', 'monthly'))).toBe(5);
  });

  it('uses the limits 65+ >= 4, women >= 5, men >= 6', () => {
    const five = audit('twoToFourMonth', 'threeFour', 'monthly');
    expect(auditCLimit({ ...five, 'mental.sex': 'sex.male' })).toBe(6);
    expect(auditCRisk({ ...five, 'mental.sex': 'sex.male', 'mental.ageGroup': 'ageGroup.18to64' })).toBe(false);
    expect(auditCRisk({ ...five, 'mental.sex': 'sex.female', 'mental.ageGroup': 'ageGroup.18to64' })).toBe(true);
    const four = audit('twoToFourMonth', 'threeFour', 'lessThanMonthly');
    expect(auditCRisk({ ...four, 'mental.sex': 'sex.male', 'mental.ageGroup': 'ageGroup.65plus' })).toBe(true);
    expect(auditCRisk({ ...four, 'mental.sex': 'sex.female', 'mental.ageGroup': 'ageGroup.18to64' })).toBe(false);
  });

  it('the mood screen is positive on either yes', () => {
    expect(moodScreenPositive({ 'mental.moodLow': false, 'mental.moodInterest': true })).toBe(true);
    expect(moodScreenPositive({ 'mental.moodLow': false, 'mental.moodInterest': false })).toBe(false);
  });
});

describe('segment table', () => {
  it.each([
    ['easy', 'few', 'occasional', 1],
    ['easy', 'many', 'continuous', 3],
    ['temporarilyDifficult', 'few', 'temporary', 2],
    ['temporarilyDifficult', 'many', 'continuous', 4],
    ['difficult', 'few', 'temporary', 2],
    ['difficult', 'many', 'occasional', 4],
  ] as const)('%s / %s / %s -> %d', (coping, needs, duration, segment) => {
    expect(segmentFor(coping, needs, duration)).toBe(segment);
  });
});
