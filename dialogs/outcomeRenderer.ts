import { ActivityTypes, type Activity } from 'botbuilder';
import type { TFunction } from 'i18next';
import type { AnyMachineSnapshot } from 'xstate';
import type { Locale, SubjectKind } from '../flows/contract';
import type { TriageResult } from '../flows';
import { buildOutcomePayload, resourceWeb, route, type Recommendation, type Resource, type ServiceCatalog } from '../routing';
import { keyChain, textMessage } from './promptRenderer';
import { helsinkiDateTime } from './dateTime';
import { contactButton, joinButton } from './queueDesk';

export { helsinkiDateTime };

/** Name of the event activity that carries the machine-readable outcome. */
export const OUTCOME_EVENT = 'triage.outcome';

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

function recommendationText(rec: Recommendation, catalog: ServiceCatalog, t: TFunction, locale: Locale): string | undefined {
  switch (rec.kind) {
    case 'emergency':
      return rec.id === 'call_112' ? t('routing:emergency.call112') : t('routing:emergency.safetyNet');
    case 'selfcare': {
      const article = catalog.selfCare.find((a) => a.id === rec.id);
      return article ? [t(article.titleKey), t(article.bodyKey), t(article.seekCareKey)].join('\n') : undefined;
    }
    case 'resource': {
      const resource = catalog.resources.find((r) => r.id === rec.id);
      return resource ? resourceLine(resource, t, locale) : undefined;
    }
    case 'queue': {
      const queue = catalog.queues.find((q) => q.id === rec.id);
      if (!queue) return undefined;
      const status = rec.open
        ? t('routing:queue.openNow')
        : t('routing:queue.closed', { time: rec.nextOpening ? helsinkiDateTime(rec.nextOpening, locale) : '' });
      const line = t('common:outcome.queueLine', { name: queue.name[locale], status });
      return queue.strongIdentification ? `${line} ${t('routing:queue.strongId')}` : line;
    }
  }
}

function headline(result: TriageResult, t: TFunction, subject: SubjectKind | undefined): string[] {
  switch (result.outcome) {
    case 'emergency':
      return [t(`routing:outcome.emergency.${result.emergencySign ?? 'reported'}`, { defaultValue: t('routing:outcome.emergency.reported') })];
    case 'declined':
      return [t('routing:outcome.declined')];
    case 'human':
      return [t('routing:outcome.human')];
    case 'ended':
      return [t('routing:outcome.ended')];
    case 'completed': {
      const lines: string[] = [];
      if (result.flags.includes('adult_no_consent')) lines.push(t('routing:outcome.adviceOnly'));
      if (result.urgency) lines.push(t(keyChain(`routing:urgency.${result.urgency}`, subject)));
      // The segment text speaks to the client about themselves; for someone else it is staff's.
      if (result.segment && subject === 'self') lines.push(t(`routing:segment.${result.segment}`));
      if (result.flags.includes('teen_confidentiality')) lines.push(t('routing:flags.teen_confidentiality'));
      if (result.flags.includes('adult_cannot_consent')) lines.push(t('routing:flags.adult_cannot_consent'));
      return lines;
    }
  }
}

/**
 * Renders a finished triage: what it means, the recommendations lightest first with the
 * safety net last, and the `triage.outcome` event that websites and tests read.
 */
export function createOutcomeRenderer(catalog: ServiceCatalog, clock: () => Date, options: { joinButtons?: boolean } = {}) {
  return (snapshot: AnyMachineSnapshot, t: TFunction, locale: Locale): Partial<Activity>[] => {
    const result = snapshot.output as TriageResult | undefined;
    if (!result) return [];
    const subject = result.subject?.kind;
    const recommendations = route(result, catalog, clock());
    const out: Partial<Activity>[] = headline(result, t, subject).map((line) => textMessage(line, locale));
    const texts = recommendations.flatMap((rec) => {
      const text = recommendationText(rec, catalog, t, locale);
      return text === undefined ? [] : [{ text, markdown: rec.kind === 'resource' }];
    });
    const hasChoices = recommendations.some((r) => r.kind !== 'emergency');
    if (hasChoices && result.outcome === 'completed') out.push(textMessage(t('common:outcome.intro'), locale));
    out.push(...texts.map((entry) => {
      const message = textMessage(entry.text, locale);
      // Catalog lines (no client text in them) as markdown, so web addresses are tappable links.
      if (entry.markdown) message.textFormat = 'markdown';
      return message;
    }));
    // Open queues can be joined right here; a closed one takes a contact request for its opening.
    const joinable = options.joinButtons && result.outcome !== 'emergency'
      ? recommendations.filter((r) => r.kind === 'queue').flatMap((r) => {
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
