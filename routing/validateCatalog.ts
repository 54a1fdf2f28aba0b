// Start-up validation of the service catalog: the first bad entry stops the service
// with an error that names it.

import { EMERGENCY_SIGNS, TOPIC_IDS, URGENCIES } from '../flows';
import type { Condition } from '../flows/questionSet';
import { LOCALES } from '../flows/contract';
import { GENERAL_QUEUE_ID } from './catalog/queues';
import type { ExceptionDate, LocalizedText, ServiceCatalog } from './catalog/types';
import { clockMinutes } from './helsinkiTime';
import { EVE_IDS } from './publicHolidays';
import { conditionProblem } from './validateConditions';

/** A catalog entry that does not validate. */
export class CatalogError extends Error {
  /** Id of the bad entry (or the date of a bad holiday). */
  readonly entryId: string;
  readonly field: string;
  constructor(entryId: string, field: string, reason: string) {
    super(`Service catalog entry '${entryId}', ${field}: ${reason}`);
    this.name = 'CatalogError';
    this.entryId = entryId;
    this.field = field;
  }
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

function checkText(id: string, field: string, text: LocalizedText): void {
  for (const locale of LOCALES) {
    if (typeof text[locale] !== 'string' || text[locale].trim() === '') throw new CatalogError(id, `${field}.${locale}`, 'missing text');
  }
}

function checkSpan(id: string, field: string, open: string, close: string): void {
  if (!CLOCK.test(open) || !CLOCK.test(close)) throw new CatalogError(id, field, `times must be HH:MM, got ${open}–${close}`);
  if (clockMinutes(open) >= clockMinutes(close)) throw new CatalogError(id, field, `opens ${open} at or after it closes ${close}`);
}

function checkException(id: string, field: string, exception: ExceptionDate): void {
  if (!isDate(exception.date)) throw new CatalogError(id, field, `not a date: ${exception.date}`);
  checkText(id, `${field}.name`, exception.name);
  if (exception.hours) checkSpan(id, `${field}.hours`, exception.hours.open, exception.hours.close);
}

function checkCondition(id: string, field: string, when: Condition | undefined): void {
  if (when === undefined) return;
  const problem = conditionProblem(when);
  if (problem) throw new CatalogError(id, field, problem);
}

function checkRoutingKey(id: string, field: string, key: string): void {
  if (!key.startsWith('routing:')) throw new CatalogError(id, field, 'must be a key in the routing namespace');
}

function checkMembers(id: string, field: string, values: readonly string[], allowed: readonly string[], nonEmpty: boolean): void {
  if (nonEmpty && values.length === 0) throw new CatalogError(id, field, 'must not be empty');
  const bad = values.find((v) => !allowed.includes(v));
  if (bad !== undefined) throw new CatalogError(id, field, `unknown value '${bad}'`);
}

/** Throws CatalogError naming the first bad entry; returns the catalog when it is valid. */
export function validateCatalog(catalog: ServiceCatalog): ServiceCatalog {
  const seen = new Set<string>();
  const unique = (id: string): void => {
    if (!/^[a-z0-9_]+$/.test(id)) throw new CatalogError(id, 'id', 'ids are lower case letters, digits and _');
    if (seen.has(id)) throw new CatalogError(id, 'id', 'duplicate id');
    seen.add(id);
  };
  checkMembers('holidays', 'closedEves', catalog.holidays.closedEves, EVE_IDS, false);
  catalog.holidays.countyDays.forEach((h, i) => checkException(h.date, `holidays.countyDays[${i}]`, h));
  for (const queue of catalog.queues) {
    unique(queue.id);
    checkText(queue.id, 'name', queue.name);
    if (queue.hours.length === 0) throw new CatalogError(queue.id, 'hours', 'a queue needs weekly hours');
    queue.hours.forEach((h, i) => {
      if (!Number.isInteger(h.day) || h.day < 1 || h.day > 7) throw new CatalogError(queue.id, `hours[${i}].day`, 'day is 1 (Monday) to 7 (Sunday)');
      checkSpan(queue.id, `hours[${i}]`, h.open, h.close);
    });
    const days = queue.hours.map((h) => h.day);
    if (new Set(days).size !== days.length) throw new CatalogError(queue.id, 'hours', 'one span per weekday');
    (queue.exceptions ?? []).forEach((e, i) => checkException(queue.id, `exceptions[${i}]`, e));
    checkMembers(queue.id, 'topics', queue.topics, TOPIC_IDS, true);
    checkMembers(
      queue.id,
      'urgencies',
      queue.urgencies,
      URGENCIES.filter((u) => u !== 'emergency'),
      true,
    );
    checkCondition(queue.id, 'when', queue.when);
  }
  for (const article of catalog.selfCare) {
    unique(article.id);
    checkMembers(article.id, 'topics', article.topics, TOPIC_IDS, true);
    checkMembers(
      article.id,
      'urgencies',
      article.urgencies,
      URGENCIES.filter((u) => u !== 'emergency'),
      true,
    );
    checkCondition(article.id, 'when', article.when);
    checkRoutingKey(article.id, 'titleKey', article.titleKey);
    if (article.sections.length === 0) throw new CatalogError(article.id, 'sections', 'must not be empty');
    // The last "when to seek care" line has no condition, so every article says when to seek care.
    if (article.seekCare.length === 0 || article.seekCare[article.seekCare.length - 1]!.when !== undefined) {
      throw new CatalogError(article.id, 'seekCare', 'the last line must have no condition');
    }
    for (const [field, list] of [
      ['sections', article.sections],
      ['seekCare', article.seekCare],
    ] as const) {
      list.forEach((s, i) => {
        checkRoutingKey(article.id, `${field}[${i}].key`, s.key);
        checkCondition(article.id, `${field}[${i}].when`, s.when);
      });
    }
  }
  for (const resource of catalog.resources) {
    unique(resource.id);
    checkText(resource.id, 'name', resource.name);
    checkText(resource.id, 'hours', resource.hours);
    if (resource.phones.length === 0 && !resource.web) throw new CatalogError(resource.id, 'phones', 'needs a phone number or a web address');
    resource.phones.forEach((p, i) => {
      if (!/^[0-9 +]{3,}$/.test(p.number)) throw new CatalogError(resource.id, `phones[${i}]`, `not a phone number: ${p.number}`);
      checkMembers(resource.id, `phones[${i}].locales`, p.locales ?? [], LOCALES, false);
    });
    if (resource.web !== undefined && !resource.web.startsWith('https://')) throw new CatalogError(resource.id, 'web', 'must be an https address');
    for (const [locale, web] of Object.entries(resource.webIn ?? {})) {
      if (!resource.web) throw new CatalogError(resource.id, `webIn.${locale}`, 'needs the main web address too');
      if (!web.startsWith('https://')) throw new CatalogError(resource.id, `webIn.${locale}`, 'must be an https address');
    }
    checkMembers(resource.id, 'webIn', Object.keys(resource.webIn ?? {}), LOCALES, false);
    checkMembers(resource.id, 'emergencySigns', resource.emergencySigns ?? [], EMERGENCY_SIGNS, false);
    // A resource for emergencies only has no topics; any other needs at least one.
    checkMembers(resource.id, 'topics', resource.topics, TOPIC_IDS, resource.emergencySigns === undefined);
    checkCondition(resource.id, 'when', resource.when);
    if (resource.source.trim() === '') throw new CatalogError(resource.id, 'source', 'missing source');
    if (!isDate(resource.verified)) throw new CatalogError(resource.id, 'verified', `not a date: ${resource.verified}`);
  }
  for (const line of catalog.emergency) {
    unique(line.id);
    if (!/^[0-9 ]{3,}$/.test(line.phone)) throw new CatalogError(line.id, 'phone', `not a phone number: ${line.phone}`);
    if (!line.textKey.startsWith('routing:')) throw new CatalogError(line.id, 'textKey', 'must be a key in the routing namespace');
  }
  if (!Number.isInteger(catalog.settings.urgentWindowMinutes) || catalog.settings.urgentWindowMinutes < 0 || catalog.settings.urgentWindowMinutes > 12 * 60) {
    throw new CatalogError('settings', 'urgentWindowMinutes', 'a whole number of minutes, 0 to 720 (urgent is within hours today)');
  }
  catalog.roundTheClock.forEach((rule, i) => {
    const id = `roundTheClock[${i}]`;
    checkMembers(id, 'topics', rule.topics, TOPIC_IDS, true);
    checkCondition(id, 'when', rule.when);
    checkRoutingKey(id, 'callScriptKey', rule.callScriptKey);
    const known =
      rule.service.kind === 'emergency'
        ? catalog.emergency.some((l) => l.id === rule.service.id)
        : catalog.resources.some((r) => r.id === rule.service.id && r.alwaysOpen);
    if (!known) throw new CatalogError(id, 'service', `'${rule.service.id}' is not a known 24/7 line or an always-open resource`);
  });
  // No topic may be left without a 24/7 service for its urgent needs.
  for (const topic of TOPIC_IDS) {
    if (!catalog.roundTheClock.some((rule) => rule.topics.includes(topic) && rule.when === undefined)) {
      throw new CatalogError(topic, 'roundTheClock', 'the topic needs a 24/7 rule without a condition');
    }
  }
  if (!catalog.queues.some((q) => q.id === GENERAL_QUEUE_ID)) throw new CatalogError(GENERAL_QUEUE_ID, 'queues', 'the general queue is missing');
  for (const line of catalog.emergency) {
    checkRoutingKey(line.id, 'textKey', line.textKey);
    for (const [topic, key] of Object.entries(line.topicTextKeys ?? {})) {
      checkMembers(line.id, 'topicTextKeys', [topic], TOPIC_IDS, false);
      checkRoutingKey(line.id, `topicTextKeys.${topic}`, key ?? '');
    }
  }
  for (const required of ['call_112', 'call_116117', 'safety_net', 'poison_info']) {
    if (!catalog.emergency.some((l) => l.id === required)) throw new CatalogError(required, 'emergency', 'required line is missing');
  }
  return catalog;
}
