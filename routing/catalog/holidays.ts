// Finnish public holidays and the eves services close on, 2026–2027. The movable ones
// follow Easter (Good Friday -2, Easter Monday +1, Ascension +39, Pentecost +49),
// Midsummer Day is the Saturday of 20–26 June, All Saints' Day the Saturday of 31 Oct – 6 Nov.

import type { ExceptionDate } from './types';

function day(date: string, fi: string, sv: string, en: string): ExceptionDate {
  return { date, name: { fi, sv, en } };
}

/** Closure dates of queues that observe public holidays. */
export const HOLIDAYS: readonly ExceptionDate[] = [
  day('2026-01-01', 'Uudenvuodenpäivä', 'Nyårsdagen', "New Year's Day"),
  day('2026-01-06', 'Loppiainen', 'Trettondagen', 'Epiphany'),
  day('2026-04-03', 'Pitkäperjantai', 'Långfredagen', 'Good Friday'),
  day('2026-04-05', 'Pääsiäispäivä', 'Påskdagen', 'Easter Sunday'),
  day('2026-04-06', '2. pääsiäispäivä', 'Annandag påsk', 'Easter Monday'),
  day('2026-05-01', 'Vappu', 'Första maj', 'May Day'),
  day('2026-05-14', 'Helatorstai', 'Kristi himmelsfärdsdag', 'Ascension Day'),
  day('2026-05-24', 'Helluntaipäivä', 'Pingstdagen', 'Whit Sunday'),
  day('2026-06-19', 'Juhannusaatto', 'Midsommarafton', "Midsummer's Eve"),
  day('2026-06-20', 'Juhannuspäivä', 'Midsommardagen', 'Midsummer Day'),
  day('2026-10-31', 'Pyhäinpäivä', 'Alla helgons dag', "All Saints' Day"),
  day('2026-12-06', 'Itsenäisyyspäivä', 'Självständighetsdagen', 'Independence Day'),
  day('2026-12-24', 'Jouluaatto', 'Julafton', 'Christmas Eve'),
  day('2026-12-25', 'Joulupäivä', 'Juldagen', 'Christmas Day'),
  day('2026-12-26', 'Tapaninpäivä', 'Annandag jul', "St Stephen's Day"),
  day('2027-01-01', 'Uudenvuodenpäivä', 'Nyårsdagen', "New Year's Day"),
  day('2027-01-06', 'Loppiainen', 'Trettondagen', 'Epiphany'),
  day('2027-03-26', 'Pitkäperjantai', 'Långfredagen', 'Good Friday'),
  day('2027-03-28', 'Pääsiäispäivä', 'Påskdagen', 'Easter Sunday'),
  day('2027-03-29', '2. pääsiäispäivä', 'Annandag påsk', 'Easter Monday'),
  day('2027-05-01', 'Vappu', 'Första maj', 'May Day'),
  day('2027-05-06', 'Helatorstai', 'Kristi himmelsfärdsdag', 'Ascension Day'),
  day('2027-05-16', 'Helluntaipäivä', 'Pingstdagen', 'Whit Sunday'),
  day('2027-06-25', 'Juhannusaatto', 'Midsommarafton', "Midsummer's Eve"),
  day('2027-06-26', 'Juhannuspäivä', 'Midsommardagen', 'Midsummer Day'),
  day('2027-11-06', 'Pyhäinpäivä', 'Alla helgons dag', "All Saints' Day"),
  day('2027-12-06', 'Itsenäisyyspäivä', 'Självständighetsdagen', 'Independence Day'),
  day('2027-12-24', 'Jouluaatto', 'Julafton', 'Christmas Eve'),
  day('2027-12-25', 'Joulupäivä', 'Juldagen', 'Christmas Day'),
  day('2027-12-26', 'Tapaninpäivä', 'Annandag jul', "St Stephen's Day"),
];
