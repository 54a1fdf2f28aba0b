// The copyable plain-text summary of a case for the patient record system, in the staff
// member's language. Labels come from locales/<lng>/staff.json (topics from entry.json);
// client-written values are flattened to one line so the structure survives copy and paste.
import type { i18n as I18nInstance } from 'i18next';
import type { AnswerValue, Locale } from '../flows/contract';
import type { HandoffCase } from '../handoff';
import type { ServiceCatalog } from '../routing/catalog/types';
import { helsinkiStamp } from '../routing/helsinkiTime';

/** One line of client text: control characters and line breaks become spaces. */
export function oneLine(text: string): string {
  return text
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The plain-text summary; `photoCount` is the number of photos of the case. */
export function caseSummaryText(c: HandoffCase, lang: Locale, i18n: I18nInstance, catalog: ServiceCatalog): string {
  const t = i18n.getFixedT(lang, 'staff');
  const label = (key: string) => t(`summary.${key}`);
  const none = label('none');
  const queue = catalog.queues.find((q) => q.id === c.queueId);
  const value = (v: AnswerValue): string => {
    if (typeof v === 'boolean') return v ? label('yes') : label('no');
    if (Array.isArray(v)) return v.map((item) => oneLine(String(item))).join(', ');
    return oneLine(String(v));
  };
  const lines: Array<[string, string]> = [
    [label('caseId'), c.id],
    [label('queue'), queue ? `${queue.name[lang]} (${c.queueId})` : c.queueId],
    [label('arrival'), helsinkiStamp(c.createdAt)],
    [label('status'), t(`status.${c.status}`)],
    [label('urgencyBot'), t(`urgency.${c.urgency}`)],
    [label('urgencyStaff'), c.staffUrgency ? t(`urgency.${c.staffUrgency}`) : label('notRated')],
    [label('segmentBot'), c.segment !== undefined ? t(`segment.${c.segment}`) : none],
    [label('segmentStaff'), c.staffSegment !== undefined ? t(`segment.${c.staffSegment}`) : c.staffUrgency ? none : label('notRated')],
    [label('topic'), c.topic ? i18n.getFixedT(lang, 'entry')(`topic.options.${c.topic}`) : none],
    [label('subject'), c.subject ? t(`subjectKind.${c.subject.kind}`) : none],
  ];
  if (c.subject?.ageBand) lines.push([label('childAge'), t(`ageBand.${c.subject.ageBand}`)]);
  if (c.subject?.relationship) lines.push([label('relationship'), t(`relationshipKind.${c.subject.relationship}`)]);
  if (c.subject?.consent) lines.push([label('consent'), t(`consentKind.${c.subject.consent}`)]);
  lines.push([label('language'), t(`languageName.${c.locale}`)]);
  if (c.outcome) lines.push([label('outcome'), t(`outcome.${c.outcome}`)]);
  if (c.contactRequest) {
    lines.push([label('contactMessage'), oneLine(c.contactRequest.message)]);
    lines.push([label('contactReachBy'), oneLine(c.contactRequest.reachBy)]);
  }
  lines.push([label('photos'), String(c.photoIds.length)]);
  const answers = Object.entries(c.answers).map(([questionId, v]) => `  ${oneLine(questionId)} = ${value(v)}`);
  return [label('title'), ...lines.map(([k, v]) => `${k}: ${v}`), `${label('answers')}:`, ...(answers.length > 0 ? answers : [`  ${none}`])].join('\n') + '\n';
}
