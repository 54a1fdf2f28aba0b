// Shapes of the service catalog: data a county edits, validated at start-up.

import type { ResultFlag, TopicId, Urgency } from '../../flows';
import type { Condition } from '../../flows/questionSet';
import type { EmergencySign } from '../../flows/emergencySigns';
import type { Locale } from '../../flows/contract';

/** Text in every language the service speaks. */
export type LocalizedText = Readonly<Record<Locale, string>>;

/** Opening hours on one weekday, local time in Europe/Helsinki; day 1 = Monday … 7 = Sunday. */
export interface DayHours {
  day: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  open: string;
  close: string;
}

/** A date (YYYY-MM-DD, Helsinki) when the normal weekly hours do not apply. */
export interface ExceptionDate {
  date: string;
  name: LocalizedText;
  /** Hours that day; absent means closed all day. */
  hours?: { open: string; close: string };
}

/** Eves that are not public holidays but on which a county may close (routing/publicHolidays.ts). */
export type EveId = 'midsummerEve' | 'christmasEve' | 'newYearsEve';

/** Closure days of queues that observe holidays: Finnish public holidays are computed for any year. */
export interface HolidayPolicy {
  /** Eves on which those queues close as on a public holiday. */
  closedEves: readonly EveId[];
  /** The county's own days (an extra closure, or shorter hours on an eve); they take precedence. */
  countyDays: readonly ExceptionDate[];
}

/** A staff work queue the chat can hand a matter to. */
export interface WorkQueue {
  id: string;
  name: LocalizedText;
  hours: readonly DayHours[];
  /** Closed on the catalog's public holidays and eves. */
  observesPublicHolidays: boolean;
  /** Dates of this queue only; they take precedence over the holidays. */
  exceptions?: readonly ExceptionDate[];
  topics: readonly TopicId[];
  urgencies: readonly Urgency[];
  strongIdentification: boolean;
  phone?: string;
  /** Offered only when the answers meet this condition (full question ids). */
  when?: Condition;
}

/** One paragraph of a self-care article, shown only when its condition holds. */
export interface ArticleSection {
  /** Key in the routing namespace; rendered through the `_child` / `_adult` / `_proxy` chain. */
  key: string;
  when?: Condition;
}

/** A self-care article; all wording is in the `routing` namespace under these keys. */
export interface SelfCareArticle {
  id: string;
  topics: readonly TopicId[];
  /** Urgencies for which the article is offered (self-care, or advice while waiting). */
  urgencies: readonly Urgency[];
  /** Offered only when the answers meet this condition. */
  when?: Condition;
  titleKey: string;
  /** The advice, paragraph by paragraph: only the sections whose condition holds are shown. */
  sections: readonly ArticleSection[];
  /** When to seek care instead: the first section whose condition holds is shown with the article. */
  seekCare: readonly ArticleSection[];
}

/** A phone number, optionally only for some languages (e.g. a Swedish-language line). */
export interface PhoneNumber {
  number: string;
  locales?: readonly Locale[];
  /** Which line this is, when a service has several (e.g. east and west). */
  label?: LocalizedText;
}

/** A third-sector or national service. */
export interface Resource {
  id: string;
  name: LocalizedText;
  phones: readonly PhoneNumber[];
  web?: string;
  /** The service's page in a language other than Finnish (e.g. Swedish), where it has one; `web` otherwise. */
  webIn?: Readonly<Partial<Record<Locale, string>>>;
  hours: LocalizedText;
  topics: readonly TopicId[];
  /** Offered only when the result carries one of these flags. */
  whenFlags?: readonly ResultFlag[];
  /** Offered only when the answers meet this condition. */
  when?: Condition;
  /** Named after 112 in these emergency outcomes (a resource may be for emergencies only: no topics). */
  emergencySigns?: readonly EmergencySign[];
  /** Answers at any hour: may be the first thing an urgent client reads at night. */
  alwaysOpen: boolean;
  /** Where the facts come from. */
  source: string;
  /** Date (YYYY-MM-DD) the facts were last checked. */
  verified: string;
  /** The source marks the number or hours as old or indirect: re-check before relying on it. */
  needsVerification: boolean;
}

/** An emergency number line (112, the 116117 safety net, poison information). */
export interface EmergencyLine {
  id: string;
  phone: string;
  textKey: string;
  /** The text for outcomes of these topics instead of `textKey` (e.g. a social safety net for money and housing). */
  topicTextKeys?: Readonly<Partial<Record<TopicId, string>>>;
}

/** A service that answers 24/7, named in a recommendation. */
export interface ServiceRef {
  kind: 'emergency' | 'resource';
  id: string;
}

/**
 * The 24/7 service that answers an urgent need of a topic when no work queue answers now.
 * The first rule of a topic whose condition holds applies; every topic needs a rule without one.
 */
export interface RoundTheClockRule {
  topics: readonly TopicId[];
  when?: Condition;
  service: ServiceRef;
  /** What to say when calling (routing namespace key, through the subject chain). */
  callScriptKey: string;
  /** First even while a queue is open (e.g. the crisis line for thoughts of suicide). */
  alwaysFirst?: boolean;
  /** Clinical or service reason, for reviewers. */
  note: string;
}

/** Routing settings a county tunes. */
export interface RoutingSettings {
  /**
   * The urgent deadline: an urgent need is met within hours today. A closed queue that opens
   * within this many minutes still qualifies (after the 24/7 service); later ones are only a
   * contact request.
   */
  urgentWindowMinutes: number;
}

/** The whole catalog. */
export interface ServiceCatalog {
  settings: RoutingSettings;
  /** 24/7 services by topic for urgent needs out of hours, in rule order. */
  roundTheClock: readonly RoundTheClockRule[];
  queues: readonly WorkQueue[];
  /** Which eves besides the public holidays close the queues that observe them, and the county's own days. */
  holidays: HolidayPolicy;
  selfCare: readonly SelfCareArticle[];
  resources: readonly Resource[];
  emergency: readonly EmergencyLine[];
}
