import { triageAccuracyReport } from '../../handoff/triageAccuracy';

describe('triageAccuracyReport', () => {
  it('counts agreement, under- and over-triage into the matrix', () => {
    const report = triageAccuracyReport([
      { bot: 'non_urgent', staff: 'urgent' },
      { bot: 'self_care', staff: 'emergency' },
      { bot: 'urgent', staff: 'urgent' },
      { bot: 'urgent', staff: 'self_care' },
    ]);
    expect(report).toMatchObject({ total: 4, agreed: 1, underTriaged: 2, overTriaged: 1 });
    expect(report.matrix.non_urgent.urgent).toBe(1);
    expect(report.matrix.self_care.emergency).toBe(1);
    expect(report.matrix.urgent.urgent).toBe(1);
    expect(report.matrix.urgent.self_care).toBe(1);
    expect(report.matrix.urgent.non_urgent).toBe(0);
  });
});
