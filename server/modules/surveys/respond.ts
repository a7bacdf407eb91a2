// Anonymous answering through a respondent code (public, no account). A response is identified by a random token only
// the respondent's browser holds; the database keeps its SHA-256. No IP address, user agent or account is stored.
import { createHash, randomBytes } from 'node:crypto';
import { ConflictError, NotFoundError, TooManyRequestsError, ValidationError } from '../../../domain/errors.js';
import {
  acceptsAnswers,
  campaignStatus,
  cleanResponse,
  normalizeRespondentCode,
  surveyQuestions,
  type CampaignStatus,
  type InstrumentDefinition,
} from '../../../domain/surveys/index.js';
import type { Db, Tx } from '../../db/client.js';
import * as q from './queries.js';
import type { AnswerInput } from './schemas.js';

export const CODE_NOT_FOUND = 'Код не найден: проверьте, что он введён без ошибок, или попросите в школе действующий код';
/** New responses per code within the window (flood guard). */
/** New answers through one code per window at most (a parents' meeting); smaller codes get less, see burstLimit. */
export const RATE_LIMIT = 60;
export const RATE_WINDOW_SECONDS = 10 * 60;
/** Empty drafts (opened, nothing answered) expire after this many minutes. */
export const STALE_DRAFT_MINUTES = 60;

/** New answers one code may start per window, from the school's own numbers (its cap): a third of them, 5 to 60. */
export function burstLimit(cap: number): number {
  return Math.min(RATE_LIMIT, Math.max(5, Math.ceil(cap / 3)));
}

function capReached(cap: number) {
  return new TooManyRequestsError(
    `По этому коду уже получено ${cap} заполненных анкет — столько, сколько ожидает школа. Если это ошибка, попросите школу уточнить численность респондентов.`,
    3600,
  );
}
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A well-formed token from the header, or undefined (anything else is ignored: a new response is started). */
export function tokenOf(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value && TOKEN.test(value) ? value : undefined;
}

function closedMessage(status: CampaignStatus, opensOn: string): string {
  return status === 'scheduled'
    ? `Анкетирование ещё не началось: оно откроется ${opensOn.split('-').reverse().join('.')}`
    : 'Анкетирование завершено: ответы больше не принимаются';
}

interface Target {
  link: q.LinkRow;
  schoolName: string | null;
  campaign: q.CampaignRow;
  definition: InstrumentDefinition;
  version: number;
}

export class RespondService {
  constructor(private readonly db: Db) {}

  private async target(db: Tx, rawCode: string): Promise<Target> {
    const code = normalizeRespondentCode(rawCode);
    const found = code ? await q.linkByCode(db, code) : undefined;
    if (!found || found.link.revokedAt !== null) throw new NotFoundError(CODE_NOT_FOUND);
    const campaign = await q.campaignById(db, found.link.campaignId);
    if (!campaign) throw new NotFoundError(CODE_NOT_FOUND);
    const version = campaign.instrumentVersions[found.link.instrument];
    const instrument = await q.instrument(db, found.link.instrument, version);
    if (!instrument) throw new NotFoundError(CODE_NOT_FOUND);
    return {
      link: found.link,
      schoolName: found.schoolName,
      campaign,
      definition: instrument.definition as unknown as InstrumentDefinition,
      version: instrument.version,
    };
  }

  /** The response a token belongs to, when it was started for the same campaign, school and instrument. */
  private async responseOf(db: Tx, t: Target, token: string | undefined, lock = false): Promise<q.ResponseRow | undefined> {
    if (!token) return undefined;
    const r = await q.responseByToken(db, hashToken(token), lock);
    if (!r || r.campaignId !== t.link.campaignId || r.schoolId !== t.link.schoolId || r.instrument !== t.link.instrument) return undefined;
    return r;
  }

  async open(rawCode: string, token: string | undefined) {
    const t = await this.target(this.db, rawCode);
    const { campaign } = t;
    const response = await this.responseOf(this.db, t, token);
    return {
      campaign: {
        title: campaign.title,
        status: campaignStatus({ opensOn: campaign.opensOn, closesOn: campaign.closesOn, closedAt: campaign.closedAt }, new Date()),
        closesOn: campaign.closesOn,
      },
      school: t.schoolName,
      instrument: { code: t.link.instrument, title: t.definition.title, version: t.version, definition: t.definition },
      draft: response && response.status === 'draft' ? { answers: response.answers, updatedAt: response.updatedAt.toISOString() } : null,
      submitted: response?.status === 'submitted',
    };
  }

  async answer(rawCode: string, token: string | undefined, input: AnswerInput): Promise<{ token: string; status: 'draft' | 'submitted' }> {
    return this.db.transaction(async (tx) => {
      const t = await this.target(tx, rawCode);
      const { campaign } = t;
      const window = { opensOn: campaign.opensOn, closesOn: campaign.closesOn, closedAt: campaign.closedAt };
      const now = new Date();
      if (!acceptsAnswers(window, now)) throw new ConflictError(closedMessage(campaignStatus(window, now), campaign.opensOn));

      const answers = cleanResponse(t.definition, input.answers);
      if (input.complete) {
        const missing = surveyQuestions(t.definition.survey).filter((el) => el.isRequired && !Object.hasOwn(answers, el.name));
        if (missing.length) {
          throw new ValidationError(
            `Ответьте на обязательные вопросы (не отвечено: ${missing.length})`,
            missing.map((el) => ({ path: `answers.${el.name}`, message: 'Ответьте на этот вопрос' })),
          );
        }
      }

      const existing = await this.responseOf(tx, t, token, true);
      if (existing && token) {
        if (existing.status === 'submitted') throw new ConflictError('Анкета уже отправлена: изменить ответы нельзя');
        if (input.complete) {
          // the code's row lock makes concurrent submissions (in any app process) count one after another
          const link = await q.lockLink(tx, existing.linkId);
          if (link && (await q.submittedCount(tx, link.id)) >= link.maxResponses) throw capReached(link.maxResponses);
        }
        await q.saveResponse(tx, existing.id, answers, input.complete);
        return { token, status: input.complete ? 'submitted' : 'draft' };
      }

      // a new response: the code's row lock makes concurrent starts (in any app process) count one after another
      const link = await q.lockLink(tx, t.link.id);
      if (!link || link.revokedAt !== null) throw new NotFoundError(CODE_NOT_FOUND);
      await q.deleteStaleDrafts(tx, link.id, STALE_DRAFT_MINUTES);
      // the cap counts finished answers of this code: drafts left open cannot lock it
      if ((await q.submittedCount(tx, link.id)) >= link.maxResponses) throw capReached(link.maxResponses);
      const recent = await q.recentStarts(tx, link.id, RATE_WINDOW_SECONDS);
      if (recent.n >= burstLimit(link.maxResponses)) {
        const retry = recent.oldest ? Math.max(1, Math.ceil((recent.oldest.getTime() + RATE_WINDOW_SECONDS * 1000 - now.getTime()) / 1000)) : RATE_WINDOW_SECONDS;
        throw new TooManyRequestsError(`Слишком много новых анкет по этому коду за последние 10 минут. Повторите через ${Math.ceil(retry / 60)} мин.`, retry);
      }
      const fresh = randomBytes(32).toString('base64url');
      await q.insertResponse(tx, {
        linkId: link.id,
        campaignId: link.campaignId,
        schoolId: link.schoolId,
        instrument: link.instrument,
        instrumentVersion: t.version,
        answers,
        status: input.complete ? 'submitted' : 'draft',
        tokenHash: hashToken(fresh),
        ...(input.complete ? { submittedAt: now } : {}),
      });
      return { token: fresh, status: input.complete ? 'submitted' : 'draft' };
    });
  }
}
