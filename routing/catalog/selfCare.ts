// Self-care articles; the wording (title, advice, when to seek care) is in locales/*/routing.json.

import type { SelfCareArticle } from './types';
import type { TopicId } from '../../flows';

function article(id: string, topics: TopicId[]): SelfCareArticle {
  return {
    id,
    topics,
    urgencies: ['self_care', 'non_urgent'],
    titleKey: `routing:selfCare.${id}.title`,
    bodyKey: `routing:selfCare.${id}.body`,
    seekCareKey: `routing:selfCare.${id}.seekCare`,
  };
}

/** Self-care articles by topic. */
export const SELF_CARE: readonly SelfCareArticle[] = [
  article('skin_rash', ['skin']),
  article('urinary_infection', ['urinary']),
  article('respiratory_infection', ['respiratory']),
  article('oral_health', ['dental']),
  article('mental_wellbeing', ['mental']),
  article('living_at_home', ['homecare']),
  article('money_matters', ['money']),
  article('family_everyday', ['family']),
  article('general_advice', ['other']),
];
