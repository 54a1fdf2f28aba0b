import { answerLines } from '../../http/answerLines';
import { createI18n } from '../../i18n/i18n';

const i18n = createI18n();

describe('answerLines: the client\u2019s answers in the staff member\u2019s language', () => {
  const answers = {
    'entry.subject': 'subject.adult',
    'skin.fever': false,
    'skin.symptoms': ['symptoms.itch', 'symptoms.blisters'],
    'skin.photo': ['p1', 'p2'],
    'old.question': 'kept as stored',
  };

  it.each(['fi', 'sv'] as const)('in %s, with option labels and the third person the client was asked in', (lng) => {
    const t = i18n.getFixedT(lng);
    const lines = answerLines(answers, { kind: 'adult' } as never, t);
    const byId = Object.fromEntries(lines.map((l) => [l.questionId, l]));
    expect(byId['entry.subject']).toEqual({ questionId: 'entry.subject', question: t('entry:subject.question'), answer: t('entry:subject.options.adult') });
    expect(byId['skin.fever']).toMatchObject({
      question: t(['skin:fever.question_adult', 'skin:fever.question_proxy', 'skin:fever.question']),
      answer: t('common:no'),
    });
    expect(byId['skin.symptoms']!.answer).toBe([t('skin:symptoms.options.itch'), t('skin:symptoms.options.blisters')].join(', '));
    expect(byId['skin.photo']!.answer).toBe(t('common:summary.photos', { count: 2 }));
    expect(byId['old.question']).toEqual({ questionId: 'old.question', question: 'old.question', answer: 'kept as stored' });
  });
});
