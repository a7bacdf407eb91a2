// Survey campaign window (Moscow dates) and respondent codes («K7M-Q2P-X9T») built from supplied random bytes.
import type { FieldIssue } from '../errors.js';

/** A campaign window: open from the start of `opensOn` to the end of `closesOn`, Moscow time; `closedAt` closes it early. */
export interface CampaignWindow {
  /** 'YYYY-MM-DD', Europe/Moscow. */
  opensOn: string;
  /** 'YYYY-MM-DD', Europe/Moscow, inclusive. */
  closesOn: string;
  /** The instant a coordinator closed the campaign early (ISO string or Date), if they did. */
  closedAt?: string | Date | null;
}

export type CampaignStatus = 'scheduled' | 'open' | 'closed';

export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = {
  scheduled: 'запланировано',
  open: 'идёт анкетирование',
  closed: 'завершено',
};

/** Moscow is UTC+3 all year (no daylight saving since 2014). */
const MOSCOW_OFFSET_MS = 3 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written 'YYYY-MM-DD'. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** The Moscow calendar date of an instant, 'YYYY-MM-DD'. */
export function moscowDate(instant: Date): string {
  return new Date(instant.getTime() + MOSCOW_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instants the window opens (00:00 MSK of opensOn) and closes (00:00 MSK of the day after closesOn, exclusive). */
export function campaignInstants(window: Pick<CampaignWindow, 'opensOn' | 'closesOn'>): { opensAt: Date; closesAt: Date } {
  const start = Date.parse(`${window.opensOn}T00:00:00Z`) - MOSCOW_OFFSET_MS;
  const end = Date.parse(`${window.closesOn}T00:00:00Z`) - MOSCOW_OFFSET_MS + DAY_MS;
  return { opensAt: new Date(start), closesAt: new Date(end) };
}

/** Field problems of a window (invalid dates, closing before opening); empty when fine. */
export function checkCampaignWindow(window: Pick<CampaignWindow, 'opensOn' | 'closesOn'>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!isIsoDate(window.opensOn)) issues.push({ path: 'opensOn', message: 'Укажите дату начала в формате ГГГГ-ММ-ДД' });
  if (!isIsoDate(window.closesOn)) issues.push({ path: 'closesOn', message: 'Укажите дату окончания в формате ГГГГ-ММ-ДД' });
  if (!issues.length && window.closesOn < window.opensOn) {
    issues.push({ path: 'closesOn', message: 'Дата окончания не может быть раньше даты начала' });
  }
  return issues;
}

/** Status at an instant: before the window — scheduled; inside and not closed early — open; otherwise closed. */
export function campaignStatus(window: CampaignWindow, now: Date): CampaignStatus {
  const t = now.getTime();
  if (window.closedAt != null) {
    const closed = new Date(window.closedAt).getTime();
    if (!Number.isNaN(closed) && t >= closed) return 'closed';
  }
  const { opensAt, closesAt } = campaignInstants(window);
  if (t < opensAt.getTime()) return 'scheduled';
  if (t >= closesAt.getTime()) return 'closed';
  return 'open';
}

/** Whether answers are accepted at this instant. */
export function acceptsAnswers(window: CampaignWindow, now: Date): boolean {
  return campaignStatus(window, now) === 'open';
}

// ---- Respondent codes ----

/** 32 characters with nothing to confuse: no 0/O, 1/I. */
export const RESPONDENT_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** Characters in a code (5 bits each: 45 bits of randomness). */
export const RESPONDENT_CODE_LENGTH = 9;
/** Random bytes `formatRespondentCode` needs. */
export const RESPONDENT_CODE_BYTES = Math.ceil((RESPONDENT_CODE_LENGTH * 5) / 8);

const CODE_PATTERN = new RegExp(`^[${RESPONDENT_CODE_ALPHABET}]{3}-[${RESPONDENT_CODE_ALPHABET}]{3}-[${RESPONDENT_CODE_ALPHABET}]{3}$`);

/** 'K7M-Q2P-X9T' from at least RESPONDENT_CODE_BYTES random bytes (the caller supplies crypto randomness). */
export function formatRespondentCode(bytes: Uint8Array): string {
  if (bytes.length < RESPONDENT_CODE_BYTES) throw new RangeError(`formatRespondentCode needs ${RESPONDENT_CODE_BYTES} bytes, got ${bytes.length}`);
  let out = '';
  for (let i = 0; i < RESPONDENT_CODE_LENGTH; i++) {
    let index = 0;
    for (let b = 0; b < 5; b++) {
      const bit = i * 5 + b;
      index = (index << 1) | (((bytes[bit >> 3] ?? 0) >> (7 - (bit & 7))) & 1);
    }
    out += RESPONDENT_CODE_ALPHABET[index];
    if (i % 3 === 2 && i < RESPONDENT_CODE_LENGTH - 1) out += '-';
  }
  return out;
}

/** Cyrillic letters that look like Latin ones, as people type them on a Russian keyboard. */
const LOOKALIKES: Record<string, string> = { А: 'A', В: 'B', С: 'C', Е: 'E', Н: 'H', К: 'K', М: 'M', Р: 'P', Т: 'T', Х: 'X', У: 'Y', З: '3' };

/** A typed code in canonical form ('k7m q2p х9т' → 'K7M-Q2P-X9T': case, spaces, dashes, Cyrillic look-alikes); null if it is not a code. */
export function normalizeRespondentCode(input: string): string | null {
  const chars = [...input.toUpperCase()]
    .filter((ch) => !/[\s\-–—_.]/.test(ch))
    .map((ch) => LOOKALIKES[ch] ?? ch)
    .join('');
  if (chars.length !== RESPONDENT_CODE_LENGTH) return null;
  const code = `${chars.slice(0, 3)}-${chars.slice(3, 6)}-${chars.slice(6)}`;
  return CODE_PATTERN.test(code) ? code : null;
}

/** True for a code in canonical form. */
export function isRespondentCode(value: string): boolean {
  return CODE_PATTERN.test(value);
}
