import type { QuestionSetDef } from '../questionSet';
import type { TopicId } from '../topicIds';
import { dentalSet } from './dental';
import { familySet } from './family';
import { homecareSet } from './homecare';
import { mentalSet } from './mental';
import { moneySet } from './money';
import { otherSet } from './other';
import { respiratorySet } from './respiratory';
import { skinSet } from './skin';
import { urinarySet } from './urinary';

/** The question set of each topic. */
export const TOPIC_SETS: Readonly<Record<TopicId, QuestionSetDef>> = {
  skin: skinSet,
  urinary: urinarySet,
  respiratory: respiratorySet,
  dental: dentalSet,
  mental: mentalSet,
  homecare: homecareSet,
  money: moneySet,
  family: familySet,
  other: otherSet,
};
