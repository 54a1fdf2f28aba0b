/** The nine topics of the menu, in menu order. */
export const TOPIC_IDS = ['skin', 'urinary', 'respiratory', 'dental', 'mental', 'homecare', 'money', 'family', 'other'] as const;
export type TopicId = (typeof TOPIC_IDS)[number];

/** True when the string is a topic id. */
export function isTopicId(value: string): value is TopicId {
  return (TOPIC_IDS as readonly string[]).includes(value);
}
