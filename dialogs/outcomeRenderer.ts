import { ActivityTypes, type Activity } from 'botbuilder';
import type { TFunction } from 'i18next';
import type { AnyMachineSnapshot } from 'xstate';
import type { Locale, SubjectKind } from '../flows/contract';
import type { TriageResult } from '../flows';
import { isEmergencySign } from '../flows/emergencySigns';
import { auditCLimit, auditCScore, moodScreenPositive } from '../flows/scoring';
import { buildOutcomePayload, conditionHolds, resourceWeb, route, type Recommendation, type Resource, type ServiceCatalog } from '../routing';
import type { SelfCareArticle } from '../routing/catalog/types';
import { keyChain, textMessage } from './promptRenderer';
import { helsinkiDateTime } from '../routing/helsinkiTime';
import { contactButton, joinButton } from './queueDesk';

export { helsinkiDateTime };

/** Name of the event activity that carries the machine-readable outcome. */
export const OUTCOME_EVENT = 'triage.outcome';

/** Emergency signs whose outcome names the Poison Information Centre and gives first aid. */
const POISONING_SIGNS: readonly string[] = ['poisoning', 'poisoning_severe'];

/** Translates through the subject chain: `_child` / `_adult`, then `_proxy`, then the plain key. */
type SubjectT = (key: string, options?: Record<string, unknown>) => string;

function subjectT(t: TFunction, subject: SubjectKind | undefined): SubjectT {
  return (key, options) => t(keyChain(key, subject), options ?? {});
}

function resourceLine(resource: Resource, t: TFunction, locale: Locale): string {
  const phones = resource.phones
    .filter((p) => !p.locales || p.locales.includes(locale))
    .map((p) => (p.label ? t('common:outcome.phoneWithLabel', { label: p.label[locale], number: p.number }) : p.number));
  const web = resourceWeb(resource, locale);
  const base =
    phones.length > 0
      ? t('common:outcome.resourceLine', { name: resource.name[locale], phones: phones.join(', '), hours: resource.hours[locale] })
      : t('common:outcome.resourceWebLine', { name: resource.name[locale], web: web ?? '', hours: resource.hours[locale] });
  const parts = [base];
  if (phones.length > 0 && web) parts.push(t('common:outcome.web', { web }));
  if (resource.needsVerification) parts.push(t('routing:resource.needsVerification'));
  return parts.join(' ');
}

/** The article as the person's answers make it: the sections that apply and one "when to seek care" line. */
export function articleText(article: SelfCareArticle, result: TriageResult, st: SubjectT): string {
  const sections = article.sections.filter((s) => conditionHolds(s.when, result)).map((s) => st(s.key));
  const seekCare = article.seekCare.find((s) => conditionHolds(s.when, result));
  return [st(article.titleKey), ...sections, ...(seekCare ? [st(seekCare.key)] : [])].join('\n');
}

function recommendationText(
  rec: Recommendation,
  result: TriageResult,
  catalog: ServiceCatalog,
  t: TFunction,
  st: SubjectT,
  locale: Locale,
): string | undefined {
  const script = rec.callScriptKey ? `\n${st(rec.callScriptKey)}` : '';
  switch (rec.kind) {
    case 'emergency': {
      const line = catalog.emergency.find((l) => l.id === rec.id);
      if (!line) return undefined;
      const key = (result.topic !== undefined ? line.topicTextKeys?.[result.topic] : undefined) ?? line.textKey;
      return `${st(key)}${script}`;
    }
    case 'selfcare': {
      const article = catalog.selfCare.find((a) => a.id === rec.id);
      return article ? articleText(article, result, st) : undefined;
    }
    case 'resource': {
      const resource = catalog.resources.find((r) => r.id === rec.id);
      return resource ? `${resourceLine(resource, t, locale)}${script}` : undefined;
    }
    case 'queue': {
      const queue = catalog.queues.find((q) => q.id === rec.id);
      if (!queue) return undefined;
      const status = rec.open
        ? t('routing:queue.openNow')
        : t('routing:queue.closed', { time: rec.nextOpening ? helsinkiDateTime(rec.nextOpening, locale) : '' });
      // A service named is reachable from the same message: its phone number where it has one.
      const parts = [t('common:outcome.queueLine', { name: queue.name[locale], status })];
      if (queue.phone) parts.push(t('common:outcome.queuePhone', { phone: queue.phone }));
      if (queue.strongIdentification) parts.push(t('routing:queue.strongId'));
      return parts.join(' ');
    }
  }
}

/** What the screening answers mean, in plain words with the next step (mental health topic). */
function screeningLines(result: TriageResult, st: SubjectT): string[] {
  if (result.topic !== 'mental') return [];
  const lines: string[] = [];
  const answers = result.answers;
  if (answers['mental.moodLow'] !== undefined || answers['mental.moodInterest'] !== undefined) {
    lines.push(st(moodScreenPositive(answers) ? 'routing:screening.moodPositive' : 'routing:screening.moodNegative'));
  }
  // "Never" drinks: no score to explain.
  if (answers['mental.auditFrequency'] !== undefined && answers['mental.auditFrequency'] !== 'auditFrequency.never') {
    const score = auditCScore(answers);
    const limit = auditCLimit(answers);
    lines.push(st(score >= limit ? 'routing:screening.auditRisk' : 'routing:screening.auditLow', { score, limit }));
  }
  return lines;
}

function headline(result: TriageResult, t: TFunction, st: SubjectT): string[] {
  switch (result.outcome) {
    case 'emergency': {
      const sign = result.emergencySign ?? 'reported';
      const lines = [st(`routing:outcome.emergency.${isEmergencySign(sign) ? sign : 'reported'}`)];
      if (POISONING_SIGNS.includes(sign)) lines.push(st('routing:poisoning.firstAid'));
      return lines;
    }
    case 'declined':
      return [t('routing:outcome.declined')];
    case 'human':
      return [t('routing:outcome.human')];
    case 'ended':
      return [t('routing:outcome.ended')];
    case 'completed': {
      const lines: string[] = [];
      if (result.flags.includes('adult_no_consent')) lines.push(t('routing:outcome.adviceOnly'));
      if (result.urgency) lines.push(st(`routing:urgency.${result.urgency}`));
      lines.push(...screeningLines(result, st));
      if (result.segment) lines.push(st(`routing:segment.${result.segment}`));
      if (result.flags.includes('teen_confidentiality')) lines.push(t('routing:flags.teen_confidentiality'));
      if (result.flags.includes('adult_cannot_consent')) lines.push(t('routing:flags.adult_cannot_consent'));
      return lines;
    }
  }
}

/**
 * Renders a finished triage: what it means, the recommendations in routing order (for an
 * urgent need the service that answers now first) with the safety net last, and the
 * `triage.outcome` event that websites and tests read. Every line that speaks of the person
 * goes through the `_child` / `_adult` / `_proxy` chain.
 */
export function createOutcomeRenderer(catalog: ServiceCatalog, clock: () => Date, options: { joinButtons?: boolean } = {}) {
  return (snapshot: AnyMachineSnapshot, t: TFunction, locale: Locale): Partial<Activity>[] => {
    const result = snapshot.output as TriageResult | undefined;
    if (!result) return [];
    const st = subjectT(t, result.subject?.kind);
    const recommendations = route(result, catalog, clock());
    const out: Partial<Activity>[] = headline(result, t, st).map((line) => textMessage(line, locale));
    // An emergency headline already says which number to call now: one 112 line, not two.
    const shown = result.outcome === 'emergency' ? recommendations.filter((r) => r.kind !== 'emergency') : recommendations;
    const texts = shown.flatMap((rec) => {
      const text = recommendationText(rec, result, catalog, t, st, locale);
      return text === undefined ? [] : [{ text, markdown: rec.kind === 'resource' }];
    });
    const hasChoices = recommendations.some((r) => r.kind !== 'emergency');
    if (hasChoices && result.outcome === 'completed') {
      out.push(textMessage(t(result.urgency === 'urgent' ? 'common:outcome.introUrgent' : 'common:outcome.intro'), locale));
    }
    out.push(
      ...texts.map((entry) => {
        const message = textMessage(entry.text, locale);
        // Catalog lines (no client text in them) as markdown, so web addresses are tappable links.
        if (entry.markdown) message.textFormat = 'markdown';
        return message;
      }),
    );
    // Open queues can be joined right here; a closed one takes a contact request for its opening.
    const joinable =
      options.joinButtons && result.outcome !== 'emergency'
        ? recommendations
            .filter((r) => r.kind === 'queue')
            .flatMap((r) => {
              const queue = catalog.queues.find((q) => q.id === r.id);
              if (!queue) return [];
              return [r.open ? joinButton(queue.id, queue.name[locale], t) : contactButton(queue.id, queue.name[locale], t)];
            })
        : [];
    const last = out[out.length - 1];
    if (joinable.length > 0 && last) last.suggestedActions = { to: [], actions: joinable };
    out.push({ type: ActivityTypes.Event, name: OUTCOME_EVENT, value: buildOutcomePayload(result, recommendations), locale });
    return out;
  };
}
